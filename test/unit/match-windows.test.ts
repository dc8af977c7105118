// The whole tree is queried a window of top-level statements at a time (src/engine/engine.ts
// wholeTreeMatches): every file must give the same findings and the same fixed text as with one
// window, also when every top-level statement is a window of its own.
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MATCH_WINDOW, runEngine, setMatchWindow } from '../../src/engine/engine.js';
import { initParser, parse, treeWindows } from '../../src/python/parser.js';
import { transforms } from '../../src/engine/registry.js';
import { DEFAULT_TARGET } from '../../src/common/version.js';
import { snapshotInputs } from '../helpers/snapshots.js';

beforeAll(() => initParser());
afterEach(() => setMatchWindow(MATCH_WINDOW));

function run(text: string, window: number, prefilter: boolean) {
  setMatchWindow(window);
  const r = runEngine(text, { transforms, unsafeFixes: true, target: DEFAULT_TARGET, fix: true, prefilter });
  return { findings: r.findings, fixed: r.fixed, problem: r.problem };
}

describe('query windows', () => {
  it('cut the module between top-level statements, and leave a small module whole', () => {
    const text = 'import asyncio\n\n\ndef a():\n    pass\n\n\n# note\nx = 1\n';
    const tree = parse(text);
    try {
      expect(treeWindows(tree.rootNode, MATCH_WINDOW)).toEqual([{ start: 0, end: undefined }]);
      const starts = [0, text.indexOf('def a'), text.indexOf('# note'), text.indexOf('x = 1')];
      expect(treeWindows(tree.rootNode, 1)).toEqual(starts.map((start, i) => ({ start, end: starts[i + 1] })));
      // At least `size` characters each: `import asyncio` (15) and `def a` (29 to the comment) join at 30.
      expect(treeWindows(tree.rootNode, 30).map((w) => w.start)).toEqual([0, text.indexOf('# note')]);
    } finally {
      tree.delete();
    }
  });

  const inputs = snapshotInputs();
  it.each([true, false])('give every snapshot input the findings and fixes of one window (prefilter %s)', (prefilter) => {
    let cut = 0;
    for (const file of inputs) {
      const text = readFileSync(file, 'utf8');
      const whole = run(text, MATCH_WINDOW, prefilter);
      expect(run(text, 1, prefilter), file).toEqual(whole);
      const tree = parse(text);
      if (whole.findings.length && treeWindows(tree.rootNode, 1).length > 1) cut++;
      tree.delete();
    }
    // Most inputs have findings across several windows: the comparison is not between empty runs.
    expect(cut).toBeGreaterThan(inputs.length / 2);
  });
});
