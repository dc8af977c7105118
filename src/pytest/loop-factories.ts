// An `event_loop` override that customises the loop (a loop class, uvloop, parameters that pick one)
// as a pytest-asyncio 1.4 `pytest_asyncio_loop_factories` hook. The hook maps names to callables that
// make a loop; pytest-asyncio parametrises the async tests over them and runs each in the loop its
// factory made (its runner sets it as the current loop, and closes it).
//
// Recognised shape (anything else is reported by LM201 with the reason):
//   @pytest.fixture                          # any scope; no params of its own
//   def event_loop(request, loop_type, debug):   # `request` unused; the others are "dimensions"
//       asyncio.set_event_loop(None)         # dropped: the runner sets the current loop
//       if loop_type == 'uvloop': loop = uvloop.new_event_loop()   # kept: only assigns the loop
//       else: loop = asyncio.new_event_loop()
//       loop.set_debug(debug)                # dropped: the runner resets debug from `asyncio_debug`
//       loop.set_exception_handler(h)        # kept: configures the loop
//       asyncio.set_event_loop(loop)         # dropped
//       yield loop
//       loop.close(); asyncio.set_event_loop(None); gc.collect()   # dropped: the runner closes it
// where each dimension is a fixture of the same module written `@pytest.fixture(params=[...], ids=[...])
// def loop_type(request): return request.param` that nothing else requests. A dimension the kept
// statements read becomes an argument of the factory, one factory per combination of values; one they
// do not read (it only fed set_debug) goes with the override.
import type { Node } from '../python/parser.js';
import type { ScopeIndex } from '../python/scope.js';
import { collectableFunctions, keyword, stringLiteral } from './decorators.js';
import { definitionStatement } from '../python/decorators.js';
import { fixtureOf } from './fixtures.js';
import { isDocstring } from '../python/nodes.js';
import { isFixtureRequest } from '../python/params.js';
import { statementsOf } from '../python/statements.js';

export interface LoopDimension {
  /** The fixture's name (a parameter of the override). */
  name: string;
  /** The fixture's definition (deleted with the override). */
  def: Node;
  /** The source text of each value, in order. */
  values: string[];
  /** The test id of each value (pytest's: `ids=` when given, else the value for strings, numbers, booleans and None). */
  ids: string[];
  /** The kept statements read it: it becomes a factory argument. */
  used: boolean;
}

export interface LoopFactoriesPlan {
  /** The identifier the override yields. */
  loopVar: string;
  /** The setup statements that make and configure the loop (the factory's body, before `return loop`). */
  kept: Node[];
  dimensions: LoopDimension[];
  /** What the override did that the factories do not, for the message. */
  dropped: string[];
  /** A single `loop = f()` with no dimensions: the hook can map a name to `f` itself. */
  direct: string | null;
}

const TEARDOWN = [/^(\w+\.)*set_event_loop\(None\)$/, /^gc\.collect\(\)$/, /^pass$/];

function squash(node: Node): string {
  return node.text.replace(/#.*$/gm, '').replace(/\s+/g, '');
}

/** `name = <call>` where the call makes something (the loop). */
function assignsLoop(stmt: Node, loopVar: string): boolean {
  if (stmt.type !== 'expression_statement') return false;
  const a = stmt.namedChildren[0];
  if (a?.type !== 'assignment' || a.childForFieldName('left')?.text !== loopVar) return false;
  return a.childForFieldName('right')?.type === 'call';
}

/** An if/elif/else whose every branch only assigns the loop. */
function choosesLoop(stmt: Node, loopVar: string): boolean {
  if (stmt.type !== 'if_statement') return false;
  const blocks: Node[] = [];
  const consequence = stmt.childForFieldName('consequence');
  if (consequence) blocks.push(consequence);
  for (const alt of stmt.childrenForFieldName('alternative')) {
    const b = alt?.childForFieldName('consequence') ?? alt?.childForFieldName('body') ?? alt?.namedChildren.find((c) => c?.type === 'block');
    if (b) blocks.push(b);
  }
  const hasElse = stmt.childrenForFieldName('alternative').some((a) => a?.type === 'else_clause');
  return (
    hasElse &&
    blocks.length >= 2 &&
    blocks.every((b) => {
      const s = statementsOf(b);
      return s.length > 0 && s.every((x) => assignsLoop(x, loopVar));
    })
  );
}

/** `loop.method(...)` or `loop.attr = value`: configures the loop the factory returns. */
function configuresLoop(stmt: Node, loopVar: string): 'debug' | 'keep' | null {
  if (stmt.type !== 'expression_statement') return null;
  const e = stmt.namedChildren[0];
  if (e?.type === 'call') {
    const fn = e.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('object')?.text !== loopVar) return null;
    const method = fn.childForFieldName('attribute')?.text;
    if (method === 'set_debug') return 'debug';
    if (method === 'close' || method?.startsWith('run_')) return null;
    return 'keep';
  }
  if (e?.type === 'assignment') {
    const left = e.childForFieldName('left');
    if (left?.type === 'attribute' && left.childForFieldName('object')?.text === loopVar) return 'keep';
  }
  return null;
}

