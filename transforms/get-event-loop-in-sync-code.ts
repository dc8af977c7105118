import type { FileContext } from '../src/rule-api/context.js';
import type { Node } from '../src/python/parser.js';
import { boundNames } from '../src/python/bindings.js';
import { decoratorsOf, definitionStatement } from '../src/python/decorators.js';
import { creationStatement, entryStatementOf, explicitLoopEdits, loopVariable } from '../src/python/loops.js';
import { argumentCount, enclosingDef, enclosingStatement, inCoroutine, insideClass, isAsyncDef, isMainGuard, isNameReference } from '../src/python/nodes.js';
import { removeStatements } from '../src/python/statements.js';
import { indentAt } from '../src/python/text.js';
import { defineTransform } from '../src/rule-api/transform.js';
import type { Safety } from '../src/common/types.js';
import { enclosingLoopDrivingFixture } from '../src/pytest/sync-fixtures.js';

const docs = `## What it does
Finds \`asyncio.get_event_loop()\` left in synchronous code, including the library idiom
\`loop = loop or asyncio.get_event_loop()\`, and decides per call site what it stands for:
- right after \`asyncio.set_event_loop(loop)\` in the same block, it is that \`loop\`: the call is replaced
  by the name (a statement that only re-reads it, \`loop = asyncio.get_event_loop()\`, is removed);
- in a function that only runs while a loop runs (every call of it in the module comes from a
  coroutine or from such a function, or it is handed to the loop as a callback: \`call_soon\`,
  \`call_later\`, \`add_done_callback\`, ...) and that is private to the module (\`_name\` or nested), it
  is the running loop: \`asyncio.get_running_loop()\`;
- as \`loop = asyncio.get_event_loop()\` in a \`__main__\` block (or at the top level of a script that
  starts with \`#!\`) before anything in the file installs a loop or a policy, it creates the loop: the
  creation is made explicit with \`asyncio.new_event_loop()\` and \`asyncio.set_event_loop(loop)\`;
- at the top level of a Jupyter notebook cell, it is IPython's running loop: \`asyncio.get_running_loop()\`;
- everywhere else (constructors and functions that take \`loop=None\`, finalizers, fork handlers,
  functions whose callers are elsewhere) only the callers know whether a loop is installed or running,
  so the call is reported with a suggestion showing both options.

## Why is this bad?
Outside a running loop \`asyncio.get_event_loop()\` returns the loop set with \`asyncio.set_event_loop()\`
without any warning, on every Python version; only when none is set does it create one implicitly.
Python 3.12 and 3.13 emit \`DeprecationWarning: There is no current event loop\` for that implicit
creation, and Python 3.14 raises \`RuntimeError: There is no current event loop in thread 'MainThread'\`.
After \`asyncio.run()\` returns there is no current loop either, so a later call raises on every
version. Tortoise ORM's test helper broke exactly this way.

A blanket "running loop, else a new one" replacement is wrong: an application that set its loop and
has not started it yet gets a second loop, and objects bind to a loop that never runs.

## Example
\`\`\`python
import asyncio


def _on_done(fut):
    asyncio.get_event_loop().call_soon(print, fut.result())


async def work():
    fut = asyncio.ensure_future(asyncio.sleep(0, "done"))
    fut.add_done_callback(_on_done)
    await fut


if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    loop.create_task(work())
    loop.run_until_complete(asyncio.sleep(0.1))
\`\`\`

## Use instead
\`\`\`python
import asyncio


def _on_done(fut):
    asyncio.get_running_loop().call_soon(print, fut.result())


async def work():
    fut = asyncio.ensure_future(asyncio.sleep(0, "done"))
    fut.add_done_callback(_on_done)
    await fut


if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.create_task(work())
    loop.run_until_complete(asyncio.sleep(0.1))
\`\`\`

## Fix safety
Unsafe: each fix rests on what the module shows about how its code runs. Code elsewhere in the
project can still call a private function without a loop, or install a loop before a \`__main__\` block
runs (an import that calls \`asyncio.set_event_loop()\`); review the fixes. A \`__main__\` block that calls
\`asyncio.set_event_loop()\`, \`set_event_loop_policy()\` or \`uvloop.install()\` before the call is not
fixed, and neither is a call among the imports at the top of a module. Calls inside \`async def\` are
LM101's, and calls in a \`def\` or \`lambda\` nested in one are left alone (they are callbacks the running
loop calls, where \`get_event_loop()\` returns it); a loop created only to be run
(\`run_until_complete\`) is left to LM102 and LM103, and \`run_forever()\` at module level or in a
\`__main__\` block to LM105. The call is resolved through imports, so other objects'
\`get_event_loop\` methods are not touched.

## References
- [asyncio.get_event_loop](https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_event_loop)
- [asyncio.get_running_loop](https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_running_loop)
- [Python 3.14: get_event_loop raises without a current loop](https://docs.python.org/3.14/whatsnew/3.14.html)
`;

