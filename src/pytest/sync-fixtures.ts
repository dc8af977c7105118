// Synchronous pytest fixtures that drive an event loop (`loop.run_until_complete(setup())`, with the
// loop from the removed `event_loop` fixture or from `asyncio.get_event_loop()`), and their one right
// rewrite: an async fixture that awaits, run by pytest-asyncio in the loop its tests use. LM209 makes
// it; LM102-LM104 and LM202 leave such fixtures to it (a teardown that became `asyncio.run()` would
// run on a new loop: "attached to a different loop").
import type { FileContext } from '../rule-api/context.js';
import type { Node } from '../python/parser.js';
import { awaitText } from '../python/generators.js';
import { enclosingFunction, enclosingStatement } from '../python/nodes.js';
import { findParameter, removeParameter } from '../python/params.js';
import { removeStatements } from '../python/statements.js';
import { indentAt } from '../python/text.js';
import type { Edit } from '../common/types.js';
import { scopeRank } from './decorators.js';
import { firstLoopHolder, fixtureOf, fixturesIn, type FixtureDef } from './fixtures.js';

export interface LoopDrivingFixture {
  fixture: FixtureDef;
  /** Where the loop comes from: the removed `event_loop` fixture, or `asyncio.get_event_loop()`. */
  source: 'event_loop' | 'get_event_loop';
  /** It runs coroutines on the loop (else it only hands the `event_loop` fixture on). */
  drives: boolean;
  /** The fix, or null with `reason` saying why the fixture is only reported. */
  edits: Edit[] | null;
  reason: string | null;
}

const GET_EVENT_LOOP = 'asyncio.get_event_loop';

/** Calls whose meaning changes once the fixture's code runs inside the loop (or that make other loops). */
const CHANGES_INSIDE: ReadonlyMap<string, string> = new Map([
  ['asyncio.all_tasks', 'it calls `asyncio.all_tasks()`, which inside the async fixture would include its own task'],
  ['asyncio.Task.all_tasks', 'it calls `asyncio.Task.all_tasks()`, which inside the async fixture would include its own task'],
  ['asyncio.current_task', 'it calls `asyncio.current_task()`, which inside the async fixture is the fixture itself'],
  ['asyncio.Task.current_task', 'it calls `asyncio.Task.current_task()`, which inside the async fixture is the fixture itself'],
  ['asyncio.run', 'it calls `asyncio.run()`, which cannot run inside the loop'],
  ['asyncio.new_event_loop', 'it makes another loop'],
  ['asyncio.set_event_loop', 'it sets the current loop'],
  ['asyncio.set_event_loop_policy', 'it sets the loop policy'],
]);

/** Loop methods that make no sense on the running loop the fixture would get. */
const NOT_ON_RUNNING_LOOP = new Set(['run_forever', 'stop', 'close', 'is_running', 'is_closed', 'shutdown_asyncgens', 'shutdown_default_executor', 'set_debug']);

/**
 * The analysis of `def` when it is a synchronous fixture that runs coroutines on a loop or requests the
 * removed `event_loop` fixture; null for any other function. Memoised per file.
 */
export function loopDrivingFixture(def: Node, ctx: FileContext): LoopDrivingFixture | null {
  return ctx.memo(`loop-driving-fixture:${def.id}`, () => analyse(def, ctx));
}

/** The loop-driving sync fixture `node` sits in (at any depth), or null. */
export function enclosingLoopDrivingFixture(node: Node, ctx: FileContext): LoopDrivingFixture | null {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (fn.type !== 'function_definition') continue;
    const found = loopDrivingFixture(fn, ctx);
    if (found) return found;
  }
  return null;
}