function isLoopClose(stmt: Node, loopVar: string): boolean {
  const t = squash(stmt);
  return t === `${loopVar}.close()` || t === `ifnot${loopVar}.is_closed():${loopVar}.close()` || t === `${loopVar}.run_until_complete(${loopVar}.shutdown_asyncgens())`;
}

function identifiersIn(nodes: Node[]): Set<string> {
  const out = new Set<string>();
  for (const n of nodes)
    for (const id of n.descendantsOfType('identifier')) {
      if (!id) continue;
      const parent = id.parent;
      if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === id.id) continue;
      if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === id.id) continue;
      out.add(id.text);
    }
  return out;
}

/** pytest's id for a literal parameter value, or null when it would be `argname0` (not a literal we read). */
function literalId(value: Node): string | null {
  const s = stringLiteral(value);
  if (s !== null) return /^[\w.:\-+]+$/.test(s) ? s : null;
  if (['true', 'false', 'none', 'integer', 'float'].includes(value.type)) return value.text;
  return null;
}

/** A `params=` fixture returning `request.param`, defined at module level in `root`. */
function dimension(name: string, root: Node, scopes: ScopeIndex): LoopDimension | string {
  const defs = collectableFunctions(root).filter((d) => definitionStatement(d).parent?.type === 'module' && fixtureOf(d, scopes)?.name === name);
  const def = defs[0];
  if (defs.length !== 1 || !def) return `its parameter \`${name}\` is not a fixture of this module`;
  const fx = fixtureOf(def, scopes);
  const args = fx?.decorator.args ?? null;
  const extra = args?.namedChildren.find((a) => a && a.type !== 'comment' && !(a.type === 'keyword_argument' && ['params', 'ids', 'scope'].includes(a.childForFieldName('name')?.text ?? '')));
  if (!args || extra) return `its parameter \`${name}\` is not a plain \`params=\` fixture`;
  const params = keyword(args, 'params')?.value;
  if (!params || (params.type !== 'list' && params.type !== 'tuple')) return `\`${name}\` has no literal \`params=\` list`;
  const items = params.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const idsNode = keyword(args, 'ids')?.value;
  let ids: Array<string | null>;
  if (idsNode) {
    if (idsNode.type !== 'list' && idsNode.type !== 'tuple') return `\`${name}\` has no literal \`ids=\` list`;
    ids = idsNode.namedChildren
      .filter((c): c is Node => c !== null && c.type !== 'comment')
      .map((c) => {
        const s = stringLiteral(c);
        return s !== null && /^[\w.:\-+]+$/.test(s) ? s : null;
      });
    if (ids.length !== items.length) return `\`${name}\` has as many ids as params`;
  } else ids = items.map(literalId);
  if (items.length === 0 || ids.some((i) => i === null)) return `\`${name}\`'s params are not literals with plain ids`;
  const body = def.childForFieldName('body');
  const stmts = body ? statementsOf(body).filter((s) => !isDocstring(s)) : [];
  const request = def
    .childForFieldName('parameters')
    ?.namedChildren.filter((c) => c !== null && isFixtureRequest(c))
    .map((c) => (c?.type === 'identifier' ? c.text : c?.namedChildren[0]?.text));
  if (stmts.length !== 1 || squash(stmts[0] as Node) !== 'returnrequest.param' || request?.join() !== 'request') return `\`${name}\` does more than return \`request.param\``;
  return { name, def, values: items.map((i) => i.text), ids: ids as string[], used: false };
}

const MAX_FACTORIES = 16;

/** Another function of the module requests the fixture `name` (a parameter, `usefixtures`, `getfixturevalue`). */
function requestedElsewhere(name: string, override: Node, root: Node): string | null {
  for (const fn of root.descendantsOfType('function_definition')) {
    if (!fn || fn.id === override.id) continue;
    const params = fn.childForFieldName('parameters')?.namedChildren ?? [];
    if (params.some((p) => p?.text === name || p?.childForFieldName('name')?.text === name || p?.namedChildren[0]?.text === name)) {
      return `\`${name}\` is also requested by \`${fn.childForFieldName('name')?.text ?? '?'}\``;
    }
  }
  if (new RegExp(`(usefixtures|getfixturevalue)\\([^)]*['"]${name}['"]`).test(root.text)) return `\`${name}\` is also requested by name`;
  return null;
}

