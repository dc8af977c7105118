// What makes a function a generator: its own `yield`s and `return`s, those of nested functions,
// lambdas and classes left out.
import type { Node } from './parser.js';

const NESTED_SCOPES = new Set(['function_definition', 'lambda', 'class_definition']);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

export interface OwnYield {
  node: Node;
  /** `yield from x` (as opposed to a bare `yield` or `yield x`). */
  from: boolean;
  /** Inside a comprehension or generator expression, which is a scope of its own. */
  inComprehension: boolean;
}

/** The `yield` expressions that belong to this function's own body. */
export function ownYields(fn: Node): OwnYield[] {
  const out: OwnYield[] = [];
  ownNodes(fn, (node, inComprehension) => {
    if (node.type === 'yield') out.push({ node, from: node.children.some((c) => c?.type === 'from'), inComprehension });
  });
  return out;
}

/** The `return` statements that belong to this function's own body. */
export function ownReturns(fn: Node): Node[] {
  const out: Node[] = [];
  ownNodes(fn, (node) => {
    if (node.type === 'return_statement') out.push(node);
  });
  return out;
}

/** A function that is a plain generator: `def` (not async) with a `yield` of its own. */
export function isPlainGenerator(fn: Node): boolean {
  return fn.type === 'function_definition' && !fn.children.some((c) => c?.type === 'async') && ownYields(fn).length > 0;
}

function ownNodes(fn: Node, visit: (node: Node, inComprehension: boolean) => void): void {
  const body = fn.childForFieldName('body');
  if (!body) return;
  const walk = (node: Node, inComprehension: boolean) => {
    for (const child of node.namedChildren) {
      if (!child || NESTED_SCOPES.has(child.type)) continue;
      visit(child, inComprehension);
      walk(child, inComprehension || COMPREHENSIONS.has(child.type));
    }
  };
  walk(body, false);
}

/** Node types `await` takes as its operand without parentheses (Python's "primary"). */
const PRIMARY = new Set([
  'identifier',
  'attribute',
  'subscript',
  'call',
  'parenthesized_expression',
  'list',
  'tuple',
  'set',
  'dictionary',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
  'string',
  'concatenated_string',
  'integer',
  'float',
  'none',
  'true',
  'false',
]);

/** True when `await <node>` would parse differently from `await (<node>)`. */
export function needsParenthesesAfterAwait(node: Node): boolean {
  return !PRIMARY.has(node.type);
}

/**
 * The text that replaces `expr` (a call such as `loop.run_until_complete(x)`) with an await of
 * `operand` (its argument): `await x`; `await (a if c else b)` where the operand is not a primary; and
 * the whole in parentheses where `expr` is the object of an attribute, subscript or call (`await`
 * binds tighter than any operator, so nothing else needs them). An operand that is an await already
 * stays as it is.
 */
export function awaitText(expr: Node, operand: Node, source: string): string {
  const inner = source.slice(operand.startIndex, operand.endIndex);
  const awaited = operand.type === 'await' ? inner : needsParenthesesAfterAwait(operand) ? `await (${inner})` : `await ${inner}`;
  const parent = expr.parent;
  const primary =
    (parent?.type === 'attribute' && parent.childForFieldName('object')?.id === expr.id) ||
    (parent?.type === 'subscript' && parent.childForFieldName('value')?.id === expr.id) ||
    (parent?.type === 'call' && parent.childForFieldName('function')?.id === expr.id);
  return primary ? `(${awaited})` : awaited;
}
