import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/common/apply.js';
import { keepFinalNewlineState } from '../../src/python/text.js';

describe('keepFinalNewlineState', () => {
  it('takes the preceding line break when deleting the last line of a file without a final newline', () => {
    const src = 'a()\n\nloop.close()';
    const e = keepFinalNewlineState(src, { start: 5, end: src.length, text: '' });
    expect(applyEdits(src, [e])).toBe('a()\n');
    expect(keepFinalNewlineState(src, e)).toEqual(e);
  });

  it('drops the trailing break of a replacement reaching the end of such a file', () => {
    const src = 'x\ny';
    expect(keepFinalNewlineState(src, { start: 2, end: 3, text: 'z\n' }).text).toBe('z');
  });

  it('leaves edits alone when the file ends with a newline', () => {
    const src = 'x\ny\n';
    const e = { start: 2, end: 4, text: '' };
    expect(keepFinalNewlineState(src, e)).toBe(e);
  });
});
