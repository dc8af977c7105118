import type { FileContext } from '../src/rule-api/context.js';
import type { Node } from '../src/python/parser.js';
import { decoratorCallee, decoratorsOf } from '../src/python/decorators.js';
import { assignedValues } from '../src/python/assignments.js';
import { calleeName, calleeNames, LOOP_BOUND_FACTORIES, normalizeLoopBound, SESSION_FACTORIES } from '../src/python/loop-bound.js';
import { argumentsOf } from '../src/python/loop-reach.js';
import { enclosingDef, isAsyncDef } from '../src/python/nodes.js';
import { defineTransform } from '../src/rule-api/transform.js';

const docs = `## What it does
Finds loop-bound resources kept for the life of the process: a function decorated with
\`@lru_cache\`, \`@lru_cache(maxsize=...)\`, \`@cache\` (or \`@functools.cache\`/\`@functools.lru_cache\`)
that returns an async engine (\`create_async_engine\`), an aiohttp or httpx client, a connection pool,
a Redis or Motor client or an \`AsyncIOScheduler\`; and a module-level \`async_sessionmaker(...)\` or
\`sessionmaker(..., class_=AsyncSession)\` bound to such a cached factory's result or to a module-level
async engine. Engines created with \`poolclass=NullPool\` keep no connections and are not reported.

## Why is this bad?
The cache hands the first object to every later caller, but the object's connections, futures and
tasks belong to the event loop that was running when they were made. pytest-asyncio gives each test
its own loop by default and every \`asyncio.run()\` makes a new one, so the first test passes and the
rest fail with \`RuntimeError: ... got Future ... attached to a different loop\` or \`Event loop is
closed\`. A module-level session factory bound to one engine shares that engine's pool the same way.
\`@lru_cache\` on an \`async def\` is worse: it caches the coroutine object, which can be awaited once.

## Example
\`\`\`python
from functools import lru_cache
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

@lru_cache
def get_engine():
    return create_async_engine("sqlite+aiosqlite:///app.db")

SessionLocal = async_sessionmaker(get_engine())
\`\`\`

## Use instead
\`\`\`python
import pytest_asyncio
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

def make_engine():
    return create_async_engine("sqlite+aiosqlite:///app.db")

@pytest_asyncio.fixture
async def session_factory():
    engine = make_engine()  # one engine per event loop
    yield async_sessionmaker(engine)
    await engine.dispose()
\`\`\`
In an application, create the engine in the FastAPI \`lifespan\` (or \`async def main()\`), keep it on
\`app.state\` and dispose of it on shutdown.

## Fix safety
Report only: the code that consumes the cached object has to receive it from a fixture, a lifespan or
a parameter instead, which a tool cannot decide.

## References
- [SQLAlchemy: using multiple asyncio event loops](https://docs.sqlalchemy.org/en/20/orm/extensions/asyncio.html#using-multiple-asyncio-event-loops)
- [pytest-asyncio: event loop scopes](https://pytest-asyncio.readthedocs.io/en/stable/concepts.html#asyncio-event-loops)
- [functools.lru_cache](https://docs.python.org/3/library/functools.html#functools.lru_cache)
`;

const CACHES = new Set(['functools.lru_cache', 'functools.cache']);
const ASYNC_SESSION = 'sqlalchemy.ext.asyncio.AsyncSession';
const ENGINE_FACTORIES = new Set(['sqlalchemy.ext.asyncio.create_async_engine', 'sqlalchemy.ext.asyncio.async_engine_from_config']);

export default defineTransform({
  code: 'LM303',
  name: 'cached-loop-bound-resource',
  summary: 'lru_cache/cache on a factory of loop-bound resources, or a module-level async session factory',
  docs,
  fixAvailability: 'none',
  minPython: '3.7',
  // A cache decorator (resolved through an import of functools) on a factory of loop-bound objects, or a session factory.
  about: [{ names: ['functools.cache', 'functools.lru_cache'], elsewhere: { names: [...LOOP_BOUND_FACTORIES] } }, { names: [...SESSION_FACTORIES] }],
  query: `(decorated_definition (decorator) @decorator definition: (function_definition name: (identifier) @name) @def)
  (call function: [(identifier) (attribute)] @maker arguments: (argument_list)) @makerCall`,
  captures: ['decorator', 'def', 'name', 'maker', 'makerCall'],
  check(match, ctx) {
    const decorator = ctx.capture(match, 'decorator');
    const def = ctx.capture(match, 'def');
    if (decorator && def) return cachedFactory(ctx, decorator, def);
    const maker = ctx.capture(match, 'maker');
    const call = ctx.capture(match, 'makerCall');
    if (maker && call) return sessionFactory(ctx, maker, call);
    return null;
  },
});