/** Dimension fixtures of a loop-factories plan: the rest of the project must not request them. */
export function dimensionNames(plan: LoopFactoriesPlan): string[] {
  return plan.dimensions.map((d) => d.name);
}

/**
 * Why LM201 cannot remove an `event_loop` override, or null; with the loop-factories plan that replaces
 * it when its body does more than create a loop but fits the recognised shape (a conftest only: the
 * hook is looked up there).
 */
export function overrideVerdict(def: Node, root: Node, scopes: ScopeIndex, conftest: boolean, bodyProblem: string | null): { problem: string | null; plan: LoopFactoriesPlan | null } {
  if (!bodyProblem) return { problem: null, plan: null };
  if (!conftest) return { problem: bodyProblem, plan: null };
  const plan = loopFactoriesPlan(def, root, scopes);
  if (typeof plan === 'string') return { problem: `${bodyProblem}, and a loop-factories hook cannot take its place: ${plan}`, plan: null };
  return { problem: null, plan };
}

/**
 * The loop-factories plan for an `event_loop` override, or why it has none. `root` is its module;
 * the caller checks the rest of the project does not request the dimension fixtures.
 */
export function loopFactoriesPlan(def: Node, root: Node, scopes: ScopeIndex): LoopFactoriesPlan | string {
  if (definitionStatement(def).parent?.type !== 'module') return 'it is not a module-level fixture';
  const fx = fixtureOf(def, scopes);
  if (!fx || keyword(fx.decorator.args, 'params')) return 'it is parametrised itself';
  if (def.descendantsOfType('yield').filter((y) => y?.isNamed).length > 1) return 'it yields more than once';
  const body = def.childForFieldName('body');
  if (!body) return 'it has no body';
  const stmts = statementsOf(body).filter((s, i) => !(i === 0 && isDocstring(s)));
  const yieldAt = stmts.findIndex((s) => (s.type === 'expression_statement' && s.namedChildren[0]?.type === 'yield') || s.type === 'return_statement');
  const out = stmts[yieldAt];
  const value = out?.type === 'return_statement' ? out.namedChildren[0] : out?.namedChildren[0]?.namedChildren[0];
  const loopVar = value?.type === 'identifier' ? value.text : undefined;
  if (!out || !loopVar) return 'it does not yield or return one loop variable';
  const kept: Node[] = [];
  const dropped = new Set<string>();
  const droppedNodes: Node[] = [];
  let assigned = false;
  for (const s of stmts.slice(0, yieldAt)) {
    const t = squash(s);
    if (/^(\w+\.)*set_event_loop\((\w+|None)\)$/.test(t)) continue;
    if (assignsLoop(s, loopVar) || choosesLoop(s, loopVar)) {
      kept.push(s);
      assigned = true;
      continue;
    }
    const cfg = assigned ? configuresLoop(s, loopVar) : null;
    if (cfg === 'keep') kept.push(s);
    else if (cfg === 'debug') {
      dropped.add('`set_debug` (pytest-asyncio sets debug mode from its `asyncio_debug` option on every loop it runs)');
      droppedNodes.push(s);
    } else return `it runs \`${s.text.split(/\r?\n/)[0]}\``;
  }
  if (!assigned) return 'it does not make its loop with a call';
  for (const s of stmts.slice(yieldAt + 1)) {
    if (isLoopClose(s, loopVar)) continue;
    const t = squash(s);
    if (!TEARDOWN.some((re) => re.test(t))) return `its teardown runs \`${s.text.split(/\r?\n/)[0]}\``;
    if (t === 'gc.collect()') dropped.add('the `gc.collect()` after each test');
  }
  const params = (def.childForFieldName('parameters')?.namedChildren ?? []).filter((c): c is Node => c !== null && c.type !== 'comment');
  const names: string[] = [];
  for (const p of params) {
    if (!isFixtureRequest(p)) return 'its parameters are not plain names';
    names.push(p.type === 'identifier' ? p.text : (p.namedChildren[0]?.text ?? ''));
  }
  const keptIds = identifiersIn(kept);
  if (keptIds.has('request')) return 'its loop depends on `request`';
  const dimensions: LoopDimension[] = [];
  for (const name of names) {
    if (name === 'request') {
      if (identifiersIn(droppedNodes).has('request')) return 'it uses `request`';
      continue;
    }
    const d = dimension(name, root, scopes);
    if (typeof d === 'string') return d;
    const other = requestedElsewhere(name, def, root);
    if (other) return other;
    d.used = keptIds.has(name);
    if (!d.used) dropped.add(`the \`${name}\` parametrisation`);
    dimensions.push(d);
  }
  const count = dimensions.filter((d) => d.used).reduce((n, d) => n * d.values.length, 1);
  if (count > MAX_FACTORIES) return `it makes ${count} loop variants`;
  for (const taken of ['pytest_asyncio_loop_factories', FACTORY_NAME]) {
    if (scopes.module.others.has(taken) || scopes.module.imports.has(taken)) return `the module already defines \`${taken}\``;
  }
  const only = kept.length === 1 && dimensions.every((d) => !d.used) ? kept[0] : undefined;
  const call = only && assignsLoop(only, loopVar) ? only.namedChildren[0]?.childForFieldName('right') : undefined;
  const direct = call && (call.childForFieldName('arguments')?.namedChildren.filter((c) => c && c.type !== 'comment').length ?? 1) === 0 ? (call.childForFieldName('function')?.text ?? null) : null;
  return { loopVar, kept, dimensions, dropped: [...dropped], direct };
}

