// What a variable holding an event loop is used for: the analysis LM102, LM103, LM104 and LM105 share so
// that each rule knows which loops another rule rewrites.
import type { SourceModel } from './model.js';
import type { Node } from './parser.js';
import { argumentCount, enclosingStatement, isMainGuard } from './nodes.js';
import type { Scope } from './scope.js';
import { indentAt, lineEndOf } from './text.js';
import type { Edit } from '../common/types.js';

/** The calls that make (or return) the loop a variable holds. */
export const LOOP_FACTORIES: ReadonlySet<string> = new Set(['asyncio.get_event_loop', 'asyncio.new_event_loop']);
const SHUTDOWNS = new Set(['shutdown_asyncgens', 'shutdown_default_executor']);

/**
 * - creation: `loop = asyncio.get_event_loop()` / `new_event_loop()` as a statement
 * - set: `asyncio.set_event_loop(loop)` as a statement
 * - run: `loop.run_until_complete(x)` (not housekeeping)
 * - forever: `loop.run_forever()`
 * - housekeeping: `loop.close()` or `loop.run_until_complete(loop.shutdown_asyncgens())` as a statement
 * - method: any other `loop.method(...)` call in the loop's own scope
 * - other: anything else (passed on, returned, stored, used in a nested function, ...)
 */
export type LoopUseKind = 'creation' | 'set' | 'run' | 'forever' | 'housekeeping' | 'method' | 'other';

export interface LoopUse {
  kind: LoopUseKind;
  ref: Node;
  /** The statement to remove for set/housekeeping, the assignment statement for creation. */
  stmt: Node | null;
  /** The call for run/forever/method/housekeeping/set. */
  call: Node | null;
}

export interface LoopVariable {
  name: string;
  scope: Scope;
  uses: LoopUse[];
}

export function isLoopFactoryCall(ctx: SourceModel, node: Node | null | undefined): boolean {
  if (!node || node.type !== 'call') return false;
  return LOOP_FACTORIES.has(ctx.resolve(node.childForFieldName('function')) ?? '') && argumentCount(node.childForFieldName('arguments')) === 0;
}

/** The statement `name = <factory call>` that `call` is the right side of, or null. */
export function creationStatement(ctx: SourceModel, call: Node): { stmt: Node; name: Node } | null {
  const assign = call.parent;
  if (assign?.type !== 'assignment' || assign.childForFieldName('right')?.id !== call.id) return null;
  const left = assign.childForFieldName('left');
  const stmt = assign.parent;
  if (left?.type !== 'identifier' || stmt?.type !== 'expression_statement' || !isLoopFactoryCall(ctx, call)) return null;
  return { stmt, name: left };
}

/** Every mention of the variable `name` in the scope that `at` belongs to, classified. Null for class scopes. */
export function loopVariable(ctx: SourceModel, at: Node): LoopVariable | null {
  const name = at.text;
  const scope = ctx.scopes.scopeOf(at);
  if (scope.kind === 'class' || !scope.others.has(name) || scope.declaredOuter.has(name)) return null;
  const body = scope.kind === 'module' ? scope.node : scope.node.childForFieldName('body');
  if (!body) return null;
  const uses: LoopUse[] = [];
  const inner = new Set<number>();
  for (const ref of ctx.identifiersNamed(name, body)) {
    if (isAttributeName(ref) || isKeywordName(ref) || inner.has(ref.id)) continue;
    const refScope = ctx.scopes.scopeOf(ref);
    if (refScope !== scope) {
      // A nested function with its own variable of that name is another variable.
      if (refScope.others.has(name) && !refScope.declaredOuter.has(name)) continue;
      uses.push({ kind: 'other', ref, stmt: null, call: null });
      continue;
    }
    const use = classify(ctx, ref);
    if (use.kind === 'housekeeping' && use.call) {
      // The receiver inside `loop.run_until_complete(loop.shutdown_asyncgens())` belongs to the same use.
      for (const id of use.call.descendantsOfType('identifier')) if (id && id.text === name) inner.add(id.id);
    }
    uses.push(use);
  }
  return { name, scope, uses };
}

