// Adding and removing imports with minimal edits (LibCST's AddImportsVisitor, ruff's Importer).
import type { Node } from './parser.js';
import type { Edit } from '../common/types.js';
import type { ScopeIndex, ImportBinding, Scope } from './scope.js';
import type { WordIndex } from './words.js';
import { STDLIB_MODULES } from './stdlib.js';
import { isDocstring } from './nodes.js';
import { lineBreakLength, lineEndOf, lineRemoval, lineStartOf } from './text.js';

/**
 * Where `import x` goes: before the first top-level import that is not `from __future__`, else after
 * the docstring and future imports, else before the first statement (after leading comments).
 */
export function importInsertion(root: Node, source: string, eol: string, statement: string, style?: ImportStyle): Edit {
  const placed = sectionedInsertion(root, source, eol, statement, style);
  if (placed) return placed;
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
    return {
      start: first.startIndex,
      end: first.startIndex,
      text: statement + eol + (first.type === 'function_definition' || first.type === 'class_definition' || first.type === 'decorated_definition' ? eol + eol : ''),
    };
  }
  const end = source.length;
  const prefix = end > 0 && !/[\r\n]$/.test(source) ? eol : '';
  return { start: end, end, text: prefix + statement + eol };
}

/** What the project's isort (or ruff's `I` rules) settings say about where an import goes. */
export interface ImportStyle {
  /** Top-level modules of the project itself (isort's first-party section). */
  firstParty: ReadonlySet<string>;
  /** `known-third-party`: third party even where a module of that name sits in the project. */
  thirdParty?: ReadonlySet<string>;
  /** isort's force_sort_within_sections: `import x` and `from x import y` sorted together by module. */
  forceSortWithinSections: boolean;
}

// isort's sections, in the order it writes them (ruff's `I` rules agree with its defaults).
const FUTURE = 0;
const STDLIB = 1;
const THIRD_PARTY = 2;
const FIRST_PARTY = 3;
const LOCAL = 4;

/** The module a statement imports from (`a.b` of `import a.b as c` / `from a.b import c`; `.` for relative imports). */
function importedModule(stmt: Node): string {
  if (stmt.type === 'future_import_statement') return '__future__';
  if (stmt.type === 'import_from_statement') {
    const mod = stmt.childForFieldName('module_name');
    return mod?.type === 'relative_import' ? '.' : (mod?.text ?? '');
  }
  const first = stmt.childrenForFieldName('name').find((c) => c !== null);
  return (first?.type === 'aliased_import' ? first.childForFieldName('name')?.text : first?.text) ?? '';
}

function sectionOf(module: string, firstParty?: ReadonlySet<string>, thirdParty?: ReadonlySet<string>): number {
  if (module === '__future__') return FUTURE;
  if (module.startsWith('.')) return LOCAL;
  const top = module.split('.')[0] ?? module;
  if (STDLIB_MODULES.has(top)) return STDLIB;
  if (thirdParty?.has(top)) return THIRD_PARTY;
  return firstParty?.has(top) ? FIRST_PARTY : THIRD_PARTY;
}

/**
 * `import m` or `from m import n` placed as isort would: in the group (blank-line separated block) of
 * the head's imports that holds its section, in order among its section's imports (straight imports
 * before `from` imports, each sorted by module; by module alone with force-sort-within-sections); or
 * as a new group between the sections around it. Null when the module has no head block of imports
 * (the caller places it after a docstring).
 */