/** The helper that makes one loop, written beside the hook when the loop needs more than one call. */
export const FACTORY_NAME = '_new_event_loop';

/** The hook's entries: factory name (a test id) and the argument texts of that combination. */
export function factoryEntries(plan: LoopFactoriesPlan): Array<{ id: string; args: string[] }> {
  let combos: Array<{ ids: string[]; args: string[] }> = [{ ids: [], args: [] }];
  for (const d of plan.dimensions.filter((x) => x.used)) {
    combos = combos.flatMap((c) => d.values.map((v, i) => ({ ids: [...c.ids, d.ids[i] as string], args: [...c.args, v] })));
  }
  return combos.map((c) => ({ id: c.ids.join('-'), args: c.args }));
}

export interface HookStyle {
  eol: string;
  /** One indentation step of the file. */
  unit: string;
  /** A string literal in the file's quote style. */
  literal(value: string): string;
  /** Annotations to write (the module's functions are annotated), with the names they use as the file refers to them. */
  types?: { loop: string; config: string; item: string; callable: string };
}

/** The annotation of a dimension's values: all strings, all booleans or all integers; null otherwise. */
function dimensionType(d: LoopDimension): string | null {
  if (d.values.every((v) => /^[rRuU]?(['"]).*\1$/s.test(v))) return 'str';
  if (d.values.every((v) => v === 'True' || v === 'False')) return 'bool';
  if (d.values.every((v) => /^-?\d+$/.test(v))) return 'int';
  return null;
}

/** The hook (and the helper it calls) that replaces the override, as module-level source text. */
export function loopFactoriesHook(plan: LoopFactoriesPlan, source: string, style: HookStyle): string {
  const { eol, unit } = style;
  const lines: string[] = [];
  const used = plan.dimensions.filter((d) => d.used);
  const first = plan.kept[0];
  const name = (text: string | undefined) => /^[A-Za-z_]\w*/.exec(text ?? '')?.[0] ?? 'custom';
  if (plan.direct) {
    lines.push('def pytest_asyncio_loop_factories(config, item):', `${unit}return {${style.literal(name(plan.direct))}: ${plan.direct}}`);
    return lines.join(eol);
  }
  const bodyIndent = first ? source.slice(source.lastIndexOf('\n', first.startIndex - 1) + 1, first.startIndex) : unit;
  const types = style.types && used.every((d) => dimensionType(d) !== null) ? style.types : undefined;
  const params = used.map((d) => (types ? `${d.name}: ${dimensionType(d)}` : d.name)).join(', ');
  lines.push(`def ${FACTORY_NAME}(${params})${types ? ` -> ${types.loop}` : ''}:`);
  for (const s of plan.kept) lines.push(unit + shift(source.slice(s.startIndex, s.endIndex), bodyIndent, unit));
  lines.push(`${unit}return ${plan.loopVar}`, '', '');
  if (types) {
    // As black lays out the signature (it does not fit in 88 columns on one line).
    lines.push('def pytest_asyncio_loop_factories(', `${unit}config: ${types.config}, item: ${types.item}`, `) -> dict[str, ${types.callable}[[], ${types.loop}]]:`);
  } else lines.push('def pytest_asyncio_loop_factories(config, item):');
  if (used.length === 0) {
    const call = first?.namedChildren[0]?.childForFieldName('right')?.childForFieldName('function')?.text;
    lines.push(`${unit}return {${style.literal(name(call))}: ${FACTORY_NAME}}`);
    return lines.join(eol);
  }
  lines.push(`${unit}return {`);
  for (const e of factoryEntries(plan)) lines.push(`${unit}${unit}${style.literal(e.id)}: lambda: ${FACTORY_NAME}(${e.args.join(', ')}),`);
  lines.push(`${unit}}`);
  return lines.join(eol);
}

/** Lines after the first that start with `from` start with `to` instead (blank lines stay blank). */
function shift(text: string, from: string, to: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i > 0 && i % 2 === 0 && part.trim() !== '' && part.startsWith(from) ? to + part.slice(from.length) : part))
    .join('');
}
