import type { FileContext } from '../src/rule-api/context.js';
import type { Node } from '../src/python/parser.js';
import { argumentCount, enclosingFunction, enclosingStatement, inCoroutine, isAsyncDef, isMainGuard } from '../src/python/nodes.js';
import { removeStatements } from '../src/python/statements.js';
import { lastNames } from '../src/python/names.js';
import { defineTransform } from '../src/rule-api/transform.js';
import type { Edit, Finding, Safety } from '../src/common/types.js';
import { valuesOf } from '../src/python/assignments.js';
import { fixtureOf } from '../src/pytest/fixtures.js';
import { enclosingLoopDrivingFixture } from '../src/pytest/sync-fixtures.js';
import { childOfBlock, clearsCurrentLoop, isKnownNonCoroutine, isLoopFactoryCall, isLoopReset, isShutdownCall, LOOP_FACTORIES, loopVariable, type LoopVariable } from '../src/python/loops.js';

const docs = `## What it does
Rewrites a loop that is created only to run one coroutine into \`asyncio.run()\`:
\`loop = asyncio.get_event_loop()\` (or \`asyncio.new_event_loop()\` with \`asyncio.set_event_loop(loop)\`),
one \`loop.run_until_complete(main())\` and an optional \`loop.close()\` (also in a \`finally:\` clause),
and the one-liner \`asyncio.get_event_loop().run_until_complete(main())\`.

## Why is this bad?
\`asyncio.get_event_loop()\` with no running loop emits \`DeprecationWarning: There is no current event
loop\` on Python 3.12 and 3.13 and raises \`RuntimeError\` on 3.14. Driving the loop by hand also skips
the clean-up \`asyncio.run()\` does: cancelling leftover tasks, shutting down async generators and the
default executor, and closing the loop.

## Example
\`\`\`python
import asyncio

async def main():
    await asyncio.sleep(1)

if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    try:
        loop.run_until_complete(main())
    finally:
        loop.close()
\`\`\`

## Use instead
\`\`\`python
import asyncio

async def main():
    await asyncio.sleep(1)

if __name__ == "__main__":
    asyncio.run(main())
\`\`\`

## Fix safety
Safe when every condition is proven in the file: the loop variable is used for nothing but this one
run (and its \`set_event_loop\`/\`close\`/\`shutdown_asyncgens\` housekeeping), the argument is a call
of an \`async def\` defined in the file (or an asyncio coroutine function), the code is not in a
coroutine, it is not repeated (a loop, a comprehension), no other synchronous code in the file talks
to the event loop, the loop is not a public module-level name other modules could import, and a run
on the shared loop inside a function happens once (the function is called once, from the top level,
and no module-level asyncio object such as a \`Lock\` or \`Queue\` is bound to the first loop). Otherwise
the fix is unsafe (\`--unsafe-fixes\`) and the finding says why: \`asyncio.run()\` gives every run a
fresh loop, closes it, and leaves no current loop behind.

No fix is offered when synchronous code schedules work on the loop before the run
(\`asyncio.ensure_future(...)\`, \`gather(...)\` outside a coroutine: that work would stay on another
loop), when the argument is known not to be a coroutine (\`asyncio.gather(...)\`, a variable holding
one), or when the statements to remove share lines with other code. A loop used for anything else is
not reported here (see LM103 and LM104).

## References
- [asyncio.run](https://docs.python.org/3/library/asyncio-runner.html#asyncio.run)
- [Python 3.12: get_event_loop deprecation](https://docs.python.org/3/whatsnew/3.12.html#deprecated)
`;