function classify(ctx: SourceModel, ref: Node): LoopUse {
  const other: LoopUse = { kind: 'other', ref, stmt: null, call: null };
  const parent = ref.parent;
  if (!parent) return other;
  if (parent.type === 'assignment' && parent.childForFieldName('left')?.id === ref.id) {
    const stmt = parent.parent;
    if (stmt?.type === 'expression_statement' && isLoopFactoryCall(ctx, parent.childForFieldName('right'))) {
      return { kind: 'creation', ref, stmt, call: parent.childForFieldName('right') };
    }
    return other;
  }
  if (parent.type === 'argument_list') {
    const c = parent.parent;
    if (c?.type === 'call' && ctx.resolve(c.childForFieldName('function')) === 'asyncio.set_event_loop' && argumentCount(parent) === 1) {
      const stmt = bareStatement(c);
      if (stmt) return { kind: 'set', ref, stmt, call: c };
    }
    return other;
  }
  if (parent.type !== 'attribute' || parent.childForFieldName('object')?.id !== ref.id) return other;
  const method = parent.childForFieldName('attribute')?.text ?? '';
  const call = parent.parent;
  if (call?.type !== 'call' || call.childForFieldName('function')?.id !== parent.id) return other;
  const args = call.childForFieldName('arguments');
  if (method === 'close' && argumentCount(args) === 0) {
    const stmt = bareStatement(call);
    return stmt ? { kind: 'housekeeping', ref, stmt, call } : { kind: 'method', ref, stmt: enclosingStatement(call), call };
  }
  if (method === 'run_forever' && argumentCount(args) === 0) return { kind: 'forever', ref, stmt: enclosingStatement(call), call };
  if (method === 'run_until_complete' && argumentCount(args) === 1) {
    const arg = args?.namedChildren.find((c) => c && c.type !== 'comment');
    if (arg && isShutdownOf(arg, ref.text)) {
      const stmt = bareStatement(call);
      if (stmt) return { kind: 'housekeeping', ref, stmt, call };
      return other;
    }
    if (arg && arg.type !== 'keyword_argument' && arg.type !== 'list_splat') return { kind: 'run', ref, stmt: enclosingStatement(call), call };
    return other;
  }
  return { kind: 'method', ref, stmt: enclosingStatement(call), call };
}

/** `x.shutdown_asyncgens(...)` or `x.shutdown_default_executor(...)`: a loop's housekeeping, whatever `x` is. */
export function isShutdownCall(node: Node): boolean {
  const fn = node.type === 'call' ? node.childForFieldName('function') : null;
  return fn?.type === 'attribute' && SHUTDOWNS.has(fn.childForFieldName('attribute')?.text ?? '');
}

/** `loop.shutdown_asyncgens()` (or shutdown_default_executor) on the same variable. */
function isShutdownOf(arg: Node, name: string): boolean {
  if (!isShutdownCall(arg) || argumentCount(arg.childForFieldName('arguments')) !== 0) return false;
  return arg.childForFieldName('function')?.childForFieldName('object')?.text === name;
}

/** `asyncio.set_event_loop(None)`: leaves no current loop, as `asyncio.run()` does when it ends. */
export function clearsCurrentLoop(ctx: SourceModel, call: Node): boolean {
  if (call.type !== 'call' || ctx.resolve(call.childForFieldName('function')) !== 'asyncio.set_event_loop') return false;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a) => a !== null && a.type !== 'comment') ?? [];
  return args.length === 1 && args[0]?.type === 'none';
}

/** `asyncio.set_event_loop(None)` as a statement of its own. */
export function isLoopReset(ctx: SourceModel, stmt: Node): boolean {
  const call = stmt.type === 'expression_statement' && stmt.namedChildren.length === 1 ? stmt.namedChildren[0] : null;
  return call !== null && call !== undefined && clearsCurrentLoop(ctx, call);
}

