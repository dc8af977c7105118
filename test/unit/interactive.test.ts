// --interactive's decisions with synthetic overlapping rules: an accepted fix that the engine defers to a
// later pass (it overlaps another accepted fix) is still applied, and a declined one never is.
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runEngine } from '../../src/engine/engine.js';
import { initParser } from '../../src/python/parser.js';
import { InteractiveReview } from '../../src/review/interactive.js';
import { rangeMapper } from '../../src/review/offsets.js';
import { Prompter } from '../../src/review/prompt.js';
import { defineTransform, type Transform } from '../../src/rule-api/transform.js';
import type { FileResult, Settings } from '../../src/common/types.js';

const base = { summary: 'test', docs: '', minPython: '3.7', fixAvailability: 'always' as const, about: { words: ['old'] } };

/** LM901: `old(...)` → `new(...)` (edits the name only). */
const rename: Transform = defineTransform({
  ...base,
  code: 'LM901',
  name: 'rename',
  query: '(call function: (identifier) @fn) @call',
  captures: ['fn', 'call'],
  check(match, ctx) {
    const fn = ctx.capture(match, 'fn');
    const call = ctx.capture(match, 'call');
    if (!fn || !call || fn.text !== 'old') return null;
    return ctx.finding({ node: call, message: 'rename', fix: { safety: 'safe', edits: [{ start: fn.startIndex, end: fn.endIndex, text: 'new' }] } });
  },
});

/** LM902: `x = old(a)` → `x = wrap(old(a, loop=None))` (rewrites the whole statement around LM901's edit). */
const wrap: Transform = defineTransform({
  ...base,
  code: 'LM902',
  name: 'wrap',
  query: '(assignment left: (identifier) @left right: (call function: (identifier) @fn arguments: (argument_list) @args)) @assign',
  captures: ['left', 'fn', 'args', 'assign'],
  check(match, ctx) {
    const [left, fn, args, assign] = ['left', 'fn', 'args', 'assign'].map((n) => ctx.capture(match, n));
    if (!left || !fn || !args || !assign || fn.text !== 'old' || args.text.includes('loop')) return null;
    const text = `${left.text} = wrap(old(${args.text.slice(1, -1)}, loop=None))`;
    return ctx.finding({ node: assign, message: 'wrap', fix: { safety: 'safe', edits: [{ start: assign.startIndex, end: assign.endIndex, text }] } });
  },
});

const SOURCE = 'x = old(1)\ny = old(2)\n';
const settings: Settings = { select: [], ignore: [], unsafeFixes: false, targetVersion: 'py312' };

function fileResult(): FileResult {
  const r = runEngine(SOURCE, { transforms: [rename, wrap], unsafeFixes: false, target: [3, 12], fix: true });
  return { path: 'mod.py', findings: r.findings, warnings: [], original: SOURCE, fixed: r.fixed, originalBytes: Buffer.from(SOURCE), fixedBytes: Buffer.from(r.fixed ?? '') };
}

async function review(answers: string[]): Promise<{ text: string | undefined; shown: string }> {
  const input = new PassThrough();
  input.end(answers.map((a) => `${a}\n`).join(''));
  const output = new PassThrough();
  let shown = '';
  const prompter = new Prompter(input, output);
  const reviewer = new InteractiveReview([rename, wrap], settings, prompter, (s) => (shown += s), false);
  const outcome = await reviewer.review(fileResult(), 'mod.py');
  prompter.close();
  return { text: outcome.text, shown };
}

beforeAll(async () => {
  await initParser();
});

describe('interactive decisions across passes', () => {
  it('the two rules overlap: the full run applies the wrap first and the rename in the next pass', () => {
    expect(fileResult().fixed).toBe('x = wrap(new(1, loop=None))\ny = wrap(new(2, loop=None))\n');
  });

  it('accepting everything equals the full run, although the renames were deferred and their text changed', async () => {
    const r = await review(['y', 'y', 'y', 'y']);
    expect(r.text).toBe(fileResult().fixed);
  });

  it('a declined fix stays unapplied in later passes; an accepted deferred one is applied', async () => {
    // Findings come in position order: x's wrap, x's rename, y's wrap, y's rename.
    const r = await review(['y', 'n', 'n', 'y']);
    expect(r.text).toBe('x = wrap(old(1, loop=None))\ny = new(2)\n');
    expect(r.shown.match(/^mod\.py:\d+:\d+: LM90[12]/gm)).toHaveLength(4);
  });
});

describe('rangeMapper', () => {
  it('carries ranges through insertions, replacements and deletions', () => {
    const map = rangeMapper('x = old(1)', 'x = wrap(old(1, loop=None))');
    expect(map?.({ start: 4, end: 10 })).toEqual({ start: 9, end: 26 });
    expect(map?.({ start: 0, end: 10 })).toEqual({ start: 0, end: 26 });
    const renamed = rangeMapper('x = old(1)', 'x = new(1)');
    expect(renamed?.({ start: 4, end: 10 })).toEqual({ start: 4, end: 10 });
    expect(renamed?.({ start: 10, end: 10 })).toEqual({ start: 10, end: 10 });
    const shorter = rangeMapper('import a\nx = old(1)', 'x = old(1)');
    expect(shorter?.({ start: 13, end: 19 })).toEqual({ start: 4, end: 10 });
  });
});
