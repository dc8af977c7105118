// Where names occur in a file as words, and the local names imports bind to them
// (`from asyncio import get_event_loop as gel`): the name index of the semantic model (python/scope.ts)
// and of the query narrowing (speed/anchors.ts).

/**
 * Whitespace, line continuations and comments: what may separate two tokens inside brackets. A
 * comment runs to the end of its line (the lookahead), so a line of `#####` has one reading, not 2^n.
 */
export const GAP = String.raw`(?:\s|\\|#[^\r\n]*(?![^\r\n]))+`;
const IDENTIFIER = String.raw`[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*`;

/** Occurrences as [start, end) character offsets, in order. */
export type Occurrences = ReadonlyArray<readonly [number, number]>;

/**
 * The occurrences of words in one text, each word searched for once however many rules ask about it
 * (the anchors of several rules share names such as `Queue` or `wait`). One per FileContext.
 */
export class WordIndex {
  private readonly found = new Map<string, Occurrences>();

  constructor(readonly source: string) {}

  /** Every occurrence of the word that is not part of a longer identifier, in order. */
  of(word: string): Occurrences {
    let list = this.found.get(word);
    if (!list) {
      list = wordOccurrences(this.source, [word]);
      this.found.set(word, list);
    }
    return list;
  }

  /** The occurrences of any of the words, in order. */
  ofAny(words: readonly string[]): Occurrences {
    const unique = [...new Set(words)];
    if (unique.length === 1) return this.of(unique[0] as string);
    const missing = unique.filter((w) => IDENTIFIER_WORD.test(w) && !this.found.has(w));
    if (missing.length > 1) this.searchAll(missing);
    return unique.flatMap((w) => this.of(w)).sort((a, b) => a[0] - b[0]);
  }

  /**
   * Several words in one pass of a regular expression (native code) instead of one pass each. The
   * words are ASCII identifiers, so two occurrences that are words cannot overlap, and trying the
   * longer words first finds every one; the boundaries are checked as wordOccurrences() checks them.
   */
  private searchAll(words: string[]): void {
    const lists = new Map<string, Array<[number, number]>>(words.map((w) => [w, []]));
    const re = alternation(words);
    re.lastIndex = 0;
    for (let m = re.exec(this.source); m; m = re.exec(this.source)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!continuesIdentifier(this.source.charCodeAt(start - 1)) && !continuesIdentifier(this.source.charCodeAt(end))) lists.get(m[0])?.push([start, end]);
    }
    for (const [w, list] of lists) this.found.set(w, list);
  }
}

/** Words searchAll() may take: two occurrences of such words cannot overlap. */
const IDENTIFIER_WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** One global regular expression per word list, longest words first (compiled once per list). */
const alternations = new Map<string, RegExp>();

function alternation(words: string[]): RegExp {
  const key = words.join('\0');
  let re = alternations.get(key);
  if (!re) {
    // IDENTIFIER_WORD words have nothing to escape.
    re = new RegExp([...words].sort((a, b) => b.length - a.length).join('|'), 'g');
    alternations.set(key, re);
  }
  return re;
}

/** A text to search: its WordIndex when there is one, or the text itself. */
export type Text = WordIndex | string;

/** The text's WordIndex: its own when it has one, else a new one. */
export const wordIndex = (text: Text): WordIndex => (typeof text === 'string' ? new WordIndex(text) : text);

/** Every occurrence, as a word, of the names and of the local names imports bind to them, in order. */
export function anchorOccurrences(text: Text, names: readonly string[]): Occurrences {
  const words = wordIndex(text);
  const found = words.ofAny(names);
  const aliases = aliasesAfter(words.source, found, names);
  if (aliases.size === 0) return found;
  return [...found, ...words.ofAny([...aliases])].sort((a, b) => a[0] - b[0]);
}

/** The names, and the local names that `name as alias` (in an import) gives any of them. */
export function withAliases(text: Text, names: readonly string[]): Set<string> {
  const words = wordIndex(text);
  return new Set([...names, ...aliasesAfter(words.source, words.ofAny(names), names)]);
}

/** The ASCII characters GAP can start with: whitespace, `\\` and `#`. */
const GAP_START = new Set([9, 10, 11, 12, 13, 32, 35, 92]);

function aliasesAfter(source: string, occurrences: Occurrences, names: readonly string[]): Set<string> {
  const aliases = new Set<string>();
  const aliasAt = new RegExp(String.raw`${GAP}as${GAP}(${IDENTIFIER})`, 'uy');
  for (const [, end] of occurrences) {
    // Most occurrences are followed by `(`, `.` or `)`: only `as` after a gap names an alias.
    const next = source.charCodeAt(end);
    if (next < 128 && !GAP_START.has(next)) continue;
    aliasAt.lastIndex = end;
    const alias = aliasAt.exec(source)?.[1];
    if (alias && !names.includes(alias)) aliases.add(alias);
  }
  return aliases;
}

const IDENTIFIER_CHAR = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;

/** Could this UTF-16 unit continue an identifier? Unsure (a surrogate half) counts as no: an extra occurrence is harmless. */
function continuesIdentifier(code: number): boolean {
  if (Number.isNaN(code)) return false; // before the start or past the end of the text
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return IDENTIFIER_CHAR.test(String.fromCharCode(code));
}

/** Every occurrence of the words that is not part of a longer identifier, in order. */
export function wordOccurrences(source: string, words: readonly string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const w of new Set(words)) {
    if (!w) continue;
    for (let i = source.indexOf(w); i !== -1; i = source.indexOf(w, i + 1)) {
      if (!continuesIdentifier(source.charCodeAt(i - 1)) && !continuesIdentifier(source.charCodeAt(i + w.length))) out.push([i, i + w.length]);
    }
  }
  return words.length > 1 ? out.sort((a, b) => a[0] - b[0]) : out;
}
