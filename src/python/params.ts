// Parameters of a function definition: finding one by name and removing it with its comma.
import type { Node } from './parser.js';
import type { Edit } from '../common/types.js';

function paramName(p: Node): string | null {
  if (p.type === 'identifier') return p.text;
  const name = p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier') ?? null;
  return name?.type === 'identifier' ? name.text : null;
}

/** The parameter node named `name` (plain, typed or with a default), or null. */
export function findParameter(def: Node, name: string): Node | null {
  const params = def.childForFieldName('parameters');
  return params?.namedChildren.find((p) => p && p.type !== 'comment' && paramName(p) === name) ?? null;
}

/** An edit removing `param` and the comma that separates it from its neighbour. */
export function removeParameter(param: Node): Edit | null {
  const list = param.parent;
  if (!list) return null;
  const items = list.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const i = items.findIndex((c) => c.id === param.id);
  const next = items[i + 1];
  const prev = items[i - 1];
  if (next) return { start: param.startIndex, end: next.startIndex, text: '' };
  if (prev) {
    // Keep a trailing comma where the list had one: drop from after the comma that follows prev.
    const end = trailingComma(param);
    const prevComma = prev.nextSibling;
    const start = end !== param.endIndex && prevComma?.type === ',' ? prevComma.endIndex : prev.endIndex;
    return { start, end, text: '' };
  }
  // The only parameter: an exploded list `(\n    x,\n)` becomes `()`, as black writes it.
  if (!list.namedChildren.some((c) => c?.type === 'comment') && list.startPosition.row !== list.endPosition.row) {
    return { start: list.startIndex + 1, end: list.endIndex - 1, text: '' };
  }
  return { start: param.startIndex, end: trailingComma(param), text: '' };
}

/** End of param, past a trailing `,` (the last parameter may have one). */
function trailingComma(param: Node): number {
  const sib = param.nextSibling;
  return sib && sib.type === ',' ? sib.endIndex : param.endIndex;
}

/** A parameter pytest fills with a fixture: a plain name or an annotated one, without a default. */
export function isFixtureRequest(param: Node | null): boolean {
  if (!param) return false;
  if (param.type === 'identifier') return true;
  return param.type === 'typed_parameter' && param.namedChildren[0]?.type === 'identifier';
}