const LOOP_FACTORY_NAMES = lastNames(LOOP_FACTORIES);
// wait/wait_for/gather are left out on purpose: what they wait on may be bound to another loop.
const COROUTINE_FUNCTIONS = new Set(['asyncio.sleep', 'asyncio.open_connection', 'asyncio.start_server', 'asyncio.to_thread']);
/** Sync calls that schedule work on the current loop: after asyncio.run() takes over, that work is lost. */
const SCHEDULES_ON_CURRENT_LOOP = new Set([
  'asyncio.ensure_future',
  'asyncio.gather',
  'asyncio.shield',
  'asyncio.wrap_future',
  'asyncio.as_completed',
  'asyncio.Future',
  'asyncio.Task',
  'asyncio.wait_for',
]);
/** Calls that, outside a coroutine, talk to (or implicitly create) the current event loop. */
const SYNC_LOOP_APIS = new Set(['asyncio.get_event_loop', 'asyncio.new_event_loop', 'asyncio.set_event_loop', 'asyncio.get_event_loop_policy', ...SCHEDULES_ON_CURRENT_LOOP, 'asyncio.wait']);
/** The callees otherSyncLoopUse() looks at. */
const SYNC_LOOP_CALLEES = ['run_until_complete', 'run_forever', ...lastNames(SYNC_LOOP_APIS)];
/** Objects that bind to the first loop that uses them: a second asyncio.run() cannot share them. */
const LOOP_BOUND = new Set([
  'asyncio.Lock',
  'asyncio.Event',
  'asyncio.Condition',
  'asyncio.Semaphore',
  'asyncio.BoundedSemaphore',
  'asyncio.Queue',
  'asyncio.LifoQueue',
  'asyncio.PriorityQueue',
  'asyncio.Barrier',
  'asyncio.Future',
]);
const REPEATING = new Set(['for_statement', 'while_statement', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression', 'lambda']);
const NOT_CONDITIONAL = new Set([
  'block',
  'try_statement',
  'with_statement',
  'with_clause',
  'with_item',
  'expression_statement',
  'assignment',
  'return_statement',
  'call',
  'argument_list',
  'parenthesized_expression',
  'assert_statement',
]);

type Proof = 'proven' | 'unproven' | 'not-coroutine';

const OTHER_USE = 'other synchronous code in this file uses the event loop, and asyncio.run() leaves no current loop behind';

export default defineTransform({
  code: 'LM102',
  name: 'run-until-complete-to-run',
  summary: 'a loop created only to run one coroutine; use asyncio.run()',
  needs: ['loop-facts'],
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.7',
  about: { attributes: ['run_until_complete'], elsewhere: { names: ['asyncio.get_event_loop', 'asyncio.new_event_loop'] } },
  query: `(call
    function: (attribute object: (_) @loop attribute: (identifier) @method (#eq? @method "run_until_complete"))
    arguments: (argument_list) @args) @call`,
  captures: ['call', 'loop', 'method', 'args'],
  check(match, ctx) {
    const call = ctx.capture(match, 'call');
    const loopExpr = ctx.capture(match, 'loop');
    const args = ctx.capture(match, 'args');
    // A notebook cell's top level runs on IPython's loop: LM112 turns the call into `await`.
    if (!call || !loopExpr || !args || inCoroutine(call) || (ctx.notebook && enclosingFunction(call) === null)) return null;
    const arg = args.namedChildren.find((c) => c && c.type !== 'comment');
    if (!arg || argumentCount(args) !== 1 || arg.type === 'keyword_argument' || arg.type === 'list_splat' || isShutdownCall(arg)) return null;
    // A sync fixture driving the tests' loop becomes an async fixture (LM209), never asyncio.run().
    if (enclosingLoopDrivingFixture(call, ctx)) return null;
    if (loopExpr.type === 'call') return keepSetLoop(ctx, loopExpr, oneLiner(ctx, call, loopExpr, args, arg));
    if (loopExpr.type === 'identifier') return keepSetLoop(ctx, loopExpr, variableRun(ctx, call, loopExpr, args, arg));
    return null;
  },
});

/**
 * `get_event_loop()` returns the loop another module set with `asyncio.set_event_loop()` (the project
 * facts know where): `asyncio.run()` would run the coroutine on a new loop instead, and objects bound to
 * the set one would fail. Such a finding keeps its message and loses its fix.
 */
function keepSetLoop(ctx: FileContext, loopExpr: Node, result: Finding | null): Finding | null {
  if (!result?.fix || !fromGetEventLoop(ctx, loopExpr)) return result;
  const where = ctx.loopSetElsewhere();
  const harness = testHarnessStep(ctx, loopExpr);
  const why = where
    ? `${where} sets a loop with asyncio.set_event_loop(), which get_event_loop() returns here, while asyncio.run() makes a new one: keep run_until_complete() on that loop, or pass its factory as loop_factory= (Python 3.12)`
    : harness
      ? `${harness} runs outside the loop its tests use, and what they share (clients, queues, tasks) is bound to that loop, while asyncio.run() makes a new one: make it an async fixture (@pytest_asyncio.fixture with the tests' loop scope) and await the call`
      : null;
  // The rewrite's own wording (use asyncio.run(), why it is unsafe) no longer applies.
  const call = result.message.split(' on a loop made only for it')[0];
  return why ? { ...result, fix: null, message: `${call} runs on the current loop; not fixed: ${why}` } : result;
}

/**
 * A synchronous pytest fixture around `node`, named for the message; else null. pytest-asyncio runs its
 * async tests on a loop of their own, so a sync fixture's run_until_complete() touches objects those
 * tests made on another loop. (A plain unittest setUp/tearDown has no such loop: its sync tests run
 * their coroutines the same way, and LM102 treats them alike.)
 */
function testHarnessStep(ctx: FileContext, node: Node): string | null {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (fn.type !== 'function_definition') continue;
    const fixture = fixtureOf(fn, ctx.scopes);
    if (fixture && !fixture.async) return `the synchronous fixture \`${fixture.name}\``;
  }
  return null;
}

/** The loop expression is `asyncio.get_event_loop()` or a name bound to it. */
function fromGetEventLoop(ctx: FileContext, loopExpr: Node): boolean {
  const values = loopExpr.type === 'call' ? [loopExpr] : valuesOf(loopExpr, ctx.scopes, ctx.root);
  return values.some((v) => v.type === 'call' && ctx.resolve(v.childForFieldName('function')) === 'asyncio.get_event_loop');
}

/** Is the argument a coroutine object? Proven only for calls of async defs in this file and asyncio coroutine functions. */
function proveCoroutine(ctx: FileContext, arg: Node): Proof {
  if (arg.type === 'identifier') return assignedFromNonCoroutine(ctx, arg) ? 'not-coroutine' : 'unproven';
  if (arg.type !== 'call') return 'unproven';
  if (isKnownNonCoroutine(ctx, arg)) return 'not-coroutine';
  const fn = arg.childForFieldName('function');
  const resolved = ctx.resolve(fn);
  if (resolved && COROUTINE_FUNCTIONS.has(resolved)) return 'proven';
  if (fn?.type !== 'identifier') return 'unproven';
  const { binding } = ctx.scopes.lookup(fn.text, fn);
  if (binding || (ctx.scopes.scopeOf(fn).kind !== 'module' && ctx.scopes.scopeOf(fn).others.has(fn.text))) return 'unproven';
  return ctx.memo(`LM102:async-def:${fn.text}`, () => moduleBindsOnlyAsyncDef(ctx, fn.text)) ? 'proven' : 'unproven';
}

/** `tasks = asyncio.gather(...)` (or ensure_future, ...) somewhere in the argument's scope. */
function assignedFromNonCoroutine(ctx: FileContext, id: Node): boolean {
  const scope = ctx.scopes.scopeOf(id);
  const body = scope.kind === 'module' ? scope.node : scope.node.childForFieldName('body');
  return (body?.descendantsOfType('assignment') ?? []).some((a) => {
    if (!a || a.childForFieldName('left')?.text !== id.text) return false;
    const right = a.childForFieldName('right');
    return right !== null && isKnownNonCoroutine(ctx, right);
  });
}

/** The module binds `name` exactly once, by an undecorated `async def`. */
function moduleBindsOnlyAsyncDef(ctx: FileContext, name: string): boolean {
  const root = ctx.root;
  // The top-level statements that bind the name other than by a definition.
  const binding = new Set(
    ctx
      .identifiersNamed(name)
      .filter(isBindingTarget)
      .map((id) => topLevelStatement(id)?.id),
  );
  let defs = 0;
  let asyncDef = false;
  for (const stmt of root.namedChildren) {
    if (!stmt) continue;
    if (stmt.type === 'function_definition' || stmt.type === 'class_definition') {
      if (stmt.childForFieldName('name')?.text === name) {
        defs++;
        asyncDef = isAsyncDef(stmt);
      }
    } else if (stmt.type === 'decorated_definition') {
      if (stmt.childForFieldName('definition')?.childForFieldName('name')?.text === name) return false;
    } else if (binding.has(stmt.id)) {
      return false;
    }
  }
  return defs === 1 && asyncDef;
}

/** The statement of the module that holds the node. */
function topLevelStatement(node: Node): Node | null {
  let cur: Node = node;
  while (cur.parent && cur.parent.type !== 'module') cur = cur.parent;
  return cur.parent ? cur : null;
}

function isBindingTarget(id: Node): boolean {
  for (let cur: Node | null = id; cur?.parent; cur = cur.parent) {
    const p: Node = cur.parent;
    if ((p.type === 'assignment' || p.type === 'augmented_assignment' || p.type === 'for_statement') && p.childForFieldName('left')?.id === cur.id) return true;
    if (p.type === 'import_from_statement' || p.type === 'import_statement') return true;
    if (p.type === 'call' || p.type === 'attribute' || p.type === 'block') return false;
  }
  return false;
}

/** Other synchronous code in the file that talks to the event loop makes replacing this run unsafe. */
function otherSyncLoopUse(ctx: FileContext, self: Node, allowed: Set<number>): boolean {
  // Decided call by call, up to the first other use: a test module can hold hundreds of them.
  const known = ctx.memo('LM102:sync-loop-use', () => new Map<number, boolean>());
  for (const c of ctx.callsNamed(SYNC_LOOP_CALLEES)) {
    if (c.id === self.id || allowed.has(c.id)) continue;
    let use = known.get(c.id);
    if (use === undefined) {
      use = isSyncLoopUse(ctx, c);
      known.set(c.id, use);
    }
    if (use) return true;
  }
  return false;
}

function isSyncLoopUse(ctx: FileContext, c: Node): boolean {
  if (inCoroutine(c)) return false;
  const fn = c.childForFieldName('function');
  const attr = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  if (attr === 'run_until_complete' || attr === 'run_forever') return true;
  const api = ctx.resolve(fn) ?? '';
  // set_event_loop(None) is what asyncio.run() leaves behind anyway.
  if (clearsCurrentLoop(ctx, c)) return false;
  return SYNC_LOOP_APIS.has(api);
}

/**
 * Loops, comprehensions and lambdas between the run and `stop` make it run more than once; `if`s and
 * other branching make it conditional; blocks, `try` and `with` leave it direct.
 */
function placement(node: Node, stop: Node): 'direct' | 'nested' | 'repeated' {
  let result: 'direct' | 'nested' = 'direct';
  for (let cur = node.parent; cur && cur.id !== stop.id; cur = cur.parent) {
    if (REPEATING.has(cur.type)) return 'repeated';
    if (!NOT_CONDITIONAL.has(cur.type) && !cur.type.endsWith('_clause')) result = 'nested';
  }
  return result;
}

/**
 * A run inside a function on the shared loop (get_event_loop) becomes one fresh loop per call. That is
 * only proven harmless when the function runs once (called once, from the top level) and no module-level
 * object is bound to the first loop.
 */
function perCallLoops(ctx: FileContext, call: Node): string | null {
  const fn = enclosingFunction(call);
  if (!fn || fn.type !== 'function_definition') return null;
  const name = fn.childForFieldName('name')?.text ?? '';
  const bound = ctx.memo('LM102:module-loop-bound', () =>
    ctx.callsNamed(lastNames(LOOP_BOUND)).some((c) => topLevelStatement(c)?.type === 'expression_statement' && LOOP_BOUND.has(ctx.resolve(c.childForFieldName('function')) ?? '')),
  );
  const calls = ctx.memo(`LM102:calls-of:${name}`, () =>
    ctx.callsNamed([name]).filter((c) => c.childForFieldName('function')?.type === 'identifier' && c.childForFieldName('function')?.text === name),
  );
  const once = fn.parent?.type === 'module' && calls.length === 1 && calls[0] !== undefined && enclosingFunction(calls[0]) === null && placement(calls[0], ctx.root) !== 'repeated';
  if (once && !bound) return null;
  return `each call of \`${name}()\` now gets a fresh event loop, so objects bound to the first loop (${bound ? 'like the module-level asyncio objects here' : 'locks, queues, clients'}) break if it is called more than once`;
}

/** A call in the run's scope, before the run and outside coroutines, that schedules work on the current loop. */
function scheduledBefore(ctx: FileContext, run: Node): Node | null {
  const fn = enclosingFunction(run);
  const body = fn ? fn.childForFieldName('body') : ctx.root;
  if (!body) return null;
  for (const c of ctx.callsNamed(lastNames(SCHEDULES_ON_CURRENT_LOOP), body)) {
    if (c.startIndex >= run.startIndex) continue;
    if (enclosingFunction(c)?.id !== fn?.id) continue;
    if (SCHEDULES_ON_CURRENT_LOOP.has(ctx.resolve(c.childForFieldName('function')) ?? '')) return c;
  }
  return null;
}

function finish(ctx: FileContext, call: Node, args: Node, proof: Proof, unsafeBecause: string[], extra: Edit[] | null, replacedText: string): ReturnType<FileContext['finding']> {
  const arg = args.namedChildren.find((c) => c && c.type !== 'comment');
  const scheduled = scheduledBefore(ctx, call);
  if (scheduled) {
    const what = scheduled.childForFieldName('function')?.text ?? 'a call';
    return ctx.finding({
      node: call,
      message: `\`${replacedText}\` runs a loop that \`${what}(...)\` on line ${scheduled.startPosition.row + 1} already scheduled work on (no automatic fix: move that call into an \`async def main()\` and run it with \`asyncio.run(main())\`)`,
    });
  }
  if (proof === 'not-coroutine') {
    return ctx.finding({ node: call, message: `\`${replacedText}\` runs an awaitable that is not a coroutine; wrap it in an \`async def\` and call \`asyncio.run()\` on that` });
  }
  const reasons = proof === 'proven' ? unsafeBecause : ['the argument is not proven to be a coroutine', ...unsafeBecause];
  const ref = ctx.ensureImport('asyncio', 'run', call);
  const safety: Safety = reasons.length === 0 ? 'safe' : 'unsafe';
  const fix = ref && extra ? { safety, edits: [...extra, ...ref.edits] } : null;
  const why = fix
    ? reasons.length
      ? ` (unsafe: ${reasons.join('; ')})`
      : ''
    : ' (no automatic fix: the loop statements share lines with other code or sit around a multi-line string; rewrite by hand)';
  return ctx.finding({ node: call, message: `\`${replacedText}\` on a loop made only for it; use \`asyncio.run(${arg ? brief(arg) : ''})\`${why}`, fix });
}

/** A one-line rendering of an argument for messages: multi-line or long calls are elided. */
function brief(node: Node): string {
  const text = node.text;
  if (!text.includes('\n') && text.length <= 40) return text;
  const fn = node.type === 'call' ? node.childForFieldName('function') : null;
  return fn && fn.text.length <= 36 ? `${fn.text}(...)` : '...';
}

function oneLiner(ctx: FileContext, call: Node, factory: Node, args: Node, arg: Node) {
  if (!isLoopFactoryCall(ctx, factory)) return null;
  const proof = proveCoroutine(ctx, arg);
  const scopeBlock = enclosingBlockOfScope(call);
  const repeated = scopeBlock ? placement(call, scopeBlock) === 'repeated' : true;
  const reasons: string[] = [];
  if (repeated) reasons.push('it runs in a loop, and each run gets a fresh event loop');
  if (otherSyncLoopUse(ctx, call, new Set([factory.id]))) reasons.push(OTHER_USE);
  const shared = ctx.resolve(factory.childForFieldName('function')) === 'asyncio.get_event_loop';
  const perCall = shared && !repeated ? perCallLoops(ctx, call) : null;
  if (perCall) reasons.push(perCall);
  const ref = ctx.ensureImport('asyncio', 'run', call);
  const edits: Edit[] | null = ref ? [{ start: call.startIndex, end: args.startIndex, text: ref.ref }] : null;
  return finish(ctx, call, args, proof, reasons, edits, `${factory.text}.run_until_complete(...)`);
}

function enclosingBlockOfScope(node: Node): Node | null {
  const fn = enclosingFunction(node);
  if (!fn) return node.tree.rootNode;
  return fn.childForFieldName('body');
}

/**
 * `loop.run_until_complete(arg)` on a variable (src/python/loops.ts): the variable is made once before
 * the run by a loop factory and used for nothing but this run, `set_event_loop(loop)` and housekeeping
 * after it (`close()`, `run_until_complete(loop.shutdown_asyncgens())`).
 */
function variableRun(ctx: FileContext, call: Node, loopId: Node, args: Node, arg: Node) {
  const name = loopId.text;
  // A finding needs `name = <loop factory>()` in the scope, so a factory's name (or an alias an import
  // gives it) in the enclosing function's text; most loops of a test suite come from elsewhere, and
  // then the scope need not be built.
  if (!ctx.mentions(LOOP_FACTORY_NAMES, enclosingFunction(call))) return null;
  // The same variable for every run in its scope (a test module can run hundreds of times on one loop).
  const lv = ctx.memo(`LM102:loop:${ctx.scopes.scopeOf(loopId).node.id}:${name}`, () => loopVariable(ctx, loopId));
  const uses = lv && onlyThisRun(lv, loopId, call);
  if (!uses) return null;
  const { creation, factoryCall, housekeeping } = uses;
  const runStmt = enclosingStatement(call);
  const creationBlock = creation.parent;
  if (!runStmt || !creationBlock) return null;
  if (!childOfBlock(runStmt, creationBlock)) return null;
  const where = placement(call, creationBlock);
  if (where === 'repeated') return null;
  const proof = proveCoroutine(ctx, arg);
  const inMain = isUnderMainGuard(creation);
  const exported = lv.scope.kind === 'module' && !inMain && !name.startsWith('_');
  const allowed = new Set<number>([factoryCall.id]);
  for (const h of housekeeping) for (const c of h.descendantsOfType('call')) if (c) allowed.add(c.id);
  const reasons: string[] = [];
  if (where !== 'direct') reasons.push('the run is conditional');
  if (exported) reasons.push(`\`${name}\` is a public module-level name other modules may import`);
  if (otherSyncLoopUse(ctx, call, allowed)) reasons.push(OTHER_USE);
  const shared = ctx.resolve(factoryCall.childForFieldName('function')) === 'asyncio.get_event_loop';
  const perCall = shared ? perCallLoops(ctx, call) : null;
  if (perCall) reasons.push(perCall);
  const ref = ctx.ensureImport('asyncio', 'run', call);
  let edits: Edit[] | null = null;
  if (ref) {
    const rewrite: Edit = { start: call.startIndex, end: args.startIndex, text: ref.ref };
    edits = removeStatements(ctx.source, [creation, ...housekeeping, ...clearedAfterRun(ctx, runStmt, housekeeping)], [rewrite]);
  }
  return finish(ctx, call, args, proof, reasons, edits, `${name}.run_until_complete(...)`);
}

/**
 * `try: <the run> finally: asyncio.set_event_loop(None)` with the rest of the `finally:` being the
 * loop's housekeeping: asyncio.run() leaves no current loop itself, so the reset goes with the
 * housekeeping (and the try with it), rather than a try/finally holding only the reset.
 */
function clearedAfterRun(ctx: FileContext, runStmt: Node, housekeeping: Node[]): Node[] {
  const body = runStmt.parent;
  const tryStmt = body?.parent;
  if (body?.type !== 'block' || tryStmt?.type !== 'try_statement' || tryStmt.childForFieldName('body')?.id !== body.id) return [];
  if (body.namedChildren.some((c) => c && c.type !== 'comment' && c.id !== runStmt.id)) return [];
  const clauses = tryStmt.namedChildren.filter((c): c is Node => c !== null && c.type !== 'block' && c.type !== 'comment');
  const fin = clauses[0];
  if (clauses.length !== 1 || fin?.type !== 'finally_clause') return [];
  const stmts = fin.namedChildren.find((c) => c?.type === 'block')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
  const kept = new Set(housekeeping.map((h) => h.id));
  const resets = stmts.filter((st) => isLoopReset(ctx, st));
  return resets.length && stmts.every((st) => kept.has(st.id) || resets.includes(st)) ? resets : [];
}

function isUnderMainGuard(node: Node): boolean {
  for (let cur = node.parent; cur; cur = cur.parent) if (isMainGuard(cur)) return true;
  return false;
}

/**
 * The uses of the loop variable when they leave `asyncio.run()` nothing to miss: one creation before the
 * run, the run itself, `set_event_loop(loop)`, and housekeeping after the run (removed with it). Null
 * for any other use, in this scope or a nested one.
 */
function onlyThisRun(lv: LoopVariable, loopId: Node, run: Node): { creation: Node; factoryCall: Node; housekeeping: Node[] } | null {
  let creation: { stmt: Node; call: Node } | null = null;
  const housekeeping: Node[] = [];
  for (const use of lv.uses) {
    if (use.ref.id === loopId.id) continue;
    if (use.kind === 'creation' && !creation && use.stmt && use.call) creation = { stmt: use.stmt, call: use.call };
    else if (use.kind === 'set' && use.stmt) housekeeping.push(use.stmt);
    else if (use.kind === 'housekeeping' && use.stmt && use.call && use.call.startIndex > run.startIndex) housekeeping.push(use.stmt);
    else return null;
  }
  if (!creation || creation.stmt.startIndex > run.startIndex) return null;
  return { creation: creation.stmt, factoryCall: creation.call, housekeeping };
}
