// What the 3xx rules know about objects bound to an event loop, and the display-only code they
// suggest. Names are qualified as FileContext.resolve() returns them.
import type { Node } from './parser.js';
import type { Text } from './words.js';
import { LoopReach, type Reach } from './loop-reach.js';
import type { ScopeIndex } from './scope.js';
import { indentAt } from './text.js';

/** aiohttp re-exports its classes at the top level; rules match on that spelling. */
export function normalizeLoopBound(qualified: string | null): string | null {
  if (!qualified) return null;
  return qualified
    .replace(/^aiohttp\.(client|connector|cookiejar|resolver)\./, 'aiohttp.')
    .replace(/^aiohttp\.web_server\./, 'aiohttp.web.')
    .replace(/^sqlalchemy\.ext\.asyncio\.(engine|session)\./, 'sqlalchemy.ext.asyncio.');
}

/** Constructors that need a running loop: aiohttp 3.10+ raises `RuntimeError: no running event loop`. */
export const NEEDS_RUNNING_LOOP = new Set([
  'aiohttp.ClientSession',
  'aiohttp.TCPConnector',
  'aiohttp.UnixConnector',
  'aiohttp.NamedPipeConnector',
  'aiohttp.CookieJar',
  'aiohttp.DummyCookieJar',
  'aiohttp.ThreadedResolver',
  'aiohttp.AsyncResolver',
  'aiohttp.web.Server',
]);

/** Objects that attach to the first loop that uses them and fail on any later loop. */
export const BINDS_FIRST_LOOP = new Set([
  'asyncio.Queue',
  'asyncio.LifoQueue',
  'asyncio.PriorityQueue',
  'asyncio.Lock',
  'asyncio.Event',
  'asyncio.Condition',
  'asyncio.Semaphore',
  'asyncio.BoundedSemaphore',
  'asyncio.Barrier',
  'httpx.AsyncClient',
]);

/** Factories whose result holds connections, tasks or futures of the loop it was first used on. */
export const LOOP_BOUND_FACTORIES = new Set([
  ...NEEDS_RUNNING_LOOP,
  ...BINDS_FIRST_LOOP,
  'sqlalchemy.ext.asyncio.create_async_engine',
  'sqlalchemy.ext.asyncio.async_engine_from_config',
  'sqlalchemy.ext.asyncio.AsyncEngine',
  'sqlalchemy.ext.asyncio.async_sessionmaker',
  'asyncpg.create_pool',
  'asyncpg.connect',
  'aiosqlite.connect',
  'redis.asyncio.Redis',
  'redis.asyncio.from_url',
  'redis.asyncio.ConnectionPool',
  'redis.asyncio.Redis.from_url',
  'redis.asyncio.ConnectionPool.from_url',
  'motor.motor_asyncio.AsyncIOMotorClient',
  'apscheduler.schedulers.asyncio.AsyncIOScheduler',
]);

export const SCHEDULER = 'apscheduler.schedulers.asyncio.AsyncIOScheduler';

export const LOOP_BOUND_OBJECTS: ReadonlySet<string> = new Set([...NEEDS_RUNNING_LOOP, ...BINDS_FIRST_LOOP]);
export const SESSION_FACTORIES: ReadonlySet<string> = new Set(['sqlalchemy.ext.asyncio.async_sessionmaker', 'sqlalchemy.orm.sessionmaker']);

const reaches = new WeakMap<ScopeIndex, LoopReach>();
const candidates = new WeakMap<ScopeIndex, Map<string, Set<string>>>();

/**
 * The callee spellings (last name segment) that can refer to one of `targets` in this file: their
 * own short names plus module-level import aliases of them. Checking this before resolve() keeps a
 * rule that sees every call cheap, since resolving builds scope indexes.
 */
export function calleeNames(scopes: ScopeIndex, key: string, targets: ReadonlySet<string>): ReadonlySet<string> {
  let perFile = candidates.get(scopes);
  if (!perFile) {
    perFile = new Map();
    candidates.set(scopes, perFile);
  }
  let names = perFile.get(key);
  if (!names) {
    names = new Set([...targets].map((t) => t.slice(t.lastIndexOf('.') + 1)));
    for (const b of scopes.module.imports.values()) {
      const target = normalizeLoopBound(b.target) ?? b.target;
      if (targets.has(target)) names.add(b.name);
    }
    perFile.set(key, names);
  }
  return names;
}

/** The last name segment of a callee: `ClientSession` for `aiohttp.ClientSession`. */
export function calleeName(callee: Node): string | undefined {
  return callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee.text;
}

