// Line-level helpers over the source text, in the same UTF-16 offsets tree-sitter reports.
import type { Node } from './parser.js';
import type { Edit } from '../common/types.js';

export function lineStartOf(source: string, offset: number): number {
  let i = offset;
  while (i > 0 && source[i - 1] !== '\n' && source[i - 1] !== '\r') i--;
  return i;
}

/** Offset of the line ending after offset (not past it). */
export function lineEndOf(source: string, offset: number): number {
  let i = offset;
  while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
  return i;
}

export function lineBreakLength(source: string, offset: number): number {
  if (source[offset] === '\r' && source[offset + 1] === '\n') return 2;
  return offset < source.length ? 1 : 0;
}

/** The whitespace that starts the line holding offset. */
export function indentAt(source: string, offset: number): string {
  const start = lineStartOf(source, offset);
  let i = start;
  while (i < source.length && (source[i] === ' ' || source[i] === '\t')) i++;
  return source.slice(start, i);
}

/**
 * An edit deleting the whole lines a statement occupies (indentation, a trailing comment and the line
 * break included), or null when other code shares those lines.
 */
export function lineRemoval(source: string, node: Node): Edit | null {
  const start = lineStartOf(source, node.startIndex);
  if (source.slice(start, node.startIndex).trim() !== '') return null;
  const eol = lineEndOf(source, node.endIndex);
  const rest = source.slice(node.endIndex, eol);
  if (rest.trim() !== '' && !rest.trim().startsWith('#')) return null;
  return keepFinalNewlineState(source, { start, end: eol + lineBreakLength(source, eol), text: '' });
}

/**
 * Whole-line edits that reach the end of a file without a final newline must not add one: a deletion
 * takes the line break before it instead, a replacement drops its own trailing break.
 */
export function keepFinalNewlineState(source: string, edit: Edit): Edit {
  if (edit.end !== source.length || /[\r\n]$/.test(source) || source.length === 0) return edit;
  if (edit.text === '') {
    // Already starting at a line break: the break was taken before (keeps this idempotent).
    if (source[edit.start] === '\n' || source[edit.start] === '\r') return edit;
    let start = edit.start;
    if (source[start - 1] === '\n') start--;
    if (source[start - 1] === '\r') start--;
    return { ...edit, start };
  }
  return { ...edit, text: edit.text.replace(/(\r\n|\r|\n)$/, '') };
}

/** Re-indent every line of text that starts with `from` to start with `to` instead. */
export function reindent(text: string, from: string, to: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 0 && part.startsWith(from) ? to + part.slice(from.length) : part))
    .join('');
}

/**
 * Re-indent lines that start with `from` to start with `to`, leaving blank lines blank (an empty
 * `from` would otherwise put trailing whitespace on them).
 */
export function shiftIndent(text: string, from: string, to: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 0 && part.trim() !== '' && part.startsWith(from) ? to + part.slice(from.length) : part))
    .join('');
}

/** The file's indentation step: a tab when lines are tab-indented, else the smallest space indent (4 when none). */
export function indentUnit(source: string): string {
  let smallest = 0;
  for (const line of source.split(/\r\n|\r|\n/)) {
    if (line.trim() === '') continue;
    if (line.startsWith('\t')) return '\t';
    const n = line.length - line.trimStart().length;
    if (n > 0 && (smallest === 0 || n < smallest)) smallest = n;
  }
  return ' '.repeat(smallest || 4);
}

/** The number of blank lines directly above the line that starts at `lineStart`. */
export function blankLinesBefore(source: string, lineStart: number): number {
  const lines = source.slice(0, lineStart).split(/\r\n|\r|\n/);
  // The last element is the empty start of the line at lineStart.
  let n = 0;
  for (let k = lines.length - 2; k >= 0 && (lines[k] ?? '').trim() === ''; k--) n++;
  return n;
}

/**
 * A deletion of whole lines that sits between blank lines also takes some of the blank lines after it,
 * leaving the larger of the two gaps rather than their sum.
 */
export function withFollowingBlankLines(source: string, edit: Edit): Edit {
  const before = edit.text === '' && edit.start > 0 ? blankLinesBefore(source, edit.start) : 0;
  let end = edit.end;
  for (let taken = 0; taken < before && end < source.length; taken++) {
    const eol = lineEndOf(source, end);
    if (source.slice(end, eol).trim() !== '') break;
    end = eol + lineBreakLength(source, eol);
  }
  return { ...edit, end };
}

/**
 * Widen a whole-line deletion to also take the blank lines after it when a blank line precedes it,
 * so deleting a definition between blank-line separators leaves one separator, not two.
 */
export function absorbBlankLines(source: string, edit: Edit): Edit {
  if (edit.text !== '' || edit.start === 0) return edit;
  const prevLineStart = lineStartOf(source, edit.start - 1);
  if (source.slice(prevLineStart, edit.start).trim() !== '') return edit;
  let end = edit.end;
  while (end < source.length) {
    const eol = lineEndOf(source, end);
    if (source.slice(end, eol).trim() !== '' || eol === source.length) break;
    end = eol + lineBreakLength(source, eol);
  }
  return { ...edit, end };
}
