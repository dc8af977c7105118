// Carrying ranges from one version of a text to the next without knowing the edits in between: a
// character diff maps every unchanged character to its new position. --interactive uses it to find an
// accepted fix again after the engine deferred it to a later pass (it overlapped another fix).
import { diffChars } from 'diff';

/** Beyond this many changed characters the mapping is not worth its cost; ranges are then dropped. */
const MAX_EDIT_LENGTH = 20_000;

export type Range = { start: number; end: number };

/** Old [start, end) → new [start, end): an unchanged run (same length) or a changed region. */
type Segment = { old: number; oldEnd: number; new: number; newEnd: number; same: boolean };

/** A function mapping ranges of `before` to `after`, or null when the texts differ too much. */
export function rangeMapper(before: string, after: string): ((r: Range) => Range) | null {
  const parts = diffChars(before, after, { maxEditLength: MAX_EDIT_LENGTH });
  if (!parts) return null;
  const segments: Segment[] = [];
  let o = 0;
  let n = 0;
  for (const p of parts) {
    const len = p.value.length;
    const same = !p.added && !p.removed;
    const last = segments[segments.length - 1];
    // Neighbouring removals and additions form one changed region.
    const seg = !same && last && !last.same ? last : { old: o, oldEnd: o, new: n, newEnd: n, same };
    if (seg !== last) segments.push(seg);
    if (!p.added) o += len;
    if (!p.removed) n += len;
    seg.oldEnd = o;
    seg.newEnd = n;
  }
  // A range starting in a changed region starts where its replacement starts; one ending in it ends where
  // the replacement ends (so the change stays inside the range).
  const start = (pos: number): number => {
    const s = segments.find((g) => pos >= g.old && pos < g.oldEnd) ?? segments[segments.length - 1];
    if (!s) return pos;
    return s.same ? s.new + (pos - s.old) : pos >= s.oldEnd ? s.newEnd : s.new;
  };
  const end = (pos: number): number => {
    const s = segments.find((g) => pos > g.old && pos <= g.oldEnd) ?? segments[0];
    if (!s) return pos;
    return s.same ? s.new + (pos - s.old) : pos <= s.old ? s.new : s.newEnd;
  };
  return (r) => (r.start === r.end ? { start: start(r.start), end: start(r.start) } : { start: start(r.start), end: end(r.end) });
}