function analyse(def: Node, ctx: FileContext): LoopDrivingFixture | null {
  if (!ctx.mentions(['run_until_complete', 'event_loop'], def)) return null;
  const fixture = fixtureOf(def, ctx.scopes);
  if (!fixture || fixture.async || fixture.name === 'event_loop' || fixture.name === 'event_loop_policy') return null;
  // A plugin module that keeps its own event_loop fixture still provides it: requests of it stay.
  const param = keepsOwnEventLoop(ctx) ? null : findParameter(def, 'event_loop');
  const own = (n: Node) => enclosingFunction(n)?.id === def.id;
  const getCalls = ctx.callsNamed(['get_event_loop'], def).filter((c) => ctx.resolve(c.childForFieldName('function')) === GET_EVENT_LOOP);
  // `loop = asyncio.get_event_loop()` statements and `asyncio.get_event_loop().run_until_complete(x)` one-liners.
  let creation: { stmt: Node; name: string; call: Node } | null = null;
  const inline: Node[] = [];
  let problem: string | null = null;
  for (const call of getCalls) {
    const parent = call.parent;
    if (parent?.type === 'attribute' && parent.childForFieldName('object')?.id === call.id && parent.childForFieldName('attribute')?.text === 'run_until_complete' && parent.parent?.type === 'call') {
      inline.push(parent.parent);
      continue;
    }
    const stmt = enclosingStatement(call);
    const assign = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    const target = assign?.type === 'assignment' ? assign.childForFieldName('left') : null;
    if (stmt && own(call) && target?.type === 'identifier' && assign?.childForFieldName('right')?.id === call.id && !creation) {
      creation = { stmt, name: target.text, call };
      continue;
    }
    problem ??= `it uses \`${call.text}\` in another way`;
  }
  const loopName = param?.type === 'identifier' ? 'event_loop' : creation?.name;
  if (param && creation) problem ??= 'it both requests `event_loop` and calls `asyncio.get_event_loop()`';
  const stays = ctx.pytest.eventLoopStays;
  if (param && stays)
    problem ??= `that fixture stays because ${stays.problem}: as an async fixture this one would lose what it gives (its parameters, its loop); move that into a \`pytest_asyncio_loop_factories\` hook (pytest-asyncio 1.4) first`;
  const drives: Node[] = [...inline];
  const otherUses: Node[] = [];
  const tasks = allTasksRewrites(def, ctx, loopName);
  if (loopName) {
    for (const id of ctx.identifiersNamed(loopName, def)) {
      if (id.id === param?.id || id.id === creation?.stmt.namedChildren[0]?.childForFieldName('left')?.id) continue;
      const parent = id.parent;
      if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === id.id) continue;
      if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === id.id) continue;
      if (!sameBinding(ctx, id, def)) continue;
      const method = parent?.type === 'attribute' && parent.childForFieldName('object')?.id === id.id ? parent.childForFieldName('attribute')?.text : undefined;
      if (method === 'run_until_complete' && parent?.parent?.type === 'call') {
        if (own(parent.parent)) drives.push(parent.parent);
        else problem ??= `a nested function runs \`${loopName}.run_until_complete()\``;
      } else if (method && NOT_ON_RUNNING_LOOP.has(method)) {
        problem ??= `it calls \`${loopName}.${method}()\`, which the running loop of an async fixture does not allow`;
      } else if (isRebinding(id)) {
        problem ??= `it rebinds \`${loopName}\``;
      } else if (!insideAny(id, tasks.rewritten)) otherUses.push(id);
    }
  }
  // A fixture that only hands the removed event_loop on (`return event_loop`, `Client(loop=event_loop)`)
  // is converted the same way; one that gets a loop from get_event_loop() without running anything is LM104's.
  if (drives.length === 0 && !(param && loopName)) return null;
  const source = param ? 'event_loop' : 'get_event_loop';
  const result = (edits: Edit[] | null, reason: string | null): LoopDrivingFixture => ({ fixture, source, drives: drives.length > 0, edits, reason });
  for (const [name, why] of CHANGES_INSIDE) {
    const last = name.split('.').pop() as string;
    if (ctx.callsNamed([last], def).some((c) => !tasks.handled.has(c.id) && ctx.resolve(c.childForFieldName('function')) === name)) problem ??= why;
  }
  const others = ctx.callsNamed(['run_until_complete'], def).filter((c) => !drives.some((d) => d.id === c.id));
  if (others.length > 0) problem ??= 'it runs coroutines on another loop as well';
  problem ??= generatorProblem(def);
  if (fixture.scope === null) problem ??= 'its scope is not a literal';
  else if (scopeRank(fixture.scope) > scopeRank(ctx.pytest.defaultTestLoopScope)) {
    problem ??= `it is ${fixture.scope}-scoped while its tests run in ${ctx.pytest.defaultTestLoopScope}-scoped loops, so what it sets up would be bound to another loop than theirs`;
  }
  if (problem) return result(null, problem);
  const edits: Edit[] = [...tasks.edits];
  for (const call of drives) {
    const edit = awaitEdit(call, ctx.source);
    if (!edit) return result(null, `\`${call.text.split('\n')[0]}\` does not run exactly one awaitable`);
    edits.push(edit);
  }
  if (param) {
    const removal = removeParameter(param);
    if (!removal) return result(null, 'its `event_loop` parameter cannot be removed on its own');
    edits.push(removal);
    const only = otherUses.length === 1 && drives.length === 0 ? otherUses[0] : undefined;
    if (only && own(only)) {
      // `return event_loop` (an alias fixture): the running loop in its place.
      const ref = ctx.ensureImport('asyncio', 'get_running_loop', only);
      if (!ref) return result(null, '`asyncio` cannot be imported here');
      edits.push({ start: only.startIndex, end: only.endIndex, text: `${ref.ref}()` }, ...ref.edits);
    } else if (otherUses.length > 0) {
      const assign = runningLoopAssignment(def, ctx, 'event_loop');
      if (!assign) return result(null, 'there is no line to bind the running loop on');
      edits.push(...assign);
    }
  } else if (creation) {
    if (otherUses.length > 0) {
      const ref = ctx.ensureImport('asyncio', 'get_running_loop', creation.call);
      if (!ref) return result(null, '`asyncio` cannot be imported here');
      edits.push({ start: creation.call.startIndex, end: creation.call.endIndex, text: `${ref.ref}()` }, ...ref.edits);
    } else {
      const removal = removeStatements(ctx.source, [creation.stmt], []);
      if (!removal) return result(null, `\`${creation.stmt.text}\` shares its line with other code`);
      edits.push(...removal);
    }
  }
  edits.push({ start: def.startIndex, end: def.startIndex, text: 'async ' });
  const decorator = decoratorEdits(fixture, ctx, def);
  if (!decorator) return result(null, '`pytest_asyncio` cannot be imported here');
  edits.push(...decorator);
  return result(edits, null);
}

