// The line-level helpers LM103/LM104/LM105/LM110 build their rewrites from.
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/common/apply.js';
import { mergeInsertions, splitEdits } from '../../src/python/region.js';
import { blankLinesBefore, indentUnit, shiftIndent, withFollowingBlankLines } from '../../src/python/text.js';

describe('shiftIndent', () => {
  it('indents non-blank lines and leaves blank lines without trailing whitespace', () => {
    expect(shiftIndent('a = 1\n\nb = 2\n', '', '    ')).toBe('    a = 1\n\n    b = 2\n');
  });

  it('replaces one indentation by another, keeping CRLF', () => {
    expect(shiftIndent('  x\r\n    y\r\n', '  ', '\t')).toBe('\tx\r\n\t  y\r\n');
  });
});

describe('indentUnit', () => {
  it('finds the smallest space indent, tabs, or defaults to four spaces', () => {
    expect(indentUnit('def f():\n  if x:\n    y\n')).toBe('  ');
    expect(indentUnit('def f():\n\tpass\n')).toBe('\t');
    expect(indentUnit('x = 1\n')).toBe('    ');
  });
});

describe('blank lines', () => {
  it('counts the blank lines above a line start', () => {
    const src = 'a\n\n\nb\n';
    expect(blankLinesBefore(src, src.indexOf('b'))).toBe(2);
    expect(blankLinesBefore(src, 0)).toBe(0);
  });

  it('removing a statement between gaps keeps the larger gap, not their sum', () => {
    const src = 'a\n\nx = 1\n\n\nb\n';
    const removal = { start: src.indexOf('x'), end: src.indexOf('x') + 6, text: '' };
    expect(applyEdits(src, [withFollowingBlankLines(src, removal)])).toBe('a\n\n\nb\n');
  });
});

describe('splitEdits', () => {
  it('makes inside edits relative, keeps outside ones, and refuses straddling ones', () => {
    const split = splitEdits(
      [
        { start: 12, end: 14, text: 'z' },
        { start: 0, end: 0, text: 'import x\n' },
      ],
      10,
      20,
    );
    expect(split).toEqual({ inside: [{ start: 2, end: 4, text: 'z' }], outside: [{ start: 0, end: 0, text: 'import x\n' }] });
    expect(splitEdits([{ start: 8, end: 12, text: '' }], 10, 20)).toBeNull();
  });
});

describe('mergeInsertions', () => {
  it('joins insertions at one offset, and an insertion with a replacement starting there', () => {
    const merged = mergeInsertions([
      { start: 5, end: 9, text: 'new' },
      { start: 5, end: 5, text: 'helper\n' },
      { start: 0, end: 0, text: 'import a\n' },
      { start: 0, end: 0, text: 'import a\n' },
    ]);
    expect(merged).toEqual([
      { start: 0, end: 0, text: 'import a\n' },
      { start: 5, end: 9, text: 'helper\nnew' },
    ]);
  });
});
