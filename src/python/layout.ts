// Lines a fix made longer than the project's limit are wrapped the way black (and ruff format) would
// wrap them, so a migrated file passes the project's formatter check as it did before.
//
// Only lines the run produced are touched (a line the file already had, however long, is the user's),
// and only one-line simple statements and decorators, without comments. The wrapping follows black's
// two steps for such a line:
//   1. right-hand split: the last bracket pair with something inside (empty trailing `()` skipped);
//      the head up to and including the opening bracket stays on the line, the body goes on its own
//      line one indent deeper, the closing bracket and the tail on the next.
//   2. when the body does not fit (or ends in a comma), a delimiter split on its strongest top-level
//      delimiter: commas (one item per line, a trailing comma added), else a conditional expression
//      (before `if` and `else`), else `or` / `and`; an item still too long is split again the same way.
// A line neither step can bring within the limit (a long string, a long head) is left as it was.
import type { Node } from './parser.js';

interface Token {
  kind: 'open' | 'close' | 'string' | 'comment' | 'other';
  start: number;
  end: number;
}

const OPEN = '([{';
const CLOSE = ')]}';

/** Tokens that matter for splitting: brackets, strings (skipped whole) and comments. */
function scan(text: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '#') {
      out.push({ kind: 'comment', start: i, end: text.length });
      break;
    }
    const str = /^[rRbBuUfF]{0,2}('''|"""|'|")/.exec(text.slice(i, i + 5));
    if (str && (i === 0 || !/\w/.test(text[i - 1] as string))) {
      const quote = str[1] as string;
      let j = i + str[0].length;
      while (j < text.length && !text.startsWith(quote, j)) j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return null;
      out.push({ kind: 'string', start: i, end: j + quote.length });
      i = j + quote.length;
      continue;
    }
    if (OPEN.includes(c)) out.push({ kind: 'open', start: i, end: i + 1 });
    else if (CLOSE.includes(c)) out.push({ kind: 'close', start: i, end: i + 1 });
    i++;
  }
  return out;
}

/** Offsets of `text` that are outside strings and at bracket depth 0. */
function topLevel(text: string, tokens: Token[]): boolean[] {
  const top = new Array<boolean>(text.length).fill(true);
  let depth = 0;
  let t = 0;
  for (let i = 0; i < text.length; i++) {
    const tok = tokens[t];
    if (tok && i === tok.start) {
      if (tok.kind === 'string') {
        for (let k = tok.start; k < tok.end; k++) top[k] = false;
        i = tok.end - 1;
        t++;
        continue;
      }
      if (tok.kind === 'open') {
        top[i] = depth === 0;
        depth++;
        t++;
        continue;
      }
      if (tok.kind === 'close') {
        depth--;
        top[i] = depth === 0;
        t++;
        continue;
      }
      t++;
    }
    top[i] = depth === 0;
  }
  return top;
}

/** The last bracket pair at depth 0 with a non-empty body: [open, close] offsets. */
function trailingPair(text: string, tokens: Token[]): [number, number] | null {
  const stack: number[] = [];
  const pairs: Array<[number, number]> = [];
  for (const tok of tokens) {
    if (tok.kind === 'open') stack.push(tok.start);
    else if (tok.kind === 'close') {
      const open = stack.pop();
      if (open === undefined) return null;
      if (stack.length === 0) pairs.push([open, tok.start]);
    }
  }
  if (stack.length) return null;
  for (let k = pairs.length - 1; k >= 0; k--) {
    const [o, c] = pairs[k] as [number, number];
    if (text.slice(o + 1, c).trim() !== '') return [o, c];
  }
  return null;
}

/** Top-level split points of `text` for its strongest delimiter, as the items between them. */
function delimited(text: string): { items: string[]; comma: boolean } | null {
  const tokens = scan(text);
  if (!tokens || tokens.some((t) => t.kind === 'comment')) return null;
  const top = topLevel(text, tokens);
  const words = (re: RegExp) => {
    const at: number[] = [];
    for (const m of text.matchAll(re)) if (top[m.index] && !/\w/.test(text[m.index - 1] ?? ' ')) at.push(m.index);
    return at;
  };
  // A lambda's parameters hold commas that are not the list's: leave such text alone.
  if (words(/\blambda\b/g).length) return null;
  const commas: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === ',' && top[i]) commas.push(i);
  if (commas.length) {
    const items: string[] = [];
    let from = 0;
    for (const c of commas) {
      items.push(text.slice(from, c).trim());
      from = c + 1;
    }
    const last = text.slice(from).trim();
    if (last) items.push(last);
    if (items.some((x) => x === '')) return null;
    return { items, comma: true };
  }
  // Comprehensions split elsewhere (black splits before `for`); not handled.
  if (words(/\bfor\b/g).length || words(/\basync\b/g).length) return null;
  const ternary = [...words(/\bif\b/g), ...words(/\belse\b/g)].sort((a, b) => a - b);
  // `and` and `or` share one priority in black.
  const logic = [...words(/\bor\b/g), ...words(/\band\b/g)].sort((a, b) => a - b);
  const cuts = ternary.length === 2 ? ternary : logic;
  if (!cuts.length) return null;
  const items: string[] = [];
  let from = 0;
  for (const c of cuts) {
    items.push(text.slice(from, c).trim());
    from = c;
  }
  items.push(text.slice(from).trim());
  return items.some((x) => x === '') ? null : { items, comma: false };
}

/** `body` laid out inside brackets at `indent`: one line when it fits (and has no magic trailing comma), else split. */
function bodyLines(body: string, indent: string, unit: string, limit: number): string[] | null {
  const trimmed = body.trim();
  if (!trimmed.endsWith(',') && indent.length + trimmed.length <= limit) return [indent + trimmed];
  return splitLine(trimmed, indent, unit, limit) ?? wrapLine(trimmed, indent, unit, limit, true);
}

/**
 * black's delimiter split of a line inside brackets: on top-level commas (one item per line, each
 * ending in a comma), else before a conditional expression's `if` and `else`, else before `or`/`and`.
 * A trailing comma is not a delimiter; it stays on the last line.
 */
function splitLine(text: string, indent: string, unit: string, limit: number): string[] | null {
  const trailing = text.endsWith(',');
  const core = trailing ? text.slice(0, -1).trimEnd() : text;
  const split = delimited(core);
  if (!split || (!split.comma && split.items.length < 2)) return null;
  if (split.comma && split.items.length === 1 && !trailing) return null;
  const out: string[] = [];
  split.items.forEach((item, k) => {
    const last = k === split.items.length - 1;
    const piece = split.comma || (last && trailing) ? `${item},` : item;
    out.push(piece);
  });
  const lines: string[] = [];
  for (const piece of out) {
    if (indent.length + piece.length <= limit) {
      lines.push(indent + piece);
      continue;
    }
    const inner = wrapLine(piece, indent, unit, limit, true);
    if (!inner) return null;
    lines.push(...inner);
  }
  return lines;
}

/**
 * One logical line (without its indent) wrapped at `indent`, or null when it cannot be wrapped.
 * `bracketed`: the line sits inside brackets, where black tries a delimiter split before a
 * right-hand split.
 */
function wrapLine(text: string, indent: string, unit: string, limit: number, bracketed: boolean): string[] | null {
  if (indent.length + text.length <= limit) return [indent + text];
  const tokens = scan(text);
  if (!tokens || tokens.some((t) => t.kind === 'comment')) return null;
  if (bracketed) {
    const split = splitLine(text, indent, unit, limit);
    if (split && split.length > 1) return split;
  }
  const pair = trailingPair(text, tokens);
  if (!pair) return null;
  const [open, close] = pair;
  const head = text.slice(0, open + 1);
  const tail = text.slice(close);
  if (indent.length + head.length > limit || indent.length + tail.length > limit) return null;
  const body = bodyLines(text.slice(open + 1, close), indent + unit, unit, limit);
  return body ? [indent + head, ...body, indent + tail] : null;
}

/**
 * The part of a statement black puts in invisible parentheses (a return value, an assignment's right
 * side), as [prefix, expression] texts; null when it has none.
 */
function optionalParens(stmt: Node, text: string): [string, string] | null {
  let value: Node | null = null;
  if (stmt.type === 'return_statement') value = stmt.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
  else if (stmt.type === 'expression_statement') {
    const a = stmt.namedChildren[0];
    if (a?.type === 'assignment' || a?.type === 'augmented_assignment') value = a.childForFieldName('right');
  }
  if (!value) return null;
  const at = value.startIndex - stmt.startIndex;
  if (at <= 0 || at >= text.length) return null;
  return [text.slice(0, at), text.slice(at)];
}

/** How many top-level delimiters of the strongest kind `text` has (commas, else a conditional, else and/or). */
function delimiterCount(text: string): number {
  const split = delimited(text.endsWith(',') ? text.slice(0, -1) : text);
  return split ? split.items.length - 1 : 0;
}

/**
 * A one-line statement wrapped as black would: an expression in invisible parentheses with two or more
 * delimiters of its strongest kind goes inside real ones (`return (` ... `)`); otherwise the last
 * bracket pair is split, and when that cannot be done the parentheses are the fallback.
 */
function wrapStatement(stmt: Node, text: string, indent: string, unit: string, limit: number): string[] | null {
  const optional = optionalParens(stmt, text);
  const parens = () => {
    if (!optional) return null;
    const [prefix, expr] = optional;
    if (indent.length + prefix.length + 1 > limit) return null;
    const body = bodyLines(expr, indent + unit, unit, limit);
    return body ? [`${indent}${prefix}(`, ...body, `${indent})`] : null;
  };
  if (optional && delimiterCount(optional[1]) >= 2) return parens();
  return wrapLine(text, indent, unit, limit, false) ?? parens();
}

/** Statement kinds whose one-line form can be wrapped inside its brackets. */
const SIMPLE = new Set(['expression_statement', 'return_statement', 'decorator', 'assert_statement', 'delete_statement', 'raise_statement']);

/**
 * Line `i` of `parts` is the whole body of a bracket pair black already split: the line above ends
 * with the opening bracket, the line below starts with the closing one, and its own brackets balance.
 */
function isBodyLine(parts: string[], i: number, text: string): boolean {
  const above = (parts[i - 2] ?? '').trimEnd();
  const below = (parts[i + 2] ?? '').trimStart();
  if (i < 2 || !OPEN.includes(above.at(-1) ?? '') || !CLOSE.includes(below[0] ?? '')) return false;
  const tokens = scan(text);
  if (!tokens || tokens.some((t) => t.kind === 'comment')) return false;
  let depth = 0;
  for (const t of tokens) {
    depth += t.kind === 'open' ? 1 : t.kind === 'close' ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** The one-line simple statement (or decorator) that is line `row` of the tree, if any. */
function statementOnLine(root: Node, row: number, column: number): Node | null {
  let node: Node | null = root.descendantForPosition({ row, column });
  while (node && !SIMPLE.has(node.type)) node = node.parent;
  if (!node || node.startPosition.row !== row || node.endPosition.row !== row || node.startPosition.column !== column) return null;
  return node;
}

/** Whether `fixed` has a line longer than `limit` that `original` does not have (most fixed files have none: no parse needed). */
export function hasNewLongLine(original: string, fixed: string, limit: number): boolean {
  let had: Set<string> | undefined;
  for (const line of fixed.split(/\r\n|\r|\n/)) {
    if (line.length <= limit) continue;
    had ??= new Set(original.split(/\r\n|\r|\n/));
    if (!had.has(line)) return true;
  }
  return false;
}

/**
 * `fixed` with the lines longer than `limit` that `original` does not have wrapped; `root` is the
 * parsed `fixed`. Lines that cannot be wrapped stay as they are.
 */
export function wrapLongLines(original: string, fixed: string, root: Node, limit: number, unit: string): string {
  const had = new Set(original.split(/\r\n|\r|\n/));
  const parts = fixed.split(/(\r\n|\r|\n)/);
  let changed = false;
  for (let i = 0; i < parts.length; i += 2) {
    const line = parts[i] as string;
    if (line.length <= limit || had.has(line)) continue;
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    const text = line.slice(indent.length).trimEnd();
    const stmt = statementOnLine(root, i / 2, indent.length);
    let wrapped: string[] | null = null;
    if (stmt && stmt.endPosition.column === line.trimEnd().length) wrapped = wrapStatement(stmt, text, indent, unit, limit);
    else if (isBodyLine(parts, i, text)) wrapped = splitLine(text, indent, unit, limit) ?? wrapLine(text, indent, unit, limit, true);
    if (!wrapped || wrapped.length < 2) continue;
    const eol = parts[i + 1] ?? '\n';
    parts[i] = wrapped.join(eol);
    changed = true;
  }
  return changed ? parts.join('') : fixed;
}