function bareStatement(call: Node): Node | null {
  const stmt = call.parent;
  return stmt?.type === 'expression_statement' && stmt.namedChildren.length === 1 ? stmt : null;
}

export function isAttributeName(n: Node): boolean {
  const p = n.parent;
  return p?.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id;
}

export function isKeywordName(n: Node): boolean {
  const p = n.parent;
  return p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id;
}

/** Statements that sit directly in the module or directly in a top-level `if __name__ == "__main__":` block. */
function isEntryLevel(stmt: Node): boolean {
  const block = stmt.parent;
  if (block?.type === 'module') return true;
  const guard = block?.type === 'block' ? block.parent : null;
  return guard !== null && guard !== undefined && guard.parent?.type === 'module' && isMainGuard(guard);
}

/**
 * The entry-level statement that runs `stmt`: the statement itself, or a `try` or `with` whose body
 * holds only it (the usual `try: loop.run_forever() except KeyboardInterrupt: ...`, or
 * `with contextlib.suppress(KeyboardInterrupt):`). Null elsewhere.
 */
export function entryStatementOf(stmt: Node): Node | null {
  if (isEntryLevel(stmt)) return stmt;
  const block = stmt.parent;
  const tryStmt = block?.parent;
  const wrapper = tryStmt?.type === 'try_statement' || tryStmt?.type === 'with_statement';
  if (block?.type !== 'block' || !tryStmt || !wrapper || tryStmt.childForFieldName('body')?.id !== block.id) return null;
  const body = block.namedChildren.filter((c) => c && c.type !== 'comment');
  return body.length === 1 && isEntryLevel(tryStmt) ? tryStmt : null;
}

/** Awaitables that are not coroutines: `asyncio.run()` and `Runner.run()` reject them. */
const NOT_COROUTINES = new Set([
  'asyncio.gather',
  'asyncio.ensure_future',
  'asyncio.shield',
  'asyncio.wrap_future',
  'asyncio.create_task',
  'asyncio.run_coroutine_threadsafe',
  'asyncio.Future',
  'asyncio.Task',
  'asyncio.as_completed',
]);

/** A call known to return an awaitable that is not a coroutine object. */
export function isKnownNonCoroutine(ctx: SourceModel, arg: Node): boolean {
  return arg.type === 'call' && NOT_COROUTINES.has(ctx.resolve(arg.childForFieldName('function')) ?? '');
}

/** Loops (for/while) between `stmt` and the block `stop` that make it run more than once. */
export function repeatedWithin(stmt: Node, stop: Node): boolean {
  for (let cur = stmt.parent; cur && cur.id !== stop.id; cur = cur.parent) {
    if (cur.type === 'for_statement' || cur.type === 'while_statement') return true;
  }
  return false;
}

/** The ancestor of `node` (or node itself) that is a direct child of `block`. */
export function childOfBlock(node: Node, block: Node): Node | null {
  let cur: Node | null = node;
  while (cur && cur.parent && cur.parent.id !== block.id) cur = cur.parent;
  return cur && cur.parent ? cur : null;
}

/**
 * The creation `get_event_loop()` did implicitly without a current loop, made explicit:
 * `name = asyncio.new_event_loop()` (replacing `call`, the statement's value) and
 * `asyncio.set_event_loop(name)` on the next line. Null when other code shares the statement's line.
 */
export function explicitLoopEdits(ctx: SourceModel, stmt: Node, call: Node, name: string): Edit[] | null {
  const asyncio = ctx.ensureImport('asyncio', undefined, call);
  const end = lineEndOf(ctx.source, stmt.endIndex);
  if (!asyncio || ctx.source.slice(stmt.endIndex, end).trim() !== '') return null;
  const indent = indentAt(ctx.source, stmt.startIndex);
  const tail = ctx.source.slice(call.endIndex, end);
  return [{ start: call.startIndex, end, text: `${asyncio.ref}.new_event_loop()${tail}${ctx.eol}${indent}${asyncio.ref}.set_event_loop(${name})` }, ...asyncio.edits];
}
