// Code under a version gate the target makes dead: `if sys.version_info >= (3, 7): ... else: <legacy>`,
// and flags bound from such a comparison at module level (`PY37 = sys.version_info >= (3, 7)`). A
// project that supports only Pythons at or above the target never runs the dead branch; rewriting it
// would make both branches alike and break the old Python the branch was written for, so rules leave
// it alone (pyupgrade collapses such gates; that is its job).
import type { Node } from './parser.js';
import type { SourceModel } from './model.js';
import type { PythonVersion } from '../common/version.js';

type Truth = 'always' | 'never' | 'unknown';

/** Character ranges of the branches that no Python at or above the target runs. */
export function deadRanges(ctx: SourceModel): Array<[number, number]> {
  if (ctx.words.of('version_info').length === 0) return [];
  const flags = versionFlags(ctx);
  const out: Array<[number, number]> = [];
  for (const stmt of gateCandidates(ctx, flags)) {
    let decided = false;
    const arms: Array<{ cond: Node | null; body: Node | null }> = [{ cond: stmt.childForFieldName('condition'), body: stmt.childForFieldName('consequence') }];
    for (const alt of stmt.childrenForFieldName('alternative')) {
      if (!alt) continue;
      arms.push({
        cond: alt.type === 'elif_clause' ? alt.childForFieldName('condition') : null,
        body: alt.type === 'elif_clause' ? alt.childForFieldName('consequence') : alt.childForFieldName('body'),
      });
    }
    for (const arm of arms) {
      const dead = (n: Node | null) => {
        if (n) out.push([n.startIndex, n.endIndex]);
      };
      if (decided) {
        dead(arm.body);
        continue;
      }
      if (!arm.cond) break;
      const truth = evaluate(ctx, arm.cond, flags);
      if (truth === 'never') dead(arm.body);
      else if (truth === 'always') decided = true;
      else break;
    }
  }
  return out;
}

/**
 * The `if` statements whose conditions may be gates: those around an occurrence of `version_info` or of
 * a flag's name (a condition is part of its statement), in document order. Walking up from the few
 * occurrences costs less than visiting every `if` of a large module.
 */
function gateCandidates(ctx: SourceModel, flags: Map<string, Truth>): Node[] {
  const found = new Map<number, Node>();
  for (const [start, end] of ctx.words.ofAny(['version_info', ...flags.keys()])) {
    for (let cur: Node | null = ctx.root.descendantForIndex(start, end); cur; cur = cur.parent) {
      if (cur.type === 'if_statement') found.set(cur.id, cur);
    }
  }
  return [...found.values()].sort((a, b) => a.startIndex - b.startIndex);
}

/** Module-level `NAME = <version comparison>` (or `not` of one), each bound once. */
function versionFlags(ctx: SourceModel): Map<string, Truth> {
  const flags = new Map<string, Truth>();
  const seen = new Set<string>();
  for (const stmt of ctx.root.namedChildren) {
    const assign = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    if (assign?.type !== 'assignment') continue;
    const left = assign.childForFieldName('left');
    const right = assign.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) continue;
    if (seen.has(left.text)) flags.delete(left.text);
    else {
      seen.add(left.text);
      const truth = evaluate(ctx, right, new Map());
      if (truth !== 'unknown') flags.set(left.text, truth);
    }
  }
  return flags;
}

function evaluate(ctx: SourceModel, cond: Node, flags: Map<string, Truth>): Truth {
  if (cond.type === 'parenthesized_expression') return cond.namedChildren[0] ? evaluate(ctx, cond.namedChildren[0], flags) : 'unknown';
  if (cond.type === 'not_operator') {
    const inner = cond.childForFieldName('argument');
    const t = inner ? evaluate(ctx, inner, flags) : 'unknown';
    return t === 'always' ? 'never' : t === 'never' ? 'always' : 'unknown';
  }
  if (cond.type === 'identifier') return flags.get(cond.text) ?? 'unknown';
  if (cond.type !== 'comparison_operator') return 'unknown';
  const [left, right] = cond.namedChildren;
  const op = cond.children.find((c) => c && !c.isNamed)?.text;
  if (!left || !right || cond.namedChildren.length !== 2 || !op) return 'unknown';
  if (!isVersionInfo(ctx, left)) return 'unknown';
  const bound = versionTuple(right);
  if (!bound) return 'unknown';
  return compareFromTarget(ctx.target, op, bound);
}

/** `sys.version_info`, `sys.version_info[:2]`, `sys.version_info[0:2]`. */
function isVersionInfo(ctx: SourceModel, node: Node): boolean {
  const base = node.type === 'subscript' ? node.childForFieldName('value') : node;
  return base !== null && ctx.resolve(base) === 'sys.version_info';
}

function versionTuple(node: Node): number[] | null {
  if (node.type !== 'tuple') return null;
  const items = node.namedChildren.filter((c): c is Node => c !== null);
  if (items.length === 0 || items.some((c) => c.type !== 'integer')) return null;
  return items.map((c) => Number(c.text));
}

/**
 * The comparison for every Python from the target on: `sys.version_info` of the oldest is
 * (3, minor, 0, ...), which compares greater than a shorter tuple with the same start, as Python does.
 */
function compareFromTarget(target: PythonVersion, op: string, bound: number[]): Truth {
  const oldest = [target[0], target[1], 0];
  let cmp = 0;
  for (let i = 0; i < bound.length && cmp === 0; i++) cmp = Math.sign((oldest[i] ?? 0) - (bound[i] ?? 0));
  // Equal on the bound's length: the full version_info is longer, so greater.
  if (cmp === 0) cmp = bound.length < 5 ? 1 : 0;
  const holds = op === '>=' ? cmp >= 0 : op === '>' ? cmp > 0 : op === '<' ? cmp < 0 : op === '<=' ? cmp <= 0 : null;
  if (holds === null) return 'unknown';
  // A lower bound that holds for the oldest holds for all newer; an upper bound that fails for the oldest fails for all.
  if ((op === '>=' || op === '>') && holds) return 'always';
  if ((op === '<' || op === '<=') && !holds) return 'never';
  return 'unknown';
}