const MESSAGE = '`asyncio.get_event_loop()` outside a running loop is deprecated (Python 3.12) and raises in 3.14 when no loop is set';
const LEFT_TO_OTHERS = new Set(['creation', 'set', 'run', 'housekeeping']);
/** Loop methods that run the function they are handed on the loop, and where that argument sits. */
const CALLBACK_REGISTRATIONS = new Map([
  ['call_soon', 0],
  ['call_soon_threadsafe', 0],
  ['call_later', 1],
  ['call_at', 1],
  ['add_done_callback', 0],
  ['add_signal_handler', 1],
  ['add_reader', 1],
  ['add_writer', 1],
]);
/** Calls after which `get_event_loop()` no longer creates a loop implicitly, or returns another one. */
const INSTALLS = ['set_event_loop', 'set_event_loop_policy', 'install', 'new_event_loop'];
const INSTALLERS = new Set(['asyncio.set_event_loop', 'asyncio.set_event_loop_policy', 'uvloop.install', 'asyncio.new_event_loop']);

export default defineTransform({
  code: 'LM104',
  name: 'get-event-loop-in-sync-code',
  summary: 'asyncio.get_event_loop() in synchronous code',
  needs: ['loop-facts'],
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.7',
  about: { names: ['asyncio.get_event_loop'] },
  query: '(call function: [(identifier) (attribute)] @fn arguments: (argument_list) @args) @call',
  captures: ['call', 'fn', 'args'],
  check(match, ctx) {
    const call = ctx.capture(match, 'call');
    const fn = ctx.capture(match, 'fn');
    if (!call || !fn || ctx.resolve(fn) !== 'asyncio.get_event_loop') return null;
    if (argumentCount(ctx.capture(match, 'args')) !== 0 || inCoroutine(call) || insideCoroutine(call) || leftToOtherRules(ctx, call)) return null;
    // A sync fixture driving the tests' loop is LM209's.
    if (enclosingLoopDrivingFixture(call, ctx)) return null;
    const installed = installedLoop(ctx, call);
    if (installed) return afterSetFinding(ctx, call, installed);
    const def = enclosingDef(call);
    if (def?.type === 'function_definition' && runsOnlyInLoop(ctx, def, new Set())) {
      const name = def.childForFieldName('name')?.text ?? 'this function';
      return runningLoopFinding(ctx, call, `\`${name}\` only runs while a loop runs (called from coroutines or as a loop callback in this module)`, 'unsafe');
    }
    // A notebook cell's top level runs on IPython's loop: the call returns it.
    if (def === null && ctx.notebook && !insideClass(call)) return runningLoopFinding(ctx, call, "a notebook cell runs on IPython's loop", 'safe');
    const fresh = def === null ? freshCreation(ctx, call) : null;
    if (fresh) return fresh;
    const reason = unprovenReason(ctx, call, def);
    return ctx.finding({ node: call, message: `${MESSAGE}; ${reason.why}, so which loop it should be is not known here`, suggestion: reason.suggestion ?? reportSuggestion(ctx, call) });
  },
});