function cachedFactory(ctx: FileContext, decorator: Node, def: Node) {
  const cache = ctx.resolve(decoratorCallee(decorator));
  if (!cache || !CACHES.has(cache)) return null;
  const made = madeResource(ctx, def);
  if (!made) return null;
  const name = def.childForFieldName('name')?.text ?? 'factory';
  const deco = `@${decoratorCallee(decorator)?.text ?? 'lru_cache'}`;
  const coroutine = isAsyncDef(def) ? ` On an \`async def\` it also caches the coroutine object, which can only be awaited once.` : '';
  return ctx.finding({
    node: decorator,
    message: `\`${deco}\` keeps the first \`${shortName(made.kind)}\` that \`${name}()\` returns for the whole process, but it belongs to the event loop it was made on; a second loop (pytest-asyncio's per-test loops, another \`asyncio.run()\`) gets \`RuntimeError: Event loop is closed\` or "attached to a different loop" errors, and its connections are never closed.${coroutine} Drop the cache and create it once per loop (async fixture, lifespan or \`async def main()\`), closing it there`,
    suggestion: perLoopSuggestion(name, made.kind, isAsyncDef(def)),
  });
}

function sessionFactory(ctx: FileContext, maker: Node, call: Node) {
  if (!calleeNames(ctx.scopes, 'LM303', SESSION_FACTORIES).has(calleeName(maker) ?? '')) return null;
  const kind = normalizeLoopBound(ctx.resolve(maker));
  if (!kind || !SESSION_FACTORIES.has(kind)) return null;
  const args = argumentsOf(call);
  const kw = (k: string) => args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === k)?.childForFieldName('value') ?? null;
  const isAsync = kind === 'sqlalchemy.ext.asyncio.async_sessionmaker' || (kind === 'sqlalchemy.orm.sessionmaker' && normalizeLoopBound(ctx.resolve(kw('class_'))) === ASYNC_SESSION);
  if (!isAsync || enclosingDef(call) !== null) return null;
  const bind = kw('bind') ?? (args[0] && args[0].type !== 'keyword_argument' ? args[0] : null);
  if (!bind) return null;
  const source = engineSource(ctx, bind);
  if (!source) return null;
  const target = call.parent?.type === 'assignment' ? call.parent.childForFieldName('left')?.text : undefined;
  const shown = target ? `${target} = ${maker.text}(...)` : `${maker.text}(...)`;
  return ctx.finding({
    node: call,
    message: `module-level \`${shown}\` binds every session to ${source}, whose pooled connections belong to the event loop that opened them; a second loop (pytest-asyncio's per-test loops, another \`asyncio.run()\`) reuses them ("got Future attached to a different loop" with asyncpg) and nothing closes them. Build the engine and the session factory per loop (async fixture or lifespan) and dispose of the engine there, or give the engine \`poolclass=NullPool\``,
    suggestion: [
      '@pytest_asyncio.fixture',
      'async def session_factory():',
      `    engine = ${engineExpression(ctx, bind).replace(/\s+/g, ' ')}  # created on this loop, not cached`,
      `    yield ${maker.text}(engine${args
        .filter((a) => a !== bind && !(a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'bind'))
        .map((a) => `, ${a.text}`)
        .join('')})`,
      '    await engine.dispose()',
    ].join('\n'),
  });
}

/**
 * What makes the engine inside the suggested fixture: the call the module-level name is bound to
 * (`engine = engine` would raise UnboundLocalError), or the bind expression itself.
 */
function engineExpression(ctx: FileContext, bind: Node): string {
  if (bind.type !== 'identifier') return bind.text;
  const scope = ctx.scopes.definingScope(bind.text, bind);
  const made = scope ? assignedValues(bind.text, scope).find((v) => isEngineCall(ctx, v)) : undefined;
  return made?.text ?? bind.text;
}

