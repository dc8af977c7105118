// Unified diffs of texts with many changes: they must apply, and take time in proportion to the text.
import { applyPatch, structuredPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { lineHunks, unifiedDiff } from '../../src/output/diff.js';

/** `count` small functions, each calling `name` once (eight lines apart: one hunk each). */
const module = (count: number, name: string, eol = '\n') =>
  Array.from(
    { length: count },
    (_, i) => `async def task_${i}():${eol}    loop = asyncio.${name}()${eol}    now = loop.time()${eol}    later = now + 1${eol}    return later${eol}${eol}${eol}${eol}`,
  ).join('');

describe('unifiedDiff', () => {
  // A minimal diff costs time and memory that grow with the square of the changed lines: 5,000
  // changed lines took minutes. Past 1,000, the lines are aligned instead.
  it('diffs 5,000 changed lines in time proportional to the text, and the diff applies', { timeout: 20_000 }, () => {
    const before = module(5000, 'get_event_loop');
    const after = module(5000, 'get_running_loop');
    const diff = unifiedDiff('app.py', before, after);
    expect(applyPatch(before, diff)).toBe(after);
    const hunks = diff.split('\n').filter((l) => l.startsWith('@@'));
    expect(hunks).toHaveLength(5000);
    expect(hunks[1]).toBe('@@ -7,7 +7,7 @@');
    expect(diff.split('\n').filter((l) => l.startsWith('-    loop'))).toHaveLength(5000);
  });

  it('writes a hunk of more lines than a call takes arguments (changes five lines apart join up)', { timeout: 20_000 }, () => {
    const before = 'a = 1\nb = 2\nc = 3\nd = 4\ne = 5\n'.repeat(40_000);
    const after = before.replaceAll('c = 3', 'c = 4');
    const diff = unifiedDiff('app.py', before, after);
    expect(diff.split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -1,200000 +1,200000 @@']);
    expect(applyPatch(before, diff)).toBe(after);
  });

  it('keeps CRLF line breaks, a missing final newline and removed lines when the lines are aligned', { timeout: 20_000 }, () => {
    const before = module(1500, 'get_event_loop', '\r\n') + 'tail = 1';
    const after = module(1500, 'get_running_loop', '\r\n').replace('async def task_7():', '') + 'tail = 2';
    const diff = unifiedDiff('app.py', before, after);
    expect(applyPatch(before, diff)).toBe(after);
    expect(diff).toContain('-tail = 1\n\\ No newline at end of file\n+tail = 2\n\\ No newline at end of file\n');
    expect(diff).toContain('-    loop = asyncio.get_event_loop()\r\n');
  });

  it('gives the minimal diff, as before, for up to 1,000 changed lines', () => {
    const before = module(400, 'get_event_loop');
    const after = module(400, 'get_running_loop').replace('return loop.time()', 'return loop');
    expect(lineHunks(before, after)).toEqual(structuredPatch('a', 'b', before, after, '', '', { context: 3 }).hunks);
  });
});
