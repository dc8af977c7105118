// Unified diffs that `git apply` accepts: git-style headers, exact line-ending bytes, and
// "\ No newline at end of file" markers.
import { structuredPatch } from 'diff';

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
