// Recognising the fixtures the 2xx rules care about in one parsed module: `event_loop` and
// `event_loop_policy` overrides, `anyio_backend`, and async fixtures with their scopes. Used both by
// the project pre-pass (facts.ts) and by the per-file transforms, so both agree on what they see.
import type { Node } from '../python/parser.js';
import { enclosingFunction, isAsyncDef } from '../python/nodes.js';
import type { ScopeIndex } from '../python/scope.js';
import { findParameter, isFixtureRequest } from '../python/params.js';
import { collectableFunctions, decoratorCall, FIXTURE_DECORATORS, fixtureScope, isTestFunction, keyword, type DecoratorCall } from './decorators.js';
import { decoratorsOf } from '../python/decorators.js';
import { type ScopeName } from '../common/facts.js';

export interface FixtureDef {
  def: Node;
  /** The name pytest knows it by (`name=` wins over the function name). */
  name: string;
  decorator: DecoratorCall;
  /** null when the scope is not a plain literal (a callable, a variable). */
  scope: ScopeName | null;
  async: boolean;
}

export function fixtureOf(def: Node, scopes: ScopeIndex): FixtureDef | null {
  for (const d of decoratorsOf(def)) {
    const call = decoratorCall(d, scopes);
    if (!call || !(FIXTURE_DECORATORS as readonly string[]).includes(call.qualified)) continue;
    const nameKw = keyword(call.args, 'name');
    const name = nameKw?.literal ?? def.childForFieldName('name')?.text ?? '';
    return { def, name, decorator: call, scope: fixtureScope(call), async: isAsyncDef(def) };
  }
  return null;
}

export function fixturesIn(root: Node, scopes: ScopeIndex): FixtureDef[] {
  return collectableFunctions(root).flatMap((def) => fixtureOf(def, scopes) ?? []);
}

/** Identifiers in def's body that refer to its parameter `name` (not attribute or keyword names). */
export function parameterUses(def: Node, name: string, scopes: ScopeIndex): Node[] {
  const body = def.childForFieldName('body');
  if (!body) return [];
  return body.descendantsOfType('identifier').filter((n): n is Node => {
    if (!n || n.text !== name) return false;
    const parent = n.parent;
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === n.id) return false;
    if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === n.id) return false;
    return scopes.lookup(name, n).local;
  });
}

/** Identifiers in def's body that refer to its `event_loop` parameter. */
export function eventLoopUses(def: Node, scopes: ScopeIndex): Node[] {
  return parameterUses(def, 'event_loop', scopes);
}

/** The public API of asyncio's event loops (AbstractEventLoop and BaseEventLoop), as of Python 3.14. */
export const LOOP_METHODS: ReadonlySet<string> = new Set([
  'run_forever',
  'run_until_complete',
  'stop',
  'is_running',
  'is_closed',
  'close',
  'shutdown_asyncgens',
  'shutdown_default_executor',
  'call_soon',
  'call_later',
  'call_at',
  'time',
  'create_future',
  'create_task',
  'set_task_factory',
  'get_task_factory',
  'call_soon_threadsafe',
  'run_in_executor',
  'set_default_executor',
  'getaddrinfo',
  'getnameinfo',
  'create_connection',
  'create_server',
  'sendfile',
  'start_tls',
  'create_unix_connection',
  'create_unix_server',
  'connect_accepted_socket',
  'create_datagram_endpoint',
  'connect_read_pipe',
  'connect_write_pipe',
  'subprocess_shell',
  'subprocess_exec',
  'add_reader',
  'remove_reader',
  'add_writer',
  'remove_writer',
  'sock_recv',
  'sock_recv_into',
  'sock_recvfrom',
  'sock_recvfrom_into',
  'sock_sendall',
  'sock_sendto',
  'sock_connect',
  'sock_accept',
  'sock_sendfile',
  'add_signal_handler',
  'remove_signal_handler',
  'set_exception_handler',
  'get_exception_handler',
  'default_exception_handler',
  'call_exception_handler',
  'get_debug',
  'set_debug',
  'slow_callback_duration',
]);

/** The first method called on `event_loop` that asyncio's loops do not have (a project's own loop class), if any. */
export function customLoopMethod(uses: Node[]): string | undefined {
  return uses
    .map((u) => (u.parent?.type === 'attribute' && u.parent.childForFieldName('object')?.id === u.id ? u.parent.childForFieldName('attribute')?.text : undefined))
    .find((m) => m !== undefined && !LOOP_METHODS.has(m));
}

/**
 * How a sync test uses its `event_loop` argument: 'drives' when every use is
 * `event_loop.run_until_complete(x)` in its own body (it can become an async test that awaits),
 * 'custom' when it calls methods asyncio's loops lack, else 'object' (it needs a loop to hold).
 */
