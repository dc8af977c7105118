// The names a statement binds in the scope it runs in (nested function and class bodies excluded).
import type { Node } from './parser.js';
import { targetNames } from './scope.js';

export function boundNames(stmt: Node): Set<string> {
  const out = new Set<string>();
  const visit = (node: Node): void => {
    switch (node.type) {
      case 'function_definition':
      case 'class_definition': {
        const name = node.childForFieldName('name');
        if (name) out.add(name.text);
        return;
      }
      case 'lambda':
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        return;
      case 'import_statement':
      case 'import_from_statement':
        for (const el of node.childrenForFieldName('name')) {
          if (!el) continue;
          const alias = el.type === 'aliased_import' ? el.childForFieldName('alias') : null;
          out.add(alias ? alias.text : (el.text.split('.')[0] ?? el.text).trim());
        }
        return;
      case 'assignment':
      case 'augmented_assignment':
      case 'for_statement': {
        const left = node.childForFieldName('left');
        if (left) for (const n of targetNames(left)) out.add(n);
        break;
      }
      case 'named_expression': {
        const name = node.childForFieldName('name');
        if (name) out.add(name.text);
        break;
      }
      case 'as_pattern': {
        const alias = node.childForFieldName('alias');
        if (alias) for (const n of targetNames(alias)) out.add(n);
        break;
      }
      case 'except_clause': {
        const kids = node.children;
        for (let i = 0; i + 1 < kids.length; i++) if (kids[i]?.type === 'as' && kids[i + 1]?.type === 'identifier') out.add(kids[i + 1]?.text ?? '');
        break;
      }
      default:
        break;
    }
    for (const c of node.namedChildren) if (c) visit(c);
  };
  visit(stmt);
  return out;
}
