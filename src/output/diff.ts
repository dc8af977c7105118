// Unified diffs that `git apply` accepts: git-style headers, exact line-ending bytes, and
// "\ No newline at end of file" markers.
import { diffArrays, structuredPatch, type StructuredPatchHunk } from 'diff';
import { decode } from '../file/decode.js';

export function unifiedDiff(displayPath: string, before: string, after: string): string {
  const hunks = lineHunks(before, after);
  if (hunks.length === 0) return '';
  const a = gitName('a/', displayPath);
  const b = gitName('b/', displayPath);
  // git ends ---/+++ names that contain a space with a tab, so a reader knows where the name stops.
  const end = a.startsWith('"') || !displayPath.includes(' ') ? '' : '\t';
  const lines = [`diff --git ${a} ${b}`, `--- ${a}${end}`, `+++ ${b}${end}`];
  for (const h of hunks) {
    lines.push(`@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`);
    // One at a time: a hunk can hold more lines than a call takes arguments.
    for (const line of h.lines) lines.push(line);
  }
  return lines.join('\n') + '\n';
}

const CONTEXT = 3;

/**
 * The most lines a minimal diff may change: the diff library's algorithm takes time and memory that
 * grow with the square of the changed lines (3,300 changed lines took 16 s), so a file with more
 * changes gets hunks from aligning its lines instead (alignedHunks()).
 */
const MAX_EDIT_LENGTH = 1000;

/** The hunks of a line diff with three lines of context, as the diff library's structuredPatch() makes them. */
export function lineHunks(before: string, after: string): StructuredPatchHunk[] {
  const patch = structuredPatch('a', 'b', before, after, '', '', { context: CONTEXT, maxEditLength: MAX_EDIT_LENGTH });
  return patch ? patch.hunks : alignedHunks(splitLines(before), splitLines(after));
}

/** Lines as the diff library reads them: each with its line break (LF or CRLF; a lone CR stays inside its line). */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lines.push(text.slice(start, i + 1));
    start = i + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** A run of lines kept, removed or added. */
interface Change {
  kind: ' ' | '-' | '+';
  lines: string[];
}

/** How many equal lines in a row mark the end of a changed region. */
const SYNC = 2;
/** How far ahead (old and new lines together) a changed region's end is looked for. */
const WINDOW = 2000;

/**
 * Hunks for texts with many changes, in time proportional to their length when the changes are local
 * (a fix rewrites a few lines): equal lines are skipped, and each changed region ends where both texts
 * have SYNC equal lines again, the nearest such place; the region is diffed on its own (replaced
 * whole when even that is too large). Not always the smallest diff, always one that applies.
 */
function alignedHunks(a: string[], b: string[]): StructuredPatchHunk[] {
  const changes: Change[] = [];
  const push = (kind: Change['kind'], lines: string[]) => {
    if (lines.length === 0) return;
    const last = changes.at(-1);
    if (last?.kind !== kind) changes.push({ kind, lines });
    else for (const line of lines) last.lines.push(line);
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let k = 0;
    while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
    if (k > 0) {
      push(' ', a.slice(i, i + k));
      i += k;
      j += k;
      continue;
    }
    const [p, q] = resync(a, i, b, j);
    const region = diffArrays(a.slice(i, i + p), b.slice(j, j + q), { maxEditLength: MAX_EDIT_LENGTH });
    if (region) for (const c of region) push(c.added ? '+' : c.removed ? '-' : ' ', c.value);
    else {
      push('-', a.slice(i, i + p));
      push('+', b.slice(j, j + q));
    }
    i += p;
    j += q;
  }
  return hunksOf(changes);
}

/** The nearest offsets [p, q] from (i, j) where both texts go on with SYNC equal lines, or where both end. */
function resync(a: string[], i: number, b: string[], j: number): [number, number] {
  const synced = (x: number, y: number) => {
    for (let n = 0; n < SYNC; n++) {
      if (x + n >= a.length && y + n >= b.length) return n > 0;
      if (a[x + n] !== b[y + n] || x + n >= a.length || y + n >= b.length) return false;
    }
    return true;
  };
  for (let d = 1; d <= WINDOW; d++) {
    for (let p = 0; p <= d; p++) {
      const q = d - p;
      if (i + p > a.length || j + q > b.length) continue;
      if ((i + p === a.length && j + q === b.length) || synced(i + p, j + q)) return [p, q];
    }
  }
  return [a.length - i, b.length - j];
}

/** The changes as hunks with CONTEXT lines around each change, hunks closer than twice that joined. */
function hunksOf(changes: Change[]): StructuredPatchHunk[] {
  const hunks: StructuredPatchHunk[] = [];
  let hunk: StructuredPatchHunk | undefined;
  let oldLine = 1;
  let newLine = 1;
  const add = (prefix: string, lines: string[]) => {
    for (const line of lines) hunk?.lines.push(prefix + line);
  };
  for (const [n, c] of changes.entries()) {
    if (c.kind === ' ') {
      const last = n === changes.length - 1;
      if (hunk && !last && c.lines.length <= 2 * CONTEXT) add(' ', c.lines);
      else if (hunk) {
        const tail = c.lines.slice(0, CONTEXT);
        add(' ', tail);
        hunk.oldLines = oldLine + tail.length - hunk.oldStart;
        hunk.newLines = newLine + tail.length - hunk.newStart;
        hunks.push(hunk);
        hunk = undefined;
      }
      oldLine += c.lines.length;
      newLine += c.lines.length;
      continue;
    }
    if (!hunk) {
      const before = changes[n - 1]?.kind === ' ' ? (changes[n - 1]?.lines.slice(-CONTEXT) ?? []) : [];
      hunk = { oldStart: oldLine - before.length, oldLines: 0, newStart: newLine - before.length, newLines: 0, lines: [] };
      add(' ', before);
    }
    add(c.kind, c.lines);
    if (c.kind === '-') oldLine += c.lines.length;
    else newLine += c.lines.length;
  }
  if (hunk) {
    hunk.oldLines = oldLine - hunk.oldStart;
    hunk.newLines = newLine - hunk.newStart;
    hunks.push(hunk);
  }
  // As the diff library writes them: no line break at the end of a line, a marker where a line had none.
  for (const h of hunks) {
    const lines: string[] = [];
    for (const line of h.lines) {
      if (line.endsWith('\n')) lines.push(line.slice(0, -1));
      else lines.push(line, '\\ No newline at end of file');
    }
    h.lines = lines;
  }
  return hunks;
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
