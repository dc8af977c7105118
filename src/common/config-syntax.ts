// Whether a config file parses the way the tools reading it parse it: TOML as Python's tomllib does
// (pytest, pip, ruff's own parser agree on what is valid), INI as iniconfig does (the parser pytest reads
// pytest.ini, tox.ini and setup.cfg with). A file that does not parse is reported with its line and
// column, as ruff reports a broken pyproject.toml, and is never edited: pytest stops on it too.
import { parse as parseToml } from 'smol-toml';

/** Where a config file stops parsing (1-based line and column) and why. */
export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

/** A config file's text as Python reads it (UTF-8, no byte order mark removed), or why it cannot be. */
export function decodeConfig(bytes: Uint8Array): { text: string } | { problem: SyntaxProblem } {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const before = Buffer.from(bytes.subarray(0, bad)).toString('utf8');
    const lines = before.split(/\r\n|\r|\n/);
    return {
      problem: {
        line: lines.length,
        column: (lines.at(-1)?.length ?? 0) + 1,
        message: `not valid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')}); Python tools read config files as UTF-8`,
      },
    };
  }
  return { text: Buffer.from(bytes).toString('utf8') };
}

/** Index of the first byte that is not part of a well-formed UTF-8 sequence; -1 when there is none. */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= b.length) return i;
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8 (the second byte's range says so).
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    const second = b[i + 1] as number;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= n; k++) if (((b[i + k] as number) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

/** The TOML document, or where and why it is not valid TOML. */
export function parseTomlChecked(text: string): { data: Record<string, unknown> } | { problem: SyntaxProblem } {
  // tomllib (and so pytest) rejects a byte order mark; smol-toml would skip it.
  if (text.startsWith('\ufeff')) return { problem: { line: 1, column: 1, message: "not valid TOML: it starts with a byte order mark, which Python's tomllib rejects" } };
  try {
    return { data: parseToml(text) };
  } catch (err) {
    const e = err as { line?: unknown; column?: unknown; message?: unknown };
    const first = String(e.message ?? err).split('\n')[0] ?? '';
    return {
      problem: {
        line: typeof e.line === 'number' ? e.line : 1,
        column: typeof e.column === 'number' ? e.column : 1,
        message: `not valid TOML: ${first.replace(/^Invalid TOML document:\s*/, '')}`,
      },
    };
  }
}

// Python's str.isspace() and str.strip() characters: unlike JavaScript's \s, no byte order mark.
const PY_SPACE = '\t\n\v\f\r \x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
const isSpace = (c: string | undefined) => c !== undefined && c !== '' && PY_SPACE.includes(c);
const rstrip = (s: string) => {
  let end = s.length;
  while (end > 0 && isSpace(s[end - 1])) end--;
  return s.slice(0, end);
};
const strip = (s: string) => {
  let start = 0;
  while (start < s.length && isSpace(s[start])) start++;
  return rstrip(s.slice(start));
};

/** The line breaks of Python's str.splitlines() (the file is read in text mode: CR and CRLF are breaks). */
const PY_LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

/** Python's repr() of a str, as iniconfig's messages show a line. */
function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp === 0xfeff || (cp >= 0x80 && cp < 0xa0) || cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e)) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return quote + out + quote;
}

/**
 * Where iniconfig (and so pytest) stops reading an INI file, with its message: a line that is neither a
 * section, an option, a comment nor an indented continuation; an option before any section; a
 * continuation with no option before it; an empty, repeated section name; a repeated option name.
 * Null when the file parses. Like iniconfig, the whole file is read for line errors first, then for
 * the structure.
 */
export function iniProblem(text: string): SyntaxProblem | null {
  const at = (index: number, raw: string, message: string): SyntaxProblem => {
    let column = 1;
    while (isSpace(raw[column - 1])) column++;
    return { line: index + 1, column, message: `not valid INI: ${message}` };
  };
  interface Entry {
    index: number;
    raw: string;
    section: string | null;
    name: string | null;
  }
  const entries: Entry[] = [];
  let section: string | null = null;
  const lines = text.split(PY_LINE_BREAK);
  for (const [index, raw] of lines.entries()) {
    const trimmed = strip(raw);
    const line = trimmed === '' || '#;'.includes(trimmed[0] as string) ? '' : rstrip(raw);
    if (!line) continue;
    if (line[0] === '[') {
      let head = line;
      for (const c of '#;') head = rstrip(head.split(c)[0] ?? '');
      if (head.endsWith(']')) {
        const name = head.slice(1, -1);
        if (!name) return at(index, raw, 'empty section name');
        section = name;
        entries.push({ index, raw, section, name: null });
        continue;
      }
      // iniconfig takes an unclosed `[...` for a continuation line.
      const last = entries.pop();
      if (!last || last.name === null) return at(index, raw, 'unexpected value continuation');
      entries.push(last);
      continue;
    }
    if (!isSpace(line[0])) {
      const eq = line.indexOf('=');
      let name: string;
      if (eq >= 0 && !line.slice(0, eq).includes(':')) name = line.slice(0, eq);
      else {
        const colon = line.indexOf(':');
        if (colon < 0) return at(index, raw, `unexpected line: ${pyRepr(line)}`);
        name = line.slice(0, colon);
      }
      entries.push({ index, raw, section, name: strip(name) });
      continue;
    }
    const last = entries.at(-1);
    if (!last || last.name === null) return at(index, raw, 'unexpected value continuation');
  }
  const names = new Map<string, Set<string>>();
  for (const e of entries) {
    if (e.section === null) return at(e.index, e.raw, 'no section header defined');
    if (e.name === null) {
      if (names.has(e.section)) return at(e.index, e.raw, `duplicate section ${pyRepr(e.section)}`);
      names.set(e.section, new Set());
      continue;
    }
    const seen = names.get(e.section) as Set<string>;
    if (seen.has(e.name)) return at(e.index, e.raw, `duplicate name ${pyRepr(e.name)}`);
    seen.add(e.name);
  }
  return null;
}
