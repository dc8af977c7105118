// What values a name (or an attribute target like `self.x`) is assigned in a scope: enough to follow
// `scheduler = AsyncIOScheduler()` to a later `scheduler.start()`.
import type { Node } from './parser.js';
import type { Scope, ScopeIndex } from './scope.js';

const NESTED = new Set(['function_definition', 'lambda', 'class_definition']);

/** Right-hand sides of `name = value` / `name: T = value` statements in the scope's own body. */
export function assignedValues(name: string, scope: Scope): Node[] {
  const body = scope.kind === 'module' ? scope.node : scope.node.childForFieldName('body');
  const out: Node[] = [];
  if (body)
    walk(body, (n) => {
      if (n.type !== 'assignment') return;
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (left?.type === 'identifier' && left.text === name && right) out.push(right);
    });
  return out;
}

/** Values assigned to an attribute target with the same spelling (`self.scheduler = ...`) anywhere in the file. */
export function assignedAttributeValues(target: Node, root: Node): Node[] {
  const spelled = target.text.replace(/\s+/g, '');
  const out: Node[] = [];
  walk(
    root,
    (n) => {
      if (n.type !== 'assignment') return;
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (left?.type === 'attribute' && left.text.replace(/\s+/g, '') === spelled && right) out.push(right);
    },
    true,
  );
  return out;
}

/** The values an identifier or attribute may hold where `node` reads it. */
export function valuesOf(node: Node, scopes: ScopeIndex, root: Node): Node[] {
  if (node.type === 'identifier') {
    const scope = scopes.definingScope(node.text, node);
    return scope ? assignedValues(node.text, scope) : [];
  }
  if (node.type === 'attribute') return assignedAttributeValues(node, root);
  return [];
}

function walk(node: Node, visit: (n: Node) => void, intoNested = false): void {
  for (const child of node.namedChildren) {
    if (!child) continue;
    visit(child);
    if (!intoNested && NESTED.has(child.type)) continue;
    walk(child, visit, intoNested);
  }
}
