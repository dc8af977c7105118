// Deleting statements without leaving invalid Python behind: an emptied block gets `pass`, an emptied
// `finally:` clause goes away, and a `try` left with neither `except` nor `finally` is unwrapped.
import { applyEdits } from '../common/apply.js';
import type { Node } from './parser.js';
import type { Edit } from '../common/types.js';
import { indentAt, keepFinalNewlineState, lineBreakLength, lineEndOf, lineRemoval, lineStartOf, reindent } from './text.js';

/** A block's statements, comments left out. */
export function statementsOf(block: Node): Node[] {
  return block.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

/** Range of whole lines from the line holding start to the line break after end. */
function wholeLines(source: string, start: number, end: number): { start: number; end: number } {
  const eol = lineEndOf(source, end);
  return { start: lineStartOf(source, start), end: eol + lineBreakLength(source, eol) };
}

/**
 * Edits that delete `removed` statements, combined with `inner` edits (e.g. the rewritten call) that the
 * deletion may have to carry along when it rewrites an enclosing range. Null when it cannot be done
 * with whole-line edits (statements sharing a line with other code).
 */
export function removeStatements(source: string, removed: Node[], inner: Edit[]): Edit[] | null {
  const ids = new Set(removed.map((n) => n.id));
  const edits: Edit[] = [];
  const handled = new Set<number>();
  const tries = new Map<number, Node>();
  for (const stmt of removed) {
    if (handled.has(stmt.id)) continue;
    const block = stmt.parent;
    if (!block) return null;
    const siblings = statementsOf(block);
    const emptied = block.type === 'block' && siblings.every((s) => ids.has(s.id));
    if (!emptied) {
      const e = lineRemoval(source, stmt);
      if (!e) return null;
      edits.push(e);
      handled.add(stmt.id);
      continue;
    }
    for (const s of siblings) handled.add(s.id);
    const owner = block.parent;
    if (owner?.type === 'finally_clause') {
      edits.push({ ...wholeLines(source, owner.startIndex, owner.endIndex), text: '' });
      const tryStmt = owner.parent;
      if (tryStmt) tries.set(tryStmt.id, tryStmt);
      continue;
    }
    // An emptied `else:` (of an if, for, while or try) goes whole: `else: pass` says nothing.
    if (owner?.type === 'else_clause' && owner.descendantsOfType('comment').length === 0) {
      const clause = wholeLines(source, owner.startIndex, owner.endIndex);
      if (source.slice(clause.start, owner.startIndex).trim() === '') {
        edits.push({ ...clause, text: '' });
        continue;
      }
    }
    // Any other block must keep a statement.
    const first = siblings[0];
    if (!first) return null;
    const firstLines = wholeLines(source, first.startIndex, first.endIndex);
    if (source.slice(firstLines.start, first.startIndex).trim() !== '') return null;
    edits.push({ start: first.startIndex, end: first.endIndex, text: 'pass' });
    for (const s of siblings.slice(1)) {
      const e = lineRemoval(source, s);
      if (!e) return null;
      edits.push(e);
    }
  }
  let all = [...edits, ...inner];
  for (const tryStmt of tries.values()) {
    const hasHandler = tryStmt.namedChildren.some((c) => c?.type === 'except_clause' || c?.type === 'except_group_clause');
    if (hasHandler) continue;
    const unwrapped = unwrapTry(source, tryStmt, all);
    if (!unwrapped) return null;
    all = unwrapped;
  }
  return all.map((e) => keepFinalNewlineState(source, e));
}

/** Replace a handler-less try statement by its body (dedented), carrying the edits inside the body along. */
function unwrapTry(source: string, tryStmt: Node, edits: Edit[]): Edit[] | null {
  const body = tryStmt.childForFieldName('body');
  const firstStmt = body?.namedChildren.find((c) => c && c.type !== 'comment');
  if (!body || !firstStmt) return null;
  const outer = wholeLines(source, tryStmt.startIndex, tryStmt.endIndex);
  if (lineStartOf(source, firstStmt.startIndex) <= tryStmt.startIndex) return null; // `try: x` on one line
  // The body starts on the line after `try:`, so comments above its first statement come along.
  const tryLineEnd = lineEndOf(source, tryStmt.startIndex);
  const bodyStart = tryLineEnd + lineBreakLength(source, tryLineEnd);
  // Re-indenting would change the text of a multi-line string.
  if (body.descendantsOfType('string').some((s) => s && s.startPosition.row !== s.endPosition.row)) return null;
  const bodyLines = wholeLines(source, bodyStart, body.endIndex);
  const inside: Edit[] = [];
  const rest: Edit[] = [];
  for (const e of edits) {
    if (e.start >= bodyLines.start && e.end <= bodyLines.end) inside.push({ start: e.start - bodyLines.start, end: e.end - bodyLines.start, text: e.text });
    else if (e.end <= outer.start || e.start >= outer.end) rest.push(e);
    else if (e.start >= bodyLines.end && e.end <= outer.end)
      continue; // inside the removed clauses
    else return null;
  }
  const newBody = applyEdits(source.slice(bodyLines.start, bodyLines.end), inside);
  const text = reindent(newBody, indentAt(source, firstStmt.startIndex), indentAt(source, tryStmt.startIndex));
  return [...rest, { start: outer.start, end: outer.end, text }];
}
