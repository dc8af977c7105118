// The review page highlights only the lines its hunks show (src/output/highlight.ts): each line must
// come out as it does when the whole file is highlighted.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { highlightLines } from '../../src/output/highlight.js';
import { initParser } from '../../src/python/parser.js';
import { snapshotInputs } from '../helpers/snapshots.js';

beforeAll(() => initParser());

describe('highlightLines with line ranges', () => {
  it('gives the lines asked for as the whole file does, and no others', () => {
    let compared = 0;
    for (const file of snapshotInputs()) {
      const text = readFileSync(file, 'utf8');
      const whole = highlightLines(text);
      const n = whole.length;
      // Every line alone, and ranges that start and end inside multi-line strings and comments.
      const ranges: Array<[number, number]> = [];
      for (let line = 1; line <= n; line++) ranges.push([line, line]);
      for (let line = 1; line <= n; line += 3) ranges.push([line, Math.min(n, line + 4)]);
      for (const [a, b] of ranges) {
        const part = highlightLines(text, [[a, b]]);
        expect(part.slice(a - 1, b), `${file}:${a}-${b}`).toEqual(whole.slice(a - 1, b));
        expect(Object.keys(part).length, `${file}:${a}-${b}`).toBe(b - a + 1);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('splits lines at LF and CRLF only, and takes ranges in any order, overlapping or past the end', () => {
    const text = 's = """a\r\nb"""\rx = 1\r\n# c\n';
    const whole = highlightLines(text);
    expect(whole).toEqual(['s = <span class="s">"""a</span>', '<span class="s">b"""</span>\rx = <span class="n">1</span>', '<span class="c"># c</span>']);
    const part = highlightLines(text, [
      [3, 9],
      [2, 2],
      [2, 3],
    ]);
    expect([part[0], part[1], part[2]]).toEqual([undefined, whole[1], whole[2]]);
    expect(highlightLines('', [[1, 1]])).toEqual(['']);
  });
});
