// Long runs of comment lines, which the parser skips (src/python/parser.ts parse()).
//
// tree-sitter-python's external scanner decides at each line break whether an INDENT, DEDENT or
// NEWLINE follows by reading ahead over every comment and blank line to the next line of code. A run
// of n comment lines is therefore read n times: 5,000 comment lines took longer than the 20 s parse
// timeout. parse() leaves the inside of a long run out of the parser's included ranges. The text the
// tree reads (`node.text`) and every offset stay the original ones, and the tree is the same as a full
// parse's but for the comment nodes of the skipped lines, because:
// - every comment line of a run has the same indentation, so whichever of them the scanner meets first
//   tells it the same thing, and the line of code after the run is the same;
// - the run's first and last lines are parsed, and parse() confirms that both are comments with one
//   parent: the skipped lines between them are then comments too (not string content), extras between
//   the same two tokens, under that parent.
// The comments some code reads one by one stay in the tree (KEPT); dropped comments are found with
// elidedComments().
import type { Tree } from './parser.js';

/** Runs with fewer comment lines cost the scanner less than a millisecond or two: not worth skipping. */
export const LONG_COMMENT_RUN = 64;

/**
 * Comment lines that are never skipped: suppression directives (src/engine/suppressions.ts confirms
 * each in the tree) and notebook cell marks (`# %%`, src/python/loop-reach.ts). Such a line ends one
 * run and starts the next.
 */
const KEPT = /noqa|loopmigrate\s*:|%%/i;
const KEPT_ALL = new RegExp(KEPT.source, 'gi');

/** The skipped lines of one run, [start, end) from the start of its second line to the start of its last. */
export interface CommentGap {
  start: number;
  end: number;
  /** Row of `start` and of `end` (0-based, lines ended by \n as the parser counts them). */
  startRow: number;
  endRow: number;
  /** Offset of the `#` of the run's first line and of its last line: both must parse as comments. */
  first: number;
  last: number;
}

const SPACE = 0x20;
const TAB = 0x09;
const HASH = 0x23;
const CR = 0x0d;
const LF = 0x0a;

/**
 * The gaps of the runs of at least `minLines` comment lines of one indentation in a parser input
 * (lines ended by \n). Blank lines may come between the comment lines: the scanner reads over them
 * too. A run's first and last lines are comments, and only lines between them are skipped.
 */
export function longCommentRuns(source: string, minLines: number = LONG_COMMENT_RUN): CommentGap[] {
  const found: Array<Omit<CommentGap, 'startRow' | 'endRow'>> = [];
  if (minLines < 3) return [];
  // Where kept lines may be: the offsets of KEPT's matches, walked along with the comments.
  const keptAt = KEPT.test(source) ? Array.from(source.matchAll(KEPT_ALL), (m) => m.index) : [];
  let k = 0;
  // The run so far: the indentation of its lines, how many, its first line and its last.
  let prefix: string | null = null;
  let count = 0;
  let first = 0;
  let afterFirst = 0;
  let last = 0;
  let lastStart = 0;
  let lastEnd = 0;
  const close = () => {
    if (count >= minLines && lastStart > afterFirst) found.push({ start: afterFirst, end: lastStart, first, last });
    prefix = null;
    count = 0;
  };
  // From one `#` to the next (most lines hold none): a comment line is one whose `#` only spaces and
  // tabs precede; whatever else comes between two comment lines, other than blank lines, ends a run.
  for (let hash = source.indexOf('#'); hash !== -1;) {
    let start = hash;
    while (start > 0 && (source.charCodeAt(start - 1) === SPACE || source.charCodeAt(start - 1) === TAB)) start--;
    const nl = source.indexOf('\n', hash);
    const end = nl === -1 ? source.length : nl;
    if (start > 0 && source.charCodeAt(start - 1) !== LF) {
      close();
    } else {
      while (k < keptAt.length && (keptAt[k] as number) < hash) k++;
      const kept = k < keptAt.length && (keptAt[k] as number) < end;
      const same = prefix !== null && hash - start === prefix.length && source.startsWith(prefix, start) && blankBetween(source, lastEnd, start);
      if (same) {
        count++;
        last = hash;
        lastStart = start;
      }
      if (!same || kept) {
        close();
        prefix = source.slice(start, hash);
        count = 1;
        first = hash;
        afterFirst = nl === -1 ? source.length : nl + 1;
        last = hash;
        lastStart = start;
      }
      lastEnd = end;
    }
    hash = nl === -1 ? -1 : source.indexOf('#', nl);
  }
  close();
  return withRows(source, found);
}

/** Whether only line breaks and blank lines come between the end of one line and the start of another. */
function blankBetween(source: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c !== LF && c !== SPACE && c !== TAB && !(c === CR && source.charCodeAt(i + 1) === LF)) return false;
  }
  return true;
}

/** The gaps with the rows of their ends, counted only as far as the last gap. */
function withRows(source: string, found: ReadonlyArray<Omit<CommentGap, 'startRow' | 'endRow'>>): CommentGap[] {
  let row = 0;
  let at = 0;
  const rowOf = (offset: number) => {
    for (let i = source.indexOf('\n', at); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) row++;
    at = offset;
    return row;
  };
  return found.map((g) => ({ start: g.start, end: g.end, startRow: rowOf(g.start), endRow: rowOf(g.end), first: g.first, last: g.last }));
}

/** A range of the parser input, in UTF-16 offsets and rows/columns, as web-tree-sitter takes it. */
export interface InputRange {
  startIndex: number;
  endIndex: number;
  startPosition: { row: number; column: number };
  endPosition: { row: number; column: number };
}

/** The ranges the parser reads: the whole text but the gaps (in order, not overlapping). */
export function includedRanges(source: string, gaps: readonly CommentGap[]): InputRange[] {
  const lastBreak = source.lastIndexOf('\n');
  let rows = 0;
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) rows++;
  const ranges: InputRange[] = [];
  let from = { index: 0, row: 0 };
  for (const g of gaps) {
    ranges.push({ startIndex: from.index, endIndex: g.start, startPosition: { row: from.row, column: 0 }, endPosition: { row: g.startRow, column: 0 } });
    from = { index: g.end, row: g.endRow };
  }
  ranges.push({ startIndex: from.index, endIndex: source.length, startPosition: { row: from.row, column: 0 }, endPosition: { row: rows, column: source.length - lastBreak - 1 } });
  return ranges;
}

/**
 * The comments a parse skipped (src/python/parser.ts): [start, end) of each, from its `#` to the end
 * of its line, as a comment node would span. Empty for a tree parsed whole. `source` is the text the
 * tree was parsed from, or that text before its lone CRs became LF for the parser (the engine's
 * forParser(): same offsets), so a lone CR ends a line here.
 */
export function elidedComments(tree: Tree, source: string): Array<[number, number]> {
  const ranges = tree.getIncludedRanges();
  const out: Array<[number, number]> = [];
  for (let r = 1; r < ranges.length; r++) {
    const end = (ranges[r] as InputRange).startIndex;
    let hash = -1;
    for (let i = (ranges[r - 1] as InputRange).endIndex; i < end; i++) {
      const c = source.charCodeAt(i);
      if (c === HASH && hash === -1) hash = i;
      else if (c === LF || (c === CR && source.charCodeAt(i + 1) !== LF)) {
        if (hash !== -1) out.push([hash, i]);
        hash = -1;
      }
    }
  }
  return out;
}
