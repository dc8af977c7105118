import { describe, expect, it } from 'vitest';
import { applyEdits, applyFixes, conflicts } from '../../src/common/apply.js';

describe('applyFixes', () => {
  it('applies non-overlapping fixes and defers one that overlaps an accepted fix', () => {
    const src = 'abcdefghij';
    const r = applyFixes(src, [
      { item: 'late', edits: [{ start: 4, end: 6, text: 'X' }] },
      {
        item: 'first',
        edits: [
          { start: 0, end: 2, text: 'Y' },
          { start: 5, end: 7, text: 'Z' },
        ],
      },
      { item: 'free', edits: [{ start: 8, end: 9, text: '' }] },
    ]);
    expect(r.applied).toEqual(['first', 'free']);
    expect(r.deferred).toEqual(['late']);
    expect(r.text).toBe('YcdeZhj');
  });

  it('shares identical edits between fixes (one import for two fixes)', () => {
    const imp = { start: 0, end: 0, text: 'import asyncio\n' };
    const r = applyFixes('a\nb\n', [
      { item: 1, edits: [imp, { start: 0, end: 1, text: 'A' }] },
      { item: 2, edits: [imp, { start: 2, end: 3, text: 'B' }] },
    ]);
    expect(r.deferred).toEqual([1]);
    expect(r.applied).toEqual([2]);
    expect(r.text).toBe('import asyncio\na\nB\n');
  });

  it("joins one fix's insertions at one offset in the order given (two imports are not a conflict with itself)", () => {
    const r = applyFixes('import os\nx = 1\n', [
      {
        item: 1,
        edits: [
          { start: 0, end: 0, text: 'import asyncio\n' },
          { start: 10, end: 15, text: 'x = 2' },
          { start: 0, end: 0, text: 'import pytest_asyncio\n' },
        ],
      },
    ]);
    expect(r.applied).toEqual([1]);
    expect(r.text).toBe('import asyncio\nimport pytest_asyncio\nimport os\nx = 2\n');
  });

  it('treats an insertion touching a replaced range as a conflict', () => {
    expect(conflicts({ start: 3, end: 3, text: 'x' }, { start: 3, end: 5, text: '' })).toBe(true);
    expect(conflicts({ start: 3, end: 3, text: 'x' }, { start: 4, end: 5, text: '' })).toBe(false);
    expect(conflicts({ start: 1, end: 3, text: '' }, { start: 3, end: 5, text: '' })).toBe(false);
  });

  // Each fix was checked against every accepted edit: 40,000 fixes (one large generated module) took
  // minutes and allocated gigabytes. Checked against its neighbours only, this takes milliseconds.
  it('applies tens of thousands of fixes in time proportional to their number', { timeout: 15_000 }, () => {
    const line = 'loop = asyncio.get_event_loop()\n';
    const count = 40_000;
    const at = (i: number) => i * line.length + 'loop = asyncio.'.length;
    const r = applyFixes(
      line.repeat(count),
      Array.from({ length: count }, (_, i) => ({
        item: i,
        edits: [
          { start: 0, end: 0, text: 'import asyncio\n' },
          { start: at(i), end: at(i) + 'get_event_loop'.length, text: 'get_running_loop' },
        ],
      })),
    );
    expect(r.deferred).toEqual([]);
    expect(r.text).toBe('import asyncio\n' + 'loop = asyncio.get_running_loop()\n'.repeat(count));
  });

  it('rejects edits outside the text', () => {
    expect(() => applyEdits('abc', [{ start: 2, end: 5, text: '' }])).toThrow(RangeError);
  });
});
