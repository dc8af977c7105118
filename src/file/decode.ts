// Bytes ↔ text without losing a byte: UTF-8 (with or without BOM) and the PEP 263 cookies we can
// encode back exactly. Anything else is refused with a reason rather than guessed at, and so is a
// coding declaration Python itself refuses.
import { CODEC_ALIASES, TEXT_CODECS } from './encodings.js';

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'latin-1';
  bom: boolean;
}

export type DecodeResult = { ok: true; value: Decoded } | { ok: false; reason: 'binary' | 'encoding'; message: string };

const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const UTF8_CODECS = new Set(['utf_8', 'utf_8_sig']);
const LATIN1_CODECS = new Set(['latin_1', 'iso8859_1']);

/** The PEP 263 coding cookie of the first two lines (a line ends at LF, CRLF or CR), as written, or null. */
export function codingCookie(bytes: Uint8Array): string | null {
  let start = 0;
  for (let i = 0; i < 2 && start < bytes.length; i++) {
    const end = lineEnd(bytes, start);
    const line = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
    const m = COOKIE.exec(line);
    if (m && m[1]) return m[1];
    // Only a comment or blank first line lets the second line carry the cookie.
    if (!/^[ \t\f]*(#.*)?$/.test(line)) break;
    start = end + (bytes[end] === 0x0d && bytes[end + 1] === 0x0a ? 2 : 1);
  }
  return null;
}

function lineEnd(bytes: Uint8Array, start: number): number {
  for (let i = start; i < bytes.length; i++) if (bytes[i] === 0x0a || bytes[i] === 0x0d) return i;
  return bytes.length;
}

/**
 * The codec module Python reads a file declaring `name` with, or undefined when Python refuses the
 * declaration (SyntaxError: unknown encoding, or not a text encoding). As CPython's tokenizer: the
 * utf-8 and latin-1 spellings it knows itself (the first 12 characters, case and `_`/`-` aside, so
 * `utf-8-anything` is UTF-8), then codecs.lookup(): lower case, runs of other characters than letters,
 * digits and dots made one `_`, then encodings.aliases, then a module of that name.
 */
export function codecOf(name: string): string | undefined {
  const head = name.slice(0, 12).toLowerCase().replaceAll('_', '-');
  if (head === 'utf-8' || head.startsWith('utf-8-')) return 'utf_8';
  if (/^(latin-1|iso-8859-1|iso-latin-1)(-|$)/.test(head)) return 'latin_1';
  const norm = name
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter(Boolean)
    .join('_');
  const module = CODEC_ALIASES.get(norm) ?? CODEC_ALIASES.get(norm.replaceAll('.', '_')) ?? (norm.includes('.') ? undefined : norm);
  return module !== undefined && TEXT_CODECS.has(module) ? module : undefined;
}

/** What Python makes of the file's coding declaration: no cookie, the codec it reads the file with, or why it refuses the file. */
export type Declared = { cookie: null } | { cookie: string; codec: string } | { cookie: string; refused: string };

export function declaredEncoding(bytes: Uint8Array): Declared {
  const bom = hasBom(bytes);
  const cookie = codingCookie(bom ? bytes.subarray(3) : bytes);
  if (cookie === null) return { cookie };
  const codec = codecOf(cookie);
  if (codec === undefined) {
    return { cookie, refused: `declares encoding '${cookie}', which Python does not know (SyntaxError: unknown encoding), so Python cannot run it; correct the coding line to migrate it` };
  }
  const special = TEXT_CODECS.get(codec) ?? '';
  if (special === '*' || special.includes('#')) {
    // UTF-16, EBCDIC, punycode, `undefined`: Python reads the coding line itself as something else (or not at all).
    return { cookie, refused: `declares encoding '${cookie}', in which Python cannot read the coding line itself (SyntaxError), so Python cannot run it; correct the coding line to migrate it` };
  }
  // Python takes a BOM with a cookie only when the cookie is one of its own spellings of utf-8.
  const head = cookie.slice(0, 12).toLowerCase().replaceAll('_', '-');
  if (bom && head !== 'utf-8' && !head.startsWith('utf-8-')) {
    return { cookie, refused: `starts with a UTF-8 BOM but declares encoding '${cookie}' (SyntaxError: encoding problem), so Python cannot run it; declare utf-8 or remove the BOM to migrate it` };
  }
  return { cookie, codec };
}

/** Why Python refuses the file's coding declaration, or undefined: checked on every file, parsed or not. */
export function codingRefusal(bytes: Uint8Array): string | undefined {
  const declared = declaredEncoding(bytes);
  return 'refused' in declared ? declared.refused : undefined;
}

export function decode(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, reason: 'encoding', message: 'UTF-16 encoded file; Python source is read as UTF-8 by default. Re-save it as UTF-8 to migrate it' };
  }
  if (bytes.includes(0)) {
    return { ok: false, reason: 'binary', message: 'contains NUL bytes (a binary file named .py?); it was not read as Python' };
  }
  const bom = hasBom(bytes);
  const body = bom ? bytes.subarray(3) : bytes;
  const declared = declaredEncoding(bytes);
  if ('refused' in declared) return { ok: false, reason: 'encoding', message: declared.refused };
  if ('codec' in declared && LATIN1_CODECS.has(declared.codec)) {
    return { ok: true, value: { text: Buffer.from(body).toString('latin1'), encoding: 'latin-1', bom: false } };
  }
  if ('codec' in declared && !UTF8_CODECS.has(declared.codec)) {
    // Another codec: an ASCII file reads the same as UTF-8, unless the codec gives one of its characters another meaning.
    if (!isAscii(body)) {
      return { ok: false, reason: 'encoding', message: `declares encoding '${declared.cookie}', which loopmigrate cannot write back byte for byte; convert the file to UTF-8 to migrate it` };
    }
    const special = TEXT_CODECS.get(declared.codec) ?? '';
    const at = body.findIndex((b) => special.includes(String.fromCharCode(b)));
    if (at !== -1) {
      const what = `'${String.fromCharCode(body[at] ?? 0)}' (line ${lineOf(body, at)})`;
      return {
        ok: false,
        reason: 'encoding',
        message: `declares encoding '${declared.cookie}', which does not read ${what} as ASCII does, so loopmigrate cannot read it exactly; convert the file to UTF-8 to migrate it`,
      };
    }
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { ok: true, value: { text, encoding: 'utf-8', bom } };
  } catch {
    return { ok: false, reason: 'encoding', message: 'is not valid UTF-8 and has no coding cookie loopmigrate can honour; fix its encoding (or add a `# -*- coding: latin-1 -*-` line) to migrate it' };
  }
}

export function encode(text: string, how: Decoded): Uint8Array {
  const body = how.encoding === 'latin-1' ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
  return how.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b > 0x7f) return false;
  return true;
}

/** The 1-based line of a byte offset (a line ends at LF, CRLF or CR). */
function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  return line;
}
