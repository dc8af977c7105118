// Decorated definitions as tree-sitter-python shapes them: a def or class with decorators is the
// `definition` of a decorated_definition statement, whose other children are the decorators.
import type { Node } from './parser.js';

/** The decorators of a function or class definition, in order (empty when it has none). */
export function decoratorsOf(def: Node): Node[] {
  const parent = def.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return parent.namedChildren.filter((c): c is Node => c !== null && c.type === 'decorator');
}

/** What follows the `@`: `x`, `x.y` or `x(...)`. */
export function decoratorExpression(decorator: Node): Node | null {
  return decorator.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
}

/** The callee of a decorator: `x` for `@x` and `@x(...)`. */
export function decoratorCallee(decorator: Node): Node | null {
  const expr = decoratorExpression(decorator);
  return expr?.type === 'call' ? expr.childForFieldName('function') : expr;
}

/** The statement that holds a definition: its decorated_definition when decorated (what to delete or move). */
export function definitionStatement(def: Node): Node {
  return def.parent?.type === 'decorated_definition' ? def.parent : def;
}

/** The definition a statement is: the def or class under its decorators, or the statement itself. */
export function definitionOf(stmt: Node): Node | null {
  return stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
}