/** One LoopReach per parsed file (keyed by its scope index, which lives as long as the tree). */
export function loopReach(root: Node, scopes: ScopeIndex, text: Text): LoopReach {
  let r = reaches.get(scopes);
  if (!r) {
    r = new LoopReach(root, scopes, text);
    reaches.set(scopes, r);
  }
  return r;
}

/** "at import time" / "in the `__main__` block" / "in `setup()`, which import-time code calls (line 12)". */
export function describeReach(reach: Extract<Reach, { kind: 'no-loop' }>, lineOf: (n: Node) => number): string {
  const outer = reach.via[reach.via.length - 1];
  if (reach.where === 'sync-fixture') return "in a synchronous pytest fixture, which pytest-asyncio runs outside the test's event loop";
  const place = { 'main-guard': 'in the `__main__` block', cell: 'in a notebook cell without a top-level `await` (IPython 8.18+ runs such a cell with no event loop)', module: 'at import time' }[
    reach.where
  ];
  if (!outer) return reach.where === 'module' ? 'at import time, when no event loop is running' : `${place}, where no event loop is running`;
  const callee = outer.childForFieldName('function')?.text ?? 'a function';
  return `through \`${callee}()\`, called ${place} (line ${lineOf(outer)}) with no event loop running`;
}

/** The statements to move into a coroutine: from `first` through `last` when they share a block. */
export function statementRun(first: Node | null, last: Node): Node[] {
  if (!first || first.parent?.id !== last.parent?.id || first.startIndex > last.startIndex) return [last];
  const out: Node[] = [];
  for (let cur: Node | null = first; cur; cur = cur.nextNamedSibling) {
    if (cur.type !== 'comment') out.push(cur);
    if (cur.id === last.id) break;
  }
  return out;
}

/** Source of statements re-indented to `indent` (their common indentation replaced). */
export function reindented(source: string, stmts: Node[], indent: string): string {
  return stmts
    .map((s) => {
      const base = indentAt(source, s.startIndex);
      return s.text
        .split(/\r\n|\r|\n/)
        .map((line, i) => (i === 0 ? indent + line : line.startsWith(base) ? indent + line.slice(base.length) : line))
        .join('\n');
    })
    .join('\n');
}

/** A notebook cell: a top-level await makes IPython run the whole cell on its event loop. */
export function cellSuggestion(body: string): string {
  return `await asyncio.sleep(0)  # a top-level await makes IPython run this cell on its event loop\n${body}`;
}

/** `async def main(): <body>; await forever` + `asyncio.run(main())`. */
export function asyncMainSuggestion(body: string, keepRunning: boolean, mainGuard: boolean, quietInterrupt = false): string {
  const lines = ['async def main():', body];
  if (keepRunning) lines.push('    await asyncio.Event().wait()  # keeps the loop, and the scheduled jobs, running');
  lines.push('');
  const run = quietInterrupt ? 'try:\n    asyncio.run(main())\nexcept (KeyboardInterrupt, SystemExit):\n    pass' : 'asyncio.run(main())';
  lines.push(mainGuard ? `if __name__ == "__main__":\n${run.replace(/^/gm, '    ')}` : run);
  return lines.join('\n');
}

/** A FastAPI/Starlette lifespan running `startup` before and `shutdown` after serving. */
export function lifespanSuggestion(startup: string, shutdown: string | null, app: { name: string; call: string }): string {
  const lines = ['from contextlib import asynccontextmanager', '', '@asynccontextmanager', 'async def lifespan(app):', startup, '    yield'];
  if (shutdown) lines.push(shutdown);
  lines.push('', `${app.name} = ${app.call}`);
  return lines.join('\n');
}

/** `FastAPI(title="x")` → `FastAPI(title="x", lifespan=lifespan)`. */
export function withLifespanArgument(call: Node): string {
  const callee = call.childForFieldName('function')?.text ?? 'FastAPI';
  const args = call.childForFieldName('arguments');
  const inner = args ? args.text.slice(1, -1).trim().replace(/,$/, '') : '';
  return `${callee}(${inner ? `${inner}, ` : ''}lifespan=lifespan)`;
}

/** The name a call's result is assigned to (`app = FastAPI()`), else the fallback. */
export function assignedName(call: Node, fallback = 'app'): string {
  const parent = call.parent;
  const left = parent?.type === 'assignment' ? parent.childForFieldName('left') : null;
  return left?.type === 'identifier' ? left.text : fallback;
}