/** The call is the running loop, `because`: `asyncio.get_running_loop()`. */
function runningLoopFinding(ctx: FileContext, call: Node, because: string, safety: Safety) {
  const ref = ctx.ensureImport('asyncio', 'get_running_loop', call);
  return ctx.finding({
    node: call,
    message: `${MESSAGE}; ${because}, so use \`${ref?.ref ?? 'asyncio.get_running_loop'}()\``,
    fix: ref && { safety, edits: [{ start: call.startIndex, end: call.endIndex, text: `${ref.ref}()` }, ...ref.edits] },
  });
}

/**
 * A sync function or lambda nested in an `async def` is nearly always a callback the running loop
 * calls (`call_soon`, `add_done_callback`), where `get_event_loop()` returns that loop and is fine.
 */
function insideCoroutine(call: Node): boolean {
  for (let cur = call.parent; cur; cur = cur.parent) if (isAsyncDef(cur)) return true;
  return false;
}

/** Calls another rule rewrites as a whole (see the docs' Fix safety). */
function leftToOtherRules(ctx: FileContext, call: Node): boolean {
  const parent = call.parent;
  if (parent?.type === 'attribute' && parent.childForFieldName('object')?.id === call.id && parent.parent?.type === 'call') {
    const method = parent.childForFieldName('attribute')?.text;
    if (method === 'run_until_complete') return true;
    const stmt = enclosingStatement(parent.parent);
    if (method === 'run_forever' && stmt && entryStatementOf(stmt)) return true;
  }
  const creation = creationStatement(ctx, call);
  if (!creation) return false;
  const lv = loopVariable(ctx, creation.name);
  if (!lv) return false;
  const forever = lv.uses.some((u) => u.kind === 'forever' && u.stmt && entryStatementOf(u.stmt));
  const onlyRuns = lv.uses.every((u) => LEFT_TO_OTHERS.has(u.kind)) && lv.uses.some((u) => u.kind === 'run');
  return forever || onlyRuns;
}

/**
 * `asyncio.set_event_loop(name)` as an earlier statement of the same block, with nothing between that
 * rebinds `name` or installs another loop: the call returns that loop. The name, or null.
 */
function installedLoop(ctx: FileContext, call: Node): Node | null {
  const stmt = enclosingStatement(call);
  const rebound = new Set<string>();
  for (let prev = stmt?.previousNamedSibling ?? null; prev; prev = prev.previousNamedSibling) {
    if (prev.type === 'comment') continue;
    const expr = prev.type === 'expression_statement' ? prev.namedChildren[0] : null;
    if (expr?.type === 'call' && ctx.resolve(expr.childForFieldName('function')) === 'asyncio.set_event_loop') {
      const args = expr.childForFieldName('arguments')?.namedChildren.filter((c) => c?.type !== 'comment') ?? [];
      const only = args.length === 1 ? args[0] : null;
      return only?.type === 'identifier' && !rebound.has(only.text) ? only : null;
    }
    if (ctx.callsNamed(INSTALLS, prev).length > 0) return null;
    for (const name of boundNames(prev)) rebound.add(name);
  }
  return null;
}