/** The module is a plugin (not a conftest or test module) that defines an `event_loop` fixture, which LM201 leaves. */
export function keepsOwnEventLoop(ctx: FileContext): boolean {
  return !ctx.pytest.pytestModule && definesEventLoop(ctx);
}

/** The module defines a fixture named `event_loop`. */
export function definesEventLoop(ctx: FileContext): boolean {
  return ctx.memo('defines-event-loop', () => fixturesIn(ctx.root, ctx.scopes).some((f) => f.name === 'event_loop'));
}

/** The module's first sync test holding `event_loop` as an object (see firstLoopHolder), memoised. */
export function loopHolder(ctx: FileContext): Node | undefined {
  return ctx.memo('loop-holder', () => firstLoopHolder(ctx.root, ctx.scopes));
}

/**
 * Edits that drop a coroutine's `name` parameter (a removed loop fixture) and, when its body uses the
 * name, bind it to `asyncio.get_running_loop()` first; null when either cannot be done.
 */
export function runningLoopParameterEdits(def: Node, param: Node, uses: Node[], ctx: FileContext, name: string): Edit[] | null {
  const removal = removeParameter(param);
  const assign = uses.length > 0 ? runningLoopAssignment(def, ctx, name) : [];
  return removal && assign ? [removal, ...assign] : null;
}

