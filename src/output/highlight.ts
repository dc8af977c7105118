// Python syntax highlighting for the HTML review page, from the highlight query that ships with the
// tree-sitter-python grammar (the same parser the rules use, so strings and comments are never guessed).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse, query } from '../python/parser.js';
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

/** One HTML string per source line (line breaks removed); initParser() must have been awaited. */
export function highlightLines(source: string): string[] {
  const classes = new Array<string | undefined>(source.length);
  const tree = parse(source);
  try {
    // Later captures are the more specific patterns (or inner nodes), so they win.
    for (const { name, node } of query(highlightQuery()).captures(tree.rootNode)) {
      const cls = CLASSES[name];
      if (cls) classes.fill(cls, node.startIndex, node.endIndex);
    }
    // The comments inside a long run of comment lines have no node (src/python/comment-runs.ts).
    for (const [start, end] of elidedComments(tree, source)) classes.fill(CLASSES.comment, start, end);
  } finally {
    tree.delete();
  }
  const lines: string[] = [];
  let html = '';
  let open: string | undefined;
  let run = '';
  const flush = () => {
    if (run) html += open ? `<span class="${open}">${escapeHtml(run)}</span>` : escapeHtml(run);
    run = '';
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] ?? '';
    // Line breaks as the diff library counts them: LF and CRLF (a lone CR stays inside its line).
    if (ch === '\n' || (ch === '\r' && source[i + 1] === '\n')) {
      flush();
      lines.push(html);
      html = '';
      if (ch === '\r') i++;
      continue;
    }
    const cls = classes[i];
    if (cls !== open) {
      flush();
      open = cls;
    }
    run += ch;
  }
  flush();
  // A final line break ends the last line rather than starting an empty one.
  if (html || !source.endsWith('\n')) lines.push(html);
  return lines;
}
