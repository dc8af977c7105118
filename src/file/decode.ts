// Bytes ↔ text without losing a byte: UTF-8 (with or without BOM) and the PEP 263 cookies we can
// encode back exactly. Anything else is refused with a reason rather than guessed at.

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'latin-1';
  bom: boolean;
}

export type DecodeResult = { ok: true; value: Decoded } | { ok: false; reason: 'binary' | 'encoding'; message: string };

const COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const LATIN1 = new Set(['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'l1', 'iso-latin-1', 'latin_1', 'iso_8859_1']);
const UTF8 = new Set(['utf-8', 'utf8', 'utf_8', 'utf-8-sig']);

/** The PEP 263 coding cookie of the first two lines, lower-cased, or null. */
export function codingCookie(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const lines = head.split(/\r\n|\r|\n/).slice(0, 2);
  for (const [i, line] of lines.entries()) {
    const m = COOKIE.exec(line);
    if (m && m[1]) return m[1].toLowerCase();
    // Only a comment or blank first line lets the second line carry the cookie.
    if (i === 0 && !/^[ \t\f]*(#.*)?$/.test(line)) break;
  }
  return null;
}

export function decode(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, reason: 'encoding', message: 'UTF-16 encoded file; Python source is read as UTF-8 by default. Re-save it as UTF-8 to migrate it' };
  }
  if (bytes.includes(0)) {
    return { ok: false, reason: 'binary', message: 'contains NUL bytes (a binary file named .py?); it was not read as Python' };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const cookie = codingCookie(body);
  if (cookie && !bom && LATIN1.has(cookie)) {
    return { ok: true, value: { text: Buffer.from(body).toString('latin1'), encoding: 'latin-1', bom: false } };
  }
  if (cookie && !UTF8.has(cookie) && !LATIN1.has(cookie)) {
    if (!isAscii(body)) {
      return { ok: false, reason: 'encoding', message: `declares encoding '${cookie}', which loopmigrate cannot write back byte for byte; convert the file to UTF-8 to migrate it` };
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

function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b > 0x7f) return false;
  return true;
}