/**
 * `asyncio.all_tasks(loop)` (or with no argument) in the fixture: outside the loop it listed the loop's
 * unfinished tasks; inside the async fixture it would list the fixture's own task too (awaiting them all
 * would wait forever), so it becomes `asyncio.all_tasks() - {asyncio.current_task()}`, the same set.
 * `asyncio.Task.all_tasks` in the `else` of `if hasattr(asyncio, "all_tasks")` is dead since Python 3.7
 * and stays. `handled` holds both kinds of call; `rewritten` the first.
 */
function allTasksRewrites(def: Node, ctx: FileContext, loopName: string | undefined): { edits: Edit[]; handled: Set<number>; rewritten: Node[] } {
  const edits: Edit[] = [];
  const handled = new Set<number>();
  const rewritten: Node[] = [];
  if (loopName === undefined) return { edits, handled, rewritten };
  for (const call of ctx.callsNamed(['all_tasks'], def)) {
    const name = ctx.resolve(call.childForFieldName('function'));
    if (name === 'asyncio.Task.all_tasks' && inHasattrElse(call, 'all_tasks')) {
      handled.add(call.id);
      continue;
    }
    if (name !== 'asyncio.all_tasks') continue;
    const args = call.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
    const only = args[0];
    const value = only?.type === 'keyword_argument' && only.childForFieldName('name')?.text === 'loop' ? only.childForFieldName('value') : only;
    if (args.length > 1 || (value && !(value.type === 'identifier' && value.text === loopName))) continue;
    const ref = ctx.ensureImport('asyncio', undefined, call);
    if (!ref) continue;
    const parent = call.parent;
    const bare =
      parent?.type === 'assignment' ||
      parent?.type === 'expression_statement' ||
      parent?.type === 'argument_list' ||
      parent?.type === 'keyword_argument' ||
      (parent?.type === 'for_statement' && parent.childForFieldName('right')?.id === call.id);
    const text = `${ref.ref}.all_tasks() - {${ref.ref}.current_task()}`;
    edits.push({ start: call.startIndex, end: call.endIndex, text: bare ? text : `(${text})` }, ...ref.edits);
    handled.add(call.id);
    rewritten.push(call);
  }
  return { edits, handled, rewritten };
}

/** The node sits in the `else` branch of `if hasattr(asyncio, "<attr>"):`. */
function inHasattrElse(node: Node, attr: string): boolean {
  for (let cur = node.parent; cur; cur = cur.parent) {
    if (cur.type !== 'else_clause') continue;
    const cond = cur.parent?.type === 'if_statement' ? cur.parent.childForFieldName('condition')?.text.replace(/\s+/g, '') : undefined;
    if (cond === `hasattr(asyncio,'${attr}')` || cond === `hasattr(asyncio,"${attr}")`) return true;
  }
  return false;
}

function insideAny(node: Node, containers: Node[]): boolean {
  return containers.some((c) => c.startIndex <= node.startIndex && node.endIndex <= c.endIndex);
}

/** The identifier refers to the fixture's own binding (not a nested function's parameter of the same name). */
function sameBinding(ctx: FileContext, id: Node, def: Node): boolean {
  for (let fn = enclosingFunction(id); fn && fn.id !== def.id; fn = enclosingFunction(fn)) {
    const params = fn.childForFieldName('parameters');
    if (params?.descendantsOfType('identifier').some((p) => p?.text === id.text)) return false;
  }
  return ctx.scopes.lookup(id.text, id).binding === null;
}

