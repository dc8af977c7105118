// Edit application: sorted, overlap-checked, identical edits shared between fixes (so two fixes
// that need the same import insert it once). A fix whose edits collide with an accepted one is
// deferred whole to the next pass of the fixpoint loop.
import MagicString from 'magic-string';
import type { Edit } from './types.js';

export interface FixGroup<T> {
  item: T;
  edits: readonly Edit[];
}

export interface ApplyResult<T> {
  text: string;
  applied: T[];
  deferred: T[];
}

function key(e: Edit): string {
  return `${e.start}:${e.end}:${e.text}`;
}

/** Two edits conflict when their ranges overlap; an insertion conflicts with a range that contains it or touches it. */
export function conflicts(a: Edit, b: Edit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return b.start <= a.start && a.start <= b.end;
  if (b.start === b.end) return a.start <= b.start && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

export function applyFixes<T>(source: string, groups: FixGroup<T>[]): ApplyResult<T> {
  const ordered = groups.map((g, index) => ({ g, index, first: Math.min(...g.edits.map((e) => e.start)) })).sort((x, y) => x.first - y.first || x.index - y.index);
  const accepted = new Map<string, Edit>();
  const placed = new Placed();
  const applied: T[] = [];
  const deferred: T[] = [];
  for (const { g } of ordered) {
    const own = dedupe(g.edits);
    const fresh = own.filter((e) => !accepted.has(key(e)));
    const internal = hasInternalConflict(fresh);
    const clash = internal || fresh.some((e) => placed.conflictsWith(e));
    if (clash) {
      deferred.push(g.item);
      continue;
    }
    for (const e of fresh) {
      accepted.set(key(e), e);
      placed.add(e);
    }
    applied.push(g.item);
  }
  return { text: applyEdits(source, [...accepted.values()]), applied, deferred };
}

/**
 * The accepted edits by position, so that an edit is checked against its neighbours only (checking it
 * against every accepted edit made a file with tens of thousands of fixes take minutes). Accepted
 * edits never conflict, so their starts are distinct and their ends rise with their starts: the edits
 * an edit can conflict with (those that reach its range, ends included) are the last ones that start at
 * or before its end.
 */
class Placed {
  private readonly edits: Edit[] = [];

  conflictsWith(e: Edit): boolean {
    for (let i = this.startingAtOrBefore(e.end) - 1; i >= 0; i--) {
      const a = this.edits[i] as Edit;
      if (a.end < e.start) return false;
      if (conflicts(a, e)) return true;
    }
    return false;
  }

  add(e: Edit): void {
    // Fixes come in order of position, so an edit mostly goes last.
    const at = this.startingAtOrBefore(e.start);
    if (at === this.edits.length) this.edits.push(e);
    else this.edits.splice(at, 0, e);
  }

  /** How many edits start at or before `offset`. */
  private startingAtOrBefore(offset: number): number {
    let lo = 0;
    let hi = this.edits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.edits[mid] as Edit).start <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * One fix's edits without repeats, its insertions at one offset joined in the order given (two imports
 * a fix adds at the same place are one insertion, not a conflict with itself).
 */
function dedupe(edits: readonly Edit[]): Edit[] {
  const seen = new Map<string, Edit>();
  for (const e of edits) seen.set(key(e), e);
  const out: Edit[] = [];
  const insertions = new Map<number, Edit>();
  for (const e of seen.values()) {
    if (e.start !== e.end) {
      out.push(e);
      continue;
    }
    const at = insertions.get(e.start);
    if (at) at.text += e.text;
    else {
      const copy = { ...e };
      insertions.set(e.start, copy);
      out.push(copy);
    }
  }
  return out;
}

function hasInternalConflict(edits: Edit[]): boolean {
  for (let i = 0; i < edits.length; i++) {
    for (let j = i + 1; j < edits.length; j++) {
      const a = edits[i];
      const b = edits[j];
      if (a && b && conflicts(a, b)) return true;
    }
  }
  return false;
}

/** Apply non-conflicting edits (offsets into source) with magic-string. */
export function applyEdits(source: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return source;
  const s = new MagicString(source);
  for (const e of edits) {
    if (e.start < 0 || e.end > source.length || e.start > e.end) {
      throw new RangeError(`edit ${e.start}-${e.end} is outside the text (length ${source.length})`);
    }
    if (e.start === e.end) {
      if (e.text) s.appendLeft(e.start, e.text);
    } else if (e.text === '') {
      s.remove(e.start, e.end);
    } else {
      s.update(e.start, e.end, e.text);
    }
  }
  return s.toString();
}