/** "the cached engine from `get_engine()`" / "the module-level engine `engine` (line 4)", or null. */
function engineSource(ctx: FileContext, bind: Node): string | null {
  if (bind.type === 'call') {
    const fn = bind.childForFieldName('function');
    if (isEngineCall(ctx, bind)) return null;
    if (fn?.type === 'identifier' && cachedDefNamed(ctx, fn)) return `the cached engine from \`${fn.text}()\``;
    return null;
  }
  if (bind.type !== 'identifier') return null;
  const scope = ctx.scopes.definingScope(bind.text, bind);
  if (!scope || scope.kind !== 'module') return null;
  for (const value of assignedValues(bind.text, scope)) {
    const line = ctx.position(value.startIndex).line;
    if (isEngineCall(ctx, value) && !usesNullPool(value)) return `the module-level engine \`${bind.text}\` (line ${line})`;
    const fn = value.type === 'call' ? value.childForFieldName('function') : null;
    if (fn?.type === 'identifier' && cachedDefNamed(ctx, fn)) return `the cached engine from \`${fn.text}()\` (line ${line})`;
  }
  return null;
}

function isEngineCall(ctx: FileContext, node: Node): boolean {
  return node.type === 'call' && ENGINE_FACTORIES.has(normalizeLoopBound(ctx.resolve(node.childForFieldName('function'))) ?? '');
}

function usesNullPool(call: Node): boolean {
  return argumentsOf(call).some((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'poolclass' && /NullPool$/.test(a.childForFieldName('value')?.text ?? ''));
}

/** The module-level cached factory `fn` names, when it makes a loop-bound resource. */
function cachedDefNamed(ctx: FileContext, fn: Node): boolean {
  const scope = ctx.scopes.definingScope(fn.text, fn);
  if (!scope || scope.kind !== 'module') return false;
  for (const stmt of ctx.root.namedChildren) {
    const def = stmt?.type === 'decorated_definition' ? stmt.childForFieldName('definition') : null;
    if (!def || def.childForFieldName('name')?.text !== fn.text) continue;
    const cached = decoratorsOf(def).some((d) => CACHES.has(ctx.resolve(decoratorCallee(d)) ?? ''));
    if (cached && madeResource(ctx, def)) return true;
  }
  return false;
}

/** The loop-bound resource a function returns: `return factory(...)` or `x = factory(...); return x`. */
function madeResource(ctx: FileContext, def: Node): { kind: string } | null {
  const body = def.childForFieldName('body');
  if (!body) return null;
  const made = new Map<string, string>();
  let result: { kind: string } | null = null;
  const visit = (node: Node) => {
    for (const child of node.namedChildren) {
      if (!child || child.type === 'function_definition' || child.type === 'class_definition' || child.type === 'lambda') continue;
      if (child.type === 'assignment') {
        const left = child.childForFieldName('left');
        const kind = factoryKind(ctx, child.childForFieldName('right'));
        if (left?.type === 'identifier' && kind) made.set(left.text, kind);
      }
      if (child.type === 'return_statement') {
        const value = child.namedChildren.find((c) => c !== null) ?? null;
        const kind = value?.type === 'identifier' ? made.get(value.text) : factoryKind(ctx, value);
        if (kind && !result) result = { kind };
      }
      visit(child);
    }
  };
  visit(body);
  return result;
}

function factoryKind(ctx: FileContext, value: Node | null): string | null {
  let v = value;
  if (v?.type === 'await') v = v.namedChildren[0] ?? null;
  if (!v || v.type !== 'call') return null;
  const kind = normalizeLoopBound(ctx.resolve(v.childForFieldName('function')));
  if (!kind || !LOOP_BOUND_FACTORIES.has(kind)) return null;
  if (ENGINE_FACTORIES.has(kind) && usesNullPool(v)) return null;
  return kind;
}

function shortName(kind: string): string {
  if (ENGINE_FACTORIES.has(kind)) return 'AsyncEngine';
  if (kind.startsWith('redis.')) return 'Redis client';
  if (kind.endsWith('create_pool')) return 'connection pool';
  if (kind.endsWith('.connect')) return 'connection';
  return kind.slice(kind.lastIndexOf('.') + 1);
}

function perLoopSuggestion(name: string, kind: string, isAsync: boolean): string {
  const make = `${isAsync ? 'await ' : ''}${name}()`;
  const close = ENGINE_FACTORIES.has(kind)
    ? 'await resource.dispose()'
    : kind === 'apscheduler.schedulers.asyncio.AsyncIOScheduler'
      ? 'resource.shutdown()'
      : kind.startsWith('asyncio.')
        ? null
        : 'await resource.close()';
  return [
    `# remove the cache decorator from ${name}(), then own one instance per event loop:`,
    '@pytest_asyncio.fixture  # or inside the FastAPI lifespan / async def main()',
    'async def resource():',
    `    resource = ${make}`,
    '    yield resource',
    ...(close ? [`    ${close}`] : []),
  ].join('\n');
}