function sectionedInsertion(root: Node, source: string, eol: string, statement: string, style?: ImportStyle): Edit | null {
  const m = /^(?:import ([\w.]+)|from ([\w.]+) import [\w, ]+)$/.exec(statement);
  const module = m?.[1] ?? m?.[2];
  if (!module) return null;
  const firstParty = style?.firstParty;
  const section = sectionOf(module, firstParty, style?.thirdParty);
  const head: Node[] = [];
  for (const c of root.namedChildren) {
    if (!c || c.type === 'comment') continue;
    if (head.length === 0 && isDocstring(c)) continue;
    if (c.type !== 'import_statement' && c.type !== 'import_from_statement' && c.type !== 'future_import_statement') break;
    if (!startsLine(source, c.startIndex) || !endsLine(source, c.endIndex)) return null;
    head.push(c);
  }
  if (head.length === 0) return null;
  // Groups: runs of imports with no blank line between them.
  const groups: Node[][] = [];
  for (const stmt of head) {
    const prev = groups[groups.length - 1]?.at(-1);
    if (prev && !/\n[ \t]*\r?\n/.test(source.slice(prev.endIndex, stmt.startIndex).replace(/\r\n/g, '\n'))) groups[groups.length - 1]?.push(stmt);
    else groups.push([stmt]);
  }
  const sectionOfStmt = (s: Node) => sectionOf(importedModule(s), firstParty, style?.thirdParty);
  const sortKey = (fromImport: boolean, mod: string) => `${style?.forceSortWithinSections ? '' : fromImport ? '1' : '0'}${mod.toLowerCase()}`;
  const key = sortKey(m?.[2] !== undefined, module);
  const home = groups.find((g) => g.some((s) => sectionOfStmt(s) === section));
  if (home) {
    const mine = home.filter((s) => sectionOfStmt(s) === section);
    const after = mine.find((s) => sortKey(s.type === 'import_from_statement', importedModule(s)) > key);
    if (after) return { start: after.startIndex, end: after.startIndex, text: statement + eol };
    const last = mine[mine.length - 1] as Node;
    return { start: nextLineStart(source, last.endIndex), end: nextLineStart(source, last.endIndex), text: statement + eol };
  }
  const later = groups.find((g) => g.every((s) => sectionOfStmt(s) > section));
  if (later?.[0]) return { start: later[0].startIndex, end: later[0].startIndex, text: statement + eol + eol };
  const lastGroup = groups[groups.length - 1] as Node[];
  const end = nextLineStart(source, (lastGroup[lastGroup.length - 1] as Node).endIndex);
  return { start: end, end, text: eol + statement + eol };
}

/**
 * Where `name` goes among the names of a `from` import, as isort orders them by default (order by
 * type: CONSTANTS, then Classes, then the rest, each alphabetical): before the first name that sorts
 * after it, else after the last.
 */
export function memberInsertion(stmt: Node, name: string): Edit | null {
  const names = stmt.childrenForFieldName('name').filter((c): c is Node => c !== null);
  if (names.length === 0) return null;
  const key = memberKey(name);
  const after = names.find((n) => memberKey(n.text) > key);
  if (after) return { start: after.startIndex, end: after.startIndex, text: `${name}, ` };
  const last = names[names.length - 1] as Node;
  return { start: last.endIndex, end: last.endIndex, text: `, ${name}` };
}

function memberKey(text: string): string {
  const name = text.split(/\s+as\s+/)[0]?.trim() ?? text;
  const kind = name.length > 1 && name === name.toUpperCase() ? 0 : /^[A-Z]/.test(name) ? 1 : 2;
  return `${kind}${name.toLowerCase()}`;
}

function endsLine(source: string, offset: number): boolean {
  const rest = source.slice(offset, lineEndOf(source, offset));
  return rest.trim() === '' || rest.trim().startsWith('#');
}

function nextLineStart(source: string, offset: number): number {
  const eol = lineEndOf(source, offset);
  return eol + lineBreakLength(source, eol);
}

function startsLine(source: string, offset: number): boolean {
  return offset === 0 || source[offset - 1] === '\n' || source[offset - 1] === '\r';
}

/**
 * Count references to each import-bound name: identifiers outside import statements that are not an
 * attribute's or a keyword argument's name (an f-string's replacement fields included), and strings
 * whose whole content is the name (`__all__`, a string annotation). Found
 * from the names' occurrences in the text, so the cost follows how often imported names occur, not
 * the size of the tree: a walk of every node kept each one as a JS object (web-tree-sitter caches a
 * node's children), gigabytes for a 10 MB module.
 */