function isRebinding(id: Node): boolean {
  const parent = id.parent;
  if (parent?.type === 'assignment' || parent?.type === 'augmented_assignment') return parent.childForFieldName('left')?.id === id.id;
  return parent?.type === 'pattern_list' || parent?.type === 'tuple_pattern' || parent?.type === 'for_statement' || parent?.type === 'as_pattern_target';
}

/** Why the generator cannot become an async generator: `return value` or `yield from`. */
function generatorProblem(def: Node): string | null {
  const body = def.childForFieldName('body');
  if (!body) return 'it has no body';
  let yields = false;
  let returnsValue = false;
  let yieldFrom = false;
  const visit = (n: Node) => {
    for (const c of n.namedChildren) {
      if (!c || c.type === 'function_definition' || c.type === 'lambda' || c.type === 'class_definition') continue;
      if (c.type === 'yield') {
        yields = true;
        if (c.text.startsWith('yield from')) yieldFrom = true;
      }
      if (c.type === 'return_statement' && c.namedChildren.some((x) => x && x.type !== 'comment')) returnsValue = true;
      visit(c);
    }
  };
  visit(body);
  if (yieldFrom) return 'it uses `yield from`, which an async generator cannot';
  if (yields && returnsValue) return 'it returns a value from a generator, which an async generator cannot';
  return null;
}

/** `loop.run_until_complete(x)` → `await x` (see awaitText for the parentheses). */
export function awaitEdit(call: Node, source: string): Edit | null {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
  const arg = args[0];
  if (args.length !== 1 || !arg || arg.type === 'keyword_argument' || arg.type === 'list_splat' || arg.type === 'dictionary_splat') return null;
  return { start: call.startIndex, end: call.endIndex, text: awaitText(call, arg, source) };
}

/** `name = asyncio.get_running_loop()` as the body's first statement (after a docstring). */
export function runningLoopAssignment(def: Node, ctx: FileContext, name: string): Edit[] | null {
  const body = def.childForFieldName('body');
  const stmts = body?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
  const first = stmts[0];
  if (!body || !first || first.startPosition.row === def.startPosition.row) return null;
  const ref = ctx.ensureImport('asyncio', 'get_running_loop', first);
  if (!ref) return null;
  const indent = indentAt(ctx.source, first.startIndex);
  const docstring = first.type === 'expression_statement' && first.namedChildren[0]?.type === 'string';
  const line = `${name} = ${ref.ref}()`;
  // A nested def or class after a statement takes a blank line before it (black, ruff format).
  const next = docstring ? stmts[1] : first;
  const definition = next !== undefined && ['function_definition', 'class_definition', 'decorated_definition'].includes(next.type);
  const blankBefore = docstring && next !== undefined && /\n[ \t]*\r?\n/.test(ctx.source.slice(first.endIndex, next.startIndex));
  const gap = definition && !blankBefore ? ctx.eol : '';
  const edit: Edit = docstring
    ? { start: first.endIndex, end: first.endIndex, text: `${ctx.eol}${indent}${line}${gap}` }
    : { start: first.startIndex, end: first.startIndex, text: `${line}${ctx.eol}${gap}${indent}` };
  return [edit, ...ref.edits];
}

/**
 * The decorator pytest-asyncio needs: in strict mode (and for `pytest.yield_fixture`)
 * `@pytest_asyncio.fixture` with the same arguments; in auto mode `@pytest.fixture` runs coroutines too.
 */
function decoratorEdits(fixture: FixtureDef, ctx: FileContext, def: Node): Edit[] | null {
  const qualified = fixture.decorator.qualified;
  if (qualified === 'pytest_asyncio.fixture' || (qualified === 'pytest.fixture' && ctx.pytest.mode === 'auto')) return [];
  const ref = ctx.ensureImport('pytest_asyncio', 'fixture', def);
  if (!ref) return null;
  return [{ start: fixture.decorator.callee.startIndex, end: fixture.decorator.callee.endIndex, text: ref.ref }, ...ref.edits];
}
