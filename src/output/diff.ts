// Unified diffs that `git apply` accepts: git-style headers, exact line-ending bytes, and
// "\ No newline at end of file" markers.
import { structuredPatch } from 'diff';
import { decode } from '../file/decode.js';

export function unifiedDiff(displayPath: string, before: string, after: string): string {
  const patch = structuredPatch(`a/${displayPath}`, `b/${displayPath}`, before, after, '', '', { context: 3 });
  if (patch.hunks.length === 0) return '';
  const a = gitName('a/', displayPath);
  const b = gitName('b/', displayPath);
  // git ends ---/+++ names that contain a space with a tab, so a reader knows where the name stops.
  const end = a.startsWith('"') || !displayPath.includes(' ') ? '' : '\t';
  const lines = [`diff --git ${a} ${b}`, `--- ${a}${end}`, `+++ ${b}${end}`];
  for (const h of patch.hunks) {
    lines.push(`@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`);
    lines.push(...h.lines);
  }
  return lines.join('\n') + '\n';
}

function range(start: number, count: number): string {
  // An empty side starts at the line before (as GNU diff and git print it).
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

const ESCAPES: Record<string, string> = { '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '"': '"', '\\': '\\' };

/** A path as git writes it in patch headers: C-quoted (octal UTF-8 bytes) when it has special characters. */
export function gitName(prefix: string, name: string): string {
  const full = prefix + name;
  if (!/["\\\x00-\x1f\x7f-\uffff]/.test(full)) return full;
  let out = '';
  for (const byte of Buffer.from(full, 'utf8')) {
    const ch = String.fromCharCode(byte);
    const esc = ESCAPES[ch];
    if (esc) out += `\\${esc}`;
    else if (byte < 0x20 || byte >= 0x7f) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += ch;
  }
  return `"${out}"`;
}

/**
 * The diff as the bytes `git apply` must see: the file's BOM is part of its first line and a latin-1
 * file's lines stay latin-1 (the headers, holding the path, are UTF-8 as git writes them).
 */
export function unifiedDiffBytes(displayPath: string, before: string, after: string, originalBytes: Uint8Array): Buffer {
  const decoded = decode(originalBytes);
  const bom = decoded.ok && decoded.value.bom ? '\ufeff' : '';
  const text = unifiedDiff(displayPath, bom + before, bom + after);
  if (!decoded.ok || decoded.value.encoding !== 'latin-1') return Buffer.from(text, 'utf8');
  const lines = text.split('\n');
  return Buffer.concat([Buffer.from(lines.slice(0, 3).join('\n') + '\n', 'utf8'), Buffer.from(lines.slice(3).join('\n'), 'latin1')]);
}
