// Whether evaluating an expression can do anything but produce its value, so that deleting the
// expression cannot change what the program does.
import type { Node } from './parser.js';

const ATOMS = new Set(['identifier', 'none', 'true', 'false', 'integer', 'float', 'ellipsis']);
const COMPOUND = new Set(['parenthesized_expression', 'boolean_operator', 'not_operator', 'conditional_expression', 'concatenated_string']);

/**
 * True for names, attribute chains over names, literals and boolean/conditional combinations of them.
 * Calls count only when `pureCall` vouches for them; subscripts, operators that may dispatch to user
 * code, lambdas, walrus assignments and f-strings with expressions do not count.
 */
export function isSideEffectFree(node: Node, pureCall: (call: Node) => boolean = () => false): boolean {
  if (node.type === 'string') return !node.namedChildren.some((c) => c?.type === 'interpolation');
  if (ATOMS.has(node.type)) return true;
  if (node.type === 'attribute') {
    const obj = node.childForFieldName('object');
    return obj !== null && isSideEffectFree(obj, pureCall);
  }
  if (node.type === 'call') return pureCall(node);
  if (COMPOUND.has(node.type)) {
    return node.namedChildren.every((c) => c === null || c.type === 'comment' || isSideEffectFree(c, pureCall));
  }
  return false;
}
