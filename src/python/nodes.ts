// Small questions about tree-sitter-python nodes that several rules ask.
import type { Node } from './parser.js';

export function isAsyncDef(node: Node): boolean {
  return node.type === 'function_definition' && node.children.some((c) => c?.type === 'async');
}

/**
 * The nearest enclosing function-like node (def, lambda) or a lazily evaluated generator expression,
 * or null at module/class level. Only a body counts: a def's defaults, annotations and decorators run
 * in the enclosing scope, when the def statement executes.
 */
export function enclosingFunction(node: Node): Node | null {
  let child: Node = node;
  for (let cur = node.parent; cur; child = cur, cur = cur.parent) {
    if (cur.type === 'generator_expression') return cur;
    if (cur.type === 'function_definition' || cur.type === 'lambda' || cur.type === 'class_definition') {
      if (cur.childForFieldName('body')?.id === child.id) return cur;
    }
  }
  return null;
}

/**
 * The nearest def or lambda whose body holds node, looking through class bodies and generator
 * expressions (they run where their statement or their consumer runs): the function whose call runs it.
 */
export function enclosingDef(node: Node): Node | null {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (fn.type === 'function_definition' || fn.type === 'lambda') return fn;
  }
  return null;
}

/** The nearest class_definition around node (its body, bases or decorators). */
export function enclosingClass(node: Node): Node | null {
  for (let cur = node.parent; cur; cur = cur.parent) if (cur.type === 'class_definition') return cur;
  return null;
}

/** True when the nearest enclosing function is an `async def` (lambdas, generator expressions and classes break it). */
export function inCoroutine(node: Node): boolean {
  const fn = enclosingFunction(node);
  return fn !== null && isAsyncDef(fn);
}

/** The statement (a direct child of a block or the module) that contains node. */
export function enclosingStatement(node: Node): Node | null {
  let cur: Node | null = node;
  while (cur && cur.parent && cur.parent.type !== 'block' && cur.parent.type !== 'module') cur = cur.parent;
  return cur && cur.parent ? cur : null;
}

export function argumentCount(args: Node | null): number {
  return args ? args.namedChildren.filter((c) => c && c.type !== 'comment').length : 0;
}

/** `if __name__ == "__main__":` */
export function isMainGuard(node: Node): boolean {
  if (node.type !== 'if_statement') return false;
  const cond = node.childForFieldName('condition');
  if (!cond || cond.type !== 'comparison_operator') return false;
  const text = cond.text.replace(/\s+/g, '').replace(/'/g, '"');
  return text === '__name__=="__main__"' || text === '"__main__"==__name__';
}

/** An identifier read as a name: not an attribute's name, a keyword argument's name, or part of an import. */
export function isNameReference(id: Node): boolean {
  const parent = id.parent;
  if (!parent) return false;
  if (parent.type === 'attribute') return parent.childForFieldName('object')?.id === id.id;
  if (parent.type === 'keyword_argument') return parent.childForFieldName('value')?.id === id.id;
  for (let cur: Node | null = parent; cur; cur = cur.parent) {
    if (cur.type === 'import_statement' || cur.type === 'import_from_statement') return false;
  }
  return true;
}

/**
 * True when replacing `node` by `text` makes its operand of the comparison it sits in read the same as
 * another operand: code that compares an old API with its replacement on purpose
 * (`asyncio.iscoroutinefunction(f) == inspect.iscoroutinefunction(f)`) must not become a tautology.
 */
export function mirrorsComparison(node: Node, text: string): boolean {
  let operand = node;
  while (operand.parent && operand.parent.type !== 'comparison_operator') {
    const t = operand.parent.type;
    if (t === 'block' || t === 'module' || t === 'lambda' || t.endsWith('_statement') || t === 'function_definition') return false;
    operand = operand.parent;
  }
  const cmp = operand.parent;
  if (!cmp) return false;
  const squash = (s: string) => s.replace(/\s+/g, '');
  const replaced = squash(operand.text.slice(0, node.startIndex - operand.startIndex) + text + operand.text.slice(node.endIndex - operand.startIndex));
  return cmp.namedChildren.some((o) => o !== null && o.id !== operand.id && squash(o.text) === replaced);
}

/** True inside a class body (at any depth): code there runs when the class statement runs. */
export function insideClass(node: Node): boolean {
  for (let cur = node.parent; cur; cur = cur.parent) if (cur.type === 'class_definition') return true;
  return false;
}

/** A statement that is only a string literal (a docstring where it opens a module, class or function). */
export function isDocstring(node: Node): boolean {
  return node.type === 'expression_statement' && node.namedChildren.length === 1 && node.namedChildren[0]?.type === 'string';
}