function afterSetFinding(ctx: FileContext, call: Node, loop: Node) {
  const stmt = enclosingStatement(call);
  const assign = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : null;
  const rereads = assign?.type === 'assignment' && assign.childForFieldName('left')?.text === loop.text && assign.childForFieldName('right')?.id === call.id;
  const edits = rereads && stmt ? removeStatements(ctx.source, [stmt], []) : [{ start: call.startIndex, end: call.endIndex, text: loop.text }];
  return ctx.finding({
    node: call,
    message: `${MESSAGE}; right after \`asyncio.set_event_loop(${loop.text})\` it returns \`${loop.text}\`, so ${rereads ? 'this statement re-reads it and can go' : `use \`${loop.text}\` itself`}`,
    fix: edits && { safety: 'unsafe', edits },
  });
}

/**
 * A sync function that only runs while a loop runs, as far as this module shows: private to the module
 * (a `_name` or a nested def), called at least once, and every reference to it is a call from a
 * coroutine or from another such function, or hands it to the loop as a callback.
 */
function runsOnlyInLoop(ctx: FileContext, def: Node, seen: Set<number>): boolean {
  if (seen.has(def.id) || isAsyncDef(def)) return isAsyncDef(def);
  seen.add(def.id);
  const name = def.childForFieldName('name')?.text;
  if (!name || name.startsWith('__')) return false;
  const nested = enclosingDef(def) !== null;
  if (!name.startsWith('_') && !nested) return false;
  const holder = definitionStatement(def).parent;
  const inClass = holder?.type === 'block' && holder.parent?.type === 'class_definition';
  if (decoratorsOf(def).length > 0) return false;
  const refs = ctx.identifiersNamed(name).filter((id) => id.id !== def.childForFieldName('name')?.id);
  let used = 0;
  for (const id of refs) {
    const parent = id.parent;
    // `self._name` / `cls._name` for methods, the bare name for functions.
    const ref = inClass ? (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === id.id ? parent : null) : isNameReference(id) ? id : null;
    if (!ref) {
      if (inClass && isNameReference(id)) return false;
      continue;
    }
    used++;
    const holder = ref.parent;
    if (holder?.type === 'call' && holder.childForFieldName('function')?.id === ref.id) {
      if (!callSiteInLoop(ctx, holder, seen)) return false;
      continue;
    }
    if (holder?.type === 'argument_list' && isCallbackArgument(holder, ref) && callSiteInLoop(ctx, holder, seen, true)) continue;
    return false;
  }
  return used > 0;
}

function callSiteInLoop(ctx: FileContext, site: Node, seen: Set<number>, registration = false): boolean {
  if (insideCoroutine(site)) return true;
  const outer = enclosingDef(site);
  // A callback handed to the loop runs on it, wherever it was registered.
  if (registration) return true;
  return outer?.type === 'function_definition' && runsOnlyInLoop(ctx, outer, seen);
}

function isCallbackArgument(args: Node, ref: Node): boolean {
  const call = args.parent;
  const callee = call?.childForFieldName('function');
  if (call?.type !== 'call' || callee?.type !== 'attribute') return false;
  const position = CALLBACK_REGISTRATIONS.get(callee.childForFieldName('attribute')?.text ?? '');
  if (position === undefined) return false;
  const positional = args.namedChildren.filter((c) => c && c.type !== 'comment' && c.type !== 'keyword_argument');
  return positional[position]?.id === ref.id;
}

/**
 * `loop = asyncio.get_event_loop()` in a `__main__` block (or at the top level of a `#!` script) before
 * anything in the file installs a loop or a policy: a fresh process has no loop, so the call creates one.
 */
function freshCreation(ctx: FileContext, call: Node) {
  const stmt = enclosingStatement(call);
  const assign = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : null;
  const target = assign?.type === 'assignment' ? assign.childForFieldName('left') : null;
  if (!stmt || target?.type !== 'identifier' || assign?.childForFieldName('right')?.id !== call.id) return null;
  // Another module that sets a loop may have run first (an import): get_event_loop() returns that one.
  if (ctx.loopSetElsewhere()) return null;
  let inMain = false;
  for (let cur = stmt.parent; cur; cur = cur.parent) {
    if (isMainGuard(cur)) inMain = true;
    if (cur.type === 'function_definition' || cur.type === 'class_definition') return null;
  }
  if (!inMain && !(stmt.parent?.type === 'module' && ctx.source.startsWith('#!'))) return null;
  // What runs before the statement at the top level (a def's body runs only when it is called).
  const before = ctx.callsNamed(INSTALLS).filter((c) => c.startIndex < stmt.startIndex && enclosingDef(c) === null && INSTALLERS.has(ctx.resolve(c.childForFieldName('function')) ?? ''));
  if (before.length > 0) return null;
  const edits = explicitLoopEdits(ctx, stmt, call, target.text);
  if (!edits) return null;
  return ctx.finding({ node: call, message: `${MESSAGE}; here it creates the program's loop, so create and set it explicitly`, fix: { safety: 'unsafe', edits } });
}

/** Why the site is not proven, in the finding's words, and a suggestion where the generic one misleads. */
function unprovenReason(ctx: FileContext, call: Node, def: Node | null): { why: string; suggestion?: string } {
  const asyncio = ctx.ensureImport('asyncio', undefined, call)?.ref ?? 'asyncio';
  if (def?.type === 'function_definition') {
    const name = def.childForFieldName('name')?.text ?? '';
    if (name === '__del__') {
      return {
        why: 'a finalizer (`__del__`) runs whenever the object is collected, with a loop or without one',
        suggestion: withCall(ctx, call, 'self._loop', '# keep the loop the object was created on (asyncio.get_running_loop() in a coroutine) and use it here if it is still open:'),
      };
    }
    if (forkHandler(ctx, def)) {
      return {
        why: `\`${name}\` runs in a forked child, where the parent's loop must not be used`,
        suggestion: `# give the child a loop of its own:\n${asyncio}.set_event_loop(${asyncio}.new_event_loop())`,
      };
    }
    const params = def.childForFieldName('parameters');
    const loopParam = params?.namedChildren.some(
      (p) => (p?.type === 'default_parameter' || p?.type === 'typed_default_parameter') && /loop$/.test(p.childForFieldName('name')?.text ?? '') && p.childForFieldName('value')?.text === 'None',
    );
    if (loopParam) return { why: `\`${name}\` takes \`loop=None\`: its callers decide whether a loop is set or running when they leave it out` };
    return { why: `nothing in this module shows whether \`${name}\` runs while a loop runs` };
  }
  if (def?.type === 'lambda') return { why: 'a lambda runs wherever it is called' };
  const setElsewhere = ctx.loopSetElsewhere();
  if (setElsewhere) return { why: `${setElsewhere} sets a loop with asyncio.set_event_loop() and may run before this (when its module is imported)` };
  for (let cur = call.parent; cur; cur = cur.parent) if (isMainGuard(cur)) return { why: 'the `__main__` block installs a loop or a policy before this call, or uses the call inline' };
  return { why: 'code at module level runs when the module is first imported, with or without a loop set' };
}

/** The enclosing statement with the call replaced by `replacement`, under a comment line. */
function withCall(ctx: FileContext, call: Node, replacement: string, comment: string): string {
  const stmt = enclosingStatement(call) ?? call;
  const indent = indentAt(ctx.source, stmt.startIndex);
  const text = ctx.source.slice(stmt.startIndex, call.startIndex) + replacement + ctx.source.slice(call.endIndex, stmt.endIndex);
  return `${comment}\n${text
    .split(/\r?\n/)
    .map((l, i) => (i === 0 ? l : l.startsWith(indent) ? l.slice(indent.length) : l))
    .join('\n')}`;
}

/** `os.register_at_fork(after_in_child=f)` names `f` in this module. */
function forkHandler(ctx: FileContext, def: Node): boolean {
  const name = def.childForFieldName('name')?.text;
  return ctx.callsNamed(['register_at_fork']).some((c) => c.childForFieldName('arguments')?.namedChildren.some((a) => a?.type === 'keyword_argument' && a.childForFieldName('value')?.text === name));
}

/** The statement with `get_running_loop()`, and the explicit creation for code that runs before any loop. */
function reportSuggestion(ctx: FileContext, call: Node): string {
  const asyncio = ctx.ensureImport('asyncio', undefined, call)?.ref ?? 'asyncio';
  return [
    withCall(ctx, call, `${asyncio}.get_running_loop()`, '# when this only runs while a loop runs (from coroutines or loop callbacks):'),
    '# otherwise create and set the loop once where the program starts, and pass it here:',
    `loop = ${asyncio}.new_event_loop()`,
    `${asyncio}.set_event_loop(loop)`,
  ].join('\n');
}
