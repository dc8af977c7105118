// Adding and removing imports with minimal edits (LibCST's AddImportsVisitor, ruff's Importer).
import type { Node } from '../parser.js';
import type { Edit } from '../types.js';
import { ScopeIndex, type ImportBinding } from './scope.js';
import { lineBreakLength, lineEndOf, lineRemoval } from './text.js';

/**
 * Where `import x` goes: before the first top-level import that is not `from __future__`, else after
 * the docstring and future imports, else before the first statement (after leading comments).
 */
export function importInsertion(root: Node, source: string, eol: string, statement: string): Edit {
  const body = root.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const firstImport = body.find((c) => c.type === 'import_statement' || c.type === 'import_from_statement');
  if (firstImport && startsLine(source, firstImport.startIndex)) {
    return { start: firstImport.startIndex, end: firstImport.startIndex, text: statement + eol };
  }
  let after: Node | null = null;
  for (const c of body) {
    if (c.type === 'future_import_statement' || (after === null && isDocstring(c))) after = c;
    else break;
  }
  if (after) {
    const eol = lineEndOf(source, after.endIndex);
    const end = eol + lineBreakLength(source, eol);
    if (end === source.length && !/[\r\n]$/.test(source)) {
      return { start: end, end, text: eol + statement + eol };
    }
    return { start: end, end, text: statement + eol };
  }
  const first = body[0];
  if (first && startsLine(source, first.startIndex)) {
    return { start: first.startIndex, end: first.startIndex, text: statement + eol + (first.type === 'function_definition' || first.type === 'class_definition' || first.type === 'decorated_definition' ? eol + eol : '') };
  }
  const end = source.length;
  const prefix = end > 0 && !/[\r\n]$/.test(source) ? eol : '';
  return { start: end, end, text: prefix + statement + eol };
}

function isDocstring(node: Node): boolean {
  return node.type === 'expression_statement' && node.namedChildren.length === 1 && node.namedChildren[0]?.type === 'string';
}

function startsLine(source: string, offset: number): boolean {
  return offset === 0 || source[offset - 1] === '\n' || source[offset - 1] === '\r';
}

/** Count references to each import-bound name (identifiers outside import statements, not attribute names). */
export function importUses(root: Node, scopes: ScopeIndex): Map<ImportBinding, number> {
  const counts = new Map<ImportBinding, number>();
  const all = allImportBindings(scopes);
  for (const b of all) counts.set(b, 0);
  if (all.length === 0) return counts;
  const names = new Set(all.map((b) => b.name));
  const visit = (node: Node) => {
    for (const child of node.children) {
      if (!child) continue;
      if (child.type === 'import_statement' || child.type === 'import_from_statement') continue;
      if (child.type === 'identifier' && names.has(child.text)) {
        const parent = child.parent;
        const isAttrName = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === child.id;
        const isKeyword = parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === child.id;
        if (!isAttrName && !isKeyword) {
          const { binding } = scopes.lookup(child.text, child);
          if (binding && counts.has(binding)) counts.set(binding, (counts.get(binding) ?? 0) + 1);
        }
      } else if (child.type === 'string') {
        // A name listed in __all__ (or a whole-string annotation) counts as a use.
        const content = child.text.replace(/^[rbuf]*['"]{1,3}|['"]{1,3}$/gi, '');
        for (const b of all) if (content === b.name) counts.set(b, (counts.get(b) ?? 0) + 1);
      } else if (child.childCount > 0) {
        visit(child);
      }
    }
  };
  visit(root);
  return counts;
}

function allImportBindings(scopes: ScopeIndex): ImportBinding[] {
  const out: ImportBinding[] = [];
  const seen = new Set<number>();
  const walk = (node: Node) => {
    if (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda' || node.type === 'module') {
      const scope = node.type === 'module' ? scopes.module : scopes.scopeFor(node);
      if (!seen.has(node.id)) {
        seen.add(node.id);
        out.push(...scope.imports.values());
      }
    }
    for (const c of node.namedChildren) if (c) walk(c);
  };
  walk(scopes.root);
  return out;
}

/**
 * Edits that remove the given bindings from their import statements: the whole statement when all of
 * its names go, else just the names (with their commas). Null when the statement shares its line.
 */
export function removeBindings(source: string, bindings: ImportBinding[]): Edit[] {
  const byStatement = new Map<number, { stmt: Node; gone: ImportBinding[] }>();
  for (const b of bindings) {
    const entry = byStatement.get(b.statement.id) ?? { stmt: b.statement, gone: [] };
    entry.gone.push(b);
    byStatement.set(b.statement.id, entry);
  }
  const edits: Edit[] = [];
  for (const { stmt, gone } of byStatement.values()) {
    const elements = stmt.childrenForFieldName('name').filter((c): c is Node => c !== null);
    const goneIds = new Set(gone.map((b) => b.element.id));
    if (elements.every((e) => goneIds.has(e.id))) {
      const removal = lineRemoval(source, stmt);
      if (removal) edits.push(removal);
      continue;
    }
    for (let i = 0; i < elements.length; i++) {
      const el = elements[i];
      if (!el || !goneIds.has(el.id)) continue;
      const next = elements[i + 1];
      const prev = elements[i - 1];
      if (next) {
        edits.push({ start: el.startIndex, end: next.startIndex, text: '' });
      } else if (prev && !goneIds.has(prev.id)) {
        edits.push({ start: prev.endIndex, end: el.endIndex, text: '' });
      } else if (prev) {
        // prev is removed too and reaches up to this element; remove the separator after the last kept one.
        const kept = [...elements.slice(0, i)].reverse().find((e) => !goneIds.has(e.id));
        if (kept) edits.push({ start: kept.endIndex, end: el.endIndex, text: '' });
      }
    }
  }
  return mergeTouching(edits);
}

function mergeTouching(edits: Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const out: Edit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && e.start <= last.end && last.text === '' && e.text === '') last.end = Math.max(last.end, e.end);
    else out.push({ ...e });
  }
  return out;
}
