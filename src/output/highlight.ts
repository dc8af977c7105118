// Python syntax highlighting for the HTML review page, from the highlight query that ships with the
// tree-sitter-python grammar (the same parser the rules use, so strings and comments are never guessed).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { capturesIn, parse, query } from '../python/parser.js';
import { elidedComments } from '../python/comment-runs.js';

const require = createRequire(import.meta.url);

/** Grammar capture names → the page's CSS classes; captures not listed stay plain. */
const CLASSES: Record<string, string> = {
  keyword: 'k',
  string: 's',
  escape: 's',
  comment: 'c',
  number: 'n',
  'constant.builtin': 'n',
  function: 'f',
  'function.method': 'f',
  'function.builtin': 'b',
  constructor: 't',
  type: 't',
};

let highlights: string | undefined;

function highlightQuery(): string {
  highlights ??= readFileSync(require.resolve('tree-sitter-python/queries/highlights.scm'), 'utf8');
  return highlights;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * One HTML string per source line (line breaks removed); initParser() must have been awaited. With
 * `wanted` (1-based inclusive line ranges, e.g. a diff's hunks), only those lines are highlighted and
 * set in the array: the file is parsed whole (a string or comment may start above a range), but only
 * the ranges are queried and rendered, so a large file with one change costs one parse, not a page of
 * it in memory.
 */
export function highlightLines(source: string, wanted?: ReadonlyArray<readonly [number, number]>): string[] {
  // Where each line starts; line breaks as the diff library counts them: LF and CRLF (a lone CR stays
  // inside its line). A final line break ends the last line rather than starting an empty one.
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  const count = starts[starts.length - 1] === source.length && source.length > 0 ? starts.length - 1 : starts.length;
  const spans = mergedLines(wanted ?? [[1, count]], count);
  const lines: string[] = [];
  if (spans.length === 0) return lines;
  const tree = parse(source);
  try {
    const q = query(highlightQuery());
    const elided = elidedComments(tree, source);
    for (const [first, last] of spans) {
      const from = starts[first - 1] as number;
      const to = last < starts.length ? (starts[last] as number) : source.length;
      const classes = new Array<string | undefined>(to - from);
      const mark = (cls: string, start: number, end: number) => {
        if (end > from && start < to) classes.fill(cls, Math.max(start, from) - from, Math.min(end, to) - from);
      };
      // Later captures are the more specific patterns (or inner nodes), so they win.
      for (const { name, node } of capturesIn(q, tree.rootNode, from, to)) {
        const cls = CLASSES[name];
        if (cls) mark(cls, node.startIndex, node.endIndex);
      }
      // The comments inside a long run of comment lines have no node (src/python/comment-runs.ts).
      for (const [start, end] of elided) mark(CLASSES.comment as string, start, end);
      for (let line = first; line <= last; line++) {
        const start = starts[line - 1] as number;
        let end = line < starts.length ? (starts[line] as number) - 1 : source.length;
        if (end > start && source[end - 1] === '\r' && end < source.length && source[end] === '\n') end--;
        lines[line - 1] = render(source, start, end, (i) => classes[i - from]);
      }
    }
  } finally {
    tree.delete();
  }
  return lines;
}

/** Sorted, joined, within 1..count. */
function mergedLines(ranges: ReadonlyArray<readonly [number, number]>, count: number): Array<[number, number]> {
  const sorted = ranges.map(([a, b]) => [Math.max(1, a), Math.min(count, b)] as [number, number]).filter(([a, b]) => a <= b);
  sorted.sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const prev = out[out.length - 1];
    if (prev && a <= prev[1] + 1) prev[1] = Math.max(prev[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The characters [start, end) of one line as HTML, a span for each run of one class. */
function render(source: string, start: number, end: number, classOf: (i: number) => string | undefined): string {
  let html = '';
  let open: string | undefined;
  let run = '';
  const flush = () => {
    if (run) html += open ? `<span class="${open}">${escapeHtml(run)}</span>` : escapeHtml(run);
    run = '';
  };
  for (let i = start; i < end; i++) {
    const cls = classOf(i);
    if (cls !== open) {
      flush();
      open = cls;
    }
    run += source[i] ?? '';
  }
  flush();
  return html;
}