export function importUses(root: Node, scopes: ScopeIndex, words: WordIndex): Map<ImportBinding, number> {
  const counts = new Map<ImportBinding, number>();
  const byName = new Map<string, ImportBinding[]>();
  for (const b of importBindings(root, scopes, words)) {
    counts.set(b, 0);
    const named = byName.get(b.name);
    if (named) named.push(b);
    else byName.set(b.name, [b]);
  }
  const add = (b: ImportBinding) => counts.set(b, (counts.get(b) ?? 0) + 1);
  for (const [name, named] of byName) {
    const strings = new Set<number>();
    for (const [start, end] of words.of(name)) {
      const node = root.descendantForIndex(start, end);
      if (!node) continue;
      const { statement, string } = surroundings(node);
      if (statement && IMPORTS.has(statement.type)) continue;
      // A string whose whole content is the name uses it once.
      if (string && !strings.has(string.id)) {
        strings.add(string.id);
        if (string.text.replace(/^[rbuf]*['"]{1,3}|['"]{1,3}$/gi, '') === name) named.forEach(add);
      }
      // In a string, only an f-string's replacement field holds identifiers: code that uses the name.
      if (node.type !== 'identifier' || node.startIndex !== start || node.endIndex !== end) continue;
      const parent = node.parent;
      const isAttrName = parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === node.id;
      const isKeyword = parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === node.id;
      if (isAttrName || isKeyword) continue;
      const { binding } = scopes.lookup(name, node);
      if (binding && counts.has(binding)) add(binding);
    }
  }
  return counts;
}

const IMPORTS = new Set(['import_statement', 'import_from_statement']);

/** Node types that never occur inside a string (an f-string's replacement field holds expressions only). */
function isStatementLevel(type: string): boolean {
  return type.endsWith('_statement') || type === 'block' || type === 'module' || type === 'function_definition' || type === 'class_definition' || type === 'decorated_definition';
}

/** The statement-level node around `node` (itself included), and the outermost string between them. */
function surroundings(node: Node): { statement: Node | null; string: Node | null } {
  let string: Node | null = null;
  for (let cur: Node | null = node; cur; cur = cur.parent) {
    if (isStatementLevel(cur.type)) return { statement: cur, string };
    if (cur.type === 'string') string = cur;
  }
  return { statement: null, string };
}

/**
 * Every import binding of the file, scope by scope in the order of the scopes in the tree (the module
 * first), each scope's in the order it binds them. The scopes are those of the import statements,
 * found from the occurrences of the word `import` (each statement holds one) rather than by walking
 * every function of the file.
 */
function importBindings(root: Node, scopes: ScopeIndex, words: WordIndex): ImportBinding[] {
  const found = new Map<number, Scope>();
  for (const [start, end] of words.of('import')) {
    const stmt = root.descendantForIndex(start, end)?.parent;
    if (!stmt || !IMPORTS.has(stmt.type)) continue;
    const scope = scopes.scopeOf(stmt);
    found.set(scope.node.id, scope);
  }
  const ordered = [...found.values()].sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex);
  return ordered.flatMap((scope) => [...scope.imports.values()]);
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
      if (removal) edits.push(withGroupSeparator(source, removal));
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

/**
 * A removed import line that was a group of its own (a blank line or the file's start before it, a
 * blank line after it) takes one following blank line with it, so the groups around keep one blank
 * line between them; at the file's start it takes all of them (no file starts with a blank line).
 */
function withGroupSeparator(source: string, removal: Edit): Edit {
  const blankAt = (offset: number) => offset < source.length && source.slice(offset, lineEndOf(source, offset)).trim() === '';
  const atStart = source.slice(0, removal.start).trim() === '';
  // The line before: removal.start is a line start, so step back over its line break first.
  const breakBefore = source[removal.start - 2] === '\r' && source[removal.start - 1] === '\n' ? 2 : 1;
  if (!atStart && !blankAt(lineStartOf(source, removal.start - breakBefore))) return removal;
  let end = removal.end;
  while (blankAt(end) && end < source.length) {
    const eol = lineEndOf(source, end);
    end = eol + lineBreakLength(source, eol);
    if (!atStart) break;
  }
  return { ...removal, end };
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