export function syncLoopUse(def: Node, uses: Node[]): 'drives' | 'object' | 'custom' {
  if (customLoopMethod(uses)) return 'custom';
  for (const id of uses) {
    const attr = id.parent;
    const call = attr?.parent;
    if (attr?.type !== 'attribute' || attr.childForFieldName('attribute')?.text !== 'run_until_complete' || call?.type !== 'call') return 'object';
    if (enclosingFunction(call)?.id !== def.id) return 'object';
    const args = call.childForFieldName('arguments')?.namedChildren.filter((c) => c !== null && c.type !== 'comment') ?? [];
    if (args.length !== 1 || args[0]?.type === 'keyword_argument' || args[0]?.type === 'list_splat') return 'object';
  }
  return 'drives';
}

/** The module's first sync test that holds `event_loop` as an object (an `event_loop` fixture in its reach must stay), if any. */
export function firstLoopHolder(root: Node, scopes: ScopeIndex): Node | undefined {
  return collectableFunctions(root).find((def) => {
    if (isAsyncDef(def) || !isTestFunction(def) || fixtureOf(def, scopes)) return false;
    if (!isFixtureRequest(findParameter(def, 'event_loop'))) return false;
    return syncLoopUse(def, eventLoopUses(def, scopes)) === 'object';
  });
}

/** An `event_loop` fixture body that makes a new loop (so as a plain fixture it still works under pytest-asyncio 1.x). */
export function makesFreshLoop(def: Node): boolean {
  const body = def.childForFieldName('body')?.text ?? '';
  return /new_event_loop\(\)/.test(body) && !/get_event_loop\(\)|get_running_loop\(\)/.test(body);
}

// Statements an `event_loop` fixture may hold and still only "create, yield, close" a loop; compared
// with whitespace removed. Anything else (policies, uvloop, set_debug, executors) needs a human.
const SIMPLE_STATEMENTS = [
  /^\w+=(\w+\.)*(new_event_loop|get_event_loop|get_running_loop)\(\)$/,
  /^\w+=(\w+\.)*get_event_loop_policy\(\)(\.new_event_loop\(\))?$/,
  /^(\w+\.)*set_event_loop\((\w+|None)\)$/,
  /^yield(\w+)?$/,
  /^return\w+$/,
  /^\w+\.close\(\)$/,
  /^\w+\.run_until_complete\(\w+\.shutdown_(asyncgens|default_executor)\(\)\)$/,
  /^ifnot\w+\.is_closed\(\):\w+\.close\(\)$/,
  /^pass$/,
];

/** Why an event_loop fixture body does more than create/yield/close a loop, or null when it does not. */
export function eventLoopBodyProblem(def: Node, scopes: ScopeIndex): string | null {
  const body = def.childForFieldName('body');
  if (!body) return 'it has no body';
  return blockProblem(body, true, scopes);
}

/** `loop = x.new_event_loop()` where x is not asyncio (uvloop, a project's module): a loop-factories hook's job. */
function foreignLoop(stmt: Node, scopes: ScopeIndex): boolean {
  const fn = stmt.namedChildren[0]?.childForFieldName('right')?.childForFieldName('function');
  if (!fn || !/new_event_loop$/.test(fn.text)) return false;
  const qualified = scopes.resolve(fn);
  return qualified !== null && !qualified.startsWith('asyncio.');
}

function blockProblem(block: Node, top: boolean, scopes: ScopeIndex): string | null {
  let first = top;
  for (const stmt of block.namedChildren) {
    if (!stmt || stmt.type === 'comment') continue;
    if (first && stmt.type === 'expression_statement' && stmt.namedChildren[0]?.type === 'string') {
      first = false;
      continue;
    }
    first = false;
    if (stmt.type === 'try_statement') {
      for (const part of stmt.namedChildren) {
        if (!part || part.type === 'comment') continue;
        if (part.type === 'block') {
          const p = blockProblem(part, false, scopes);
          if (p) return p;
        } else if (part.type === 'except_clause') {
          const caught = part.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment');
          if (caught && !/^(RuntimeError|Exception)(\s+as\s+\w+)?$/.test(caught.text)) return `it catches ${caught.text}`;
          const b = part.namedChildren.find((c) => c?.type === 'block');
          const p = b ? blockProblem(b, false, scopes) : null;
          if (p) return p;
        } else if (part.type === 'finally_clause' || part.type === 'else_clause') {
          const b = part.namedChildren.find((c) => c?.type === 'block');
          const p = b ? blockProblem(b, false, scopes) : null;
          if (p) return p;
        } else return `it has ${part.type}`;
      }
      continue;
    }
    const text = stmt.text.replace(/#.*$/gm, '').replace(/\s+/g, '');
    if (!SIMPLE_STATEMENTS.some((re) => re.test(text)) || foreignLoop(stmt, scopes)) return `it runs \`${stmt.text.split(/\r?\n/)[0]}\``;
  }
  return null;
}
