// Calls found from the text: the occurrences of a callee's name (and of import aliases of it) lead to
// the call nodes, so finding "every call of X" costs a few lookups instead of a query over the whole
// tree (in the wasm build a whole-tree query costs about a quarter of a parse).
import { anchorOccurrences, type Text } from './words.js';
import type { Node } from './parser.js';

/**
 * The calls whose callee is one of the names (`name(...)`, `x.y.name(...)`) or a local name an import
 * binds to one of them, in document order.
 */
export function callsNamed(root: Node, text: Text, names: readonly string[]): Node[] {
  const out: Node[] = [];
  for (const [start, end] of anchorOccurrences(text, names)) {
    const id = root.descendantForIndex(start, end);
    if (id?.type !== 'identifier' || id.startIndex !== start || id.endIndex !== end) continue;
    let callee: Node = id;
    const parent = id.parent;
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === id.id) callee = parent;
    const call = callee.parent;
    if (call?.type === 'call' && call.childForFieldName('function')?.id === callee.id) out.push(call);
  }
  return out;
}

/** The last name of a callee: `ClientSession` for `aiohttp.ClientSession`, the name itself for `f`. */
export function lastName(callee: Node | null): string | undefined {
  if (!callee) return undefined;
  return callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee.type === 'identifier' ? callee.text : undefined;
}
