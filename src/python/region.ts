// Rewriting a run of whole lines as one edit (to wrap it in a new block or move it elsewhere) while
// carrying along the finer edits a fix made inside it.
import type { Node } from './parser.js';
import type { Edit } from '../common/types.js';

/**
 * Split edits into those inside [start, end) (offsets made relative to start) and those wholly
 * outside it; null when one straddles the boundary. Insertions at the boundaries count as outside.
 */
export function splitEdits(edits: Edit[], start: number, end: number): { inside: Edit[]; outside: Edit[] } | null {
  const inside: Edit[] = [];
  const outside: Edit[] = [];
  for (const e of edits) {
    const insertion = e.start === e.end;
    if (insertion ? e.start <= start || e.start >= end : e.end <= start || e.start >= end) outside.push(e);
    else if (e.start >= start && e.end <= end) inside.push({ start: e.start - start, end: e.end - start, text: e.text });
    else return null;
  }
  return { inside, outside };
}

/** True when a string literal spanning several lines lies in [start, end): re-indenting would change its value. */
export function hasMultilineString(root: Node, start: number, end: number): boolean {
  return root.descendantsOfType('string').some((s) => s !== null && s.startIndex < end && s.endIndex > start && s.startPosition.row !== s.endPosition.row);
}

/**
 * Join insertions at the same offset (an import, a helper) with each other and with a replacement
 * that starts there, in order: as separate edits the engine would see the fix conflict with itself.
 */
export function mergeInsertions(edits: Edit[]): Edit[] {
  const unique = [...new Map(edits.map((e) => [`${e.start}:${e.end}:${e.text}`, e])).values()];
  const sorted = unique.sort((a, b) => a.start - b.start || (a.start === a.end ? -1 : 1));
  const out: Edit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && last.start === last.end && e.start === last.start) out[out.length - 1] = { start: last.start, end: e.end, text: last.text + e.text };
    else out.push(e);
  }
  return out;
}
