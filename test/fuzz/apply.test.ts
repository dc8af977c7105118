// Property tests of the edit applier against a plain reference implementation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, applyFixes, conflicts } from '../../src/common/apply.js';
import type { Edit } from '../../src/common/types.js';
import { RUNS, SEED } from './config.js';

/** The obvious implementation: splice non-conflicting edits in from the end. */
function reference(source: string, edits: Edit[]): string {
  let out = source;
  for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

const source = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '\r', '(', ')', '#', 'é', '😀'), maxLength: 60 });

function edit(len: number): fc.Arbitrary<Edit> {
  return fc
    .tuple(fc.nat({ max: len }), fc.nat({ max: len }), fc.string({ unit: fc.constantFrom('x', 'Y', '\n', ' ', 'ß'), maxLength: 4 }))
    .map(([a, b, text]) => ({ start: Math.min(a, b), end: Math.max(a, b), text }));
}

const pairwiseFree = (edits: Edit[]) => edits.every((a, i) => edits.every((b, j) => i === j || !conflicts(a, b)));

const key = (e: Edit) => `${e.start}:${e.end}:${e.text}`;

/** A fix's edits as the applier sees them: repeats dropped, its insertions at one offset joined in order. */
function ownEdits(edits: Edit[]): Edit[] {
  const unique = [...new Map(edits.map((e) => [key(e), e])).values()];
  const out: Edit[] = [];
  const at = new Map<number, Edit>();
  for (const e of unique) {
    const joined = e.start === e.end ? at.get(e.start) : undefined;
    if (joined) joined.text += e.text;
    else {
      const copy = { ...e };
      if (e.start === e.end) at.set(e.start, copy);
      out.push(copy);
    }
  }
  return out;
}

describe('applyEdits (fuzz)', () => {
  it('equals the reference for any set of non-conflicting edits', () => {
    fc.assert(
      fc.property(
        source.chain((s) => fc.tuple(fc.constant(s), fc.array(edit(s.length), { maxLength: 8 }))),
        ([s, raw]) => {
          // Keep a greedy non-conflicting subset: random edits mostly collide.
          const edits: Edit[] = [];
          for (const e of raw) if (edits.every((a) => !conflicts(a, e))) edits.push(e);
          expect(applyEdits(s, edits)).toBe(reference(s, edits));
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('rejects edits outside the text', () => {
    fc.assert(
      fc.property(source, fc.integer({ min: 1, max: 5 }), (s, over) => {
        expect(() => applyEdits(s, [{ start: 0, end: s.length + over, text: '' }])).toThrow(RangeError);
      }),
      { numRuns: Math.min(RUNS, 50), seed: SEED },
    );
  });
});

describe('applyFixes (fuzz)', () => {
  it('applies a conflict-free subset, defers the rest for a reason, and equals the reference', () => {
    fc.assert(
      fc.property(
        source.chain((s) => fc.tuple(fc.constant(s), fc.array(fc.array(edit(s.length), { minLength: 1, maxLength: 3 }), { maxLength: 6 }))),
        ([s, groups]) => {
          const { text, applied, deferred } = applyFixes(
            s,
            groups.map((edits, item) => ({ item, edits })),
          );
          expect([...applied, ...deferred].sort((a, b) => a - b)).toEqual(groups.map((_, i) => i));
          const accepted = new Map<string, Edit>();
          for (const i of applied) for (const e of ownEdits(groups[i] ?? [])) accepted.set(key(e), e);
          const edits = [...accepted.values()];
          expect(pairwiseFree(edits), 'accepted edits never overlap').toBe(true);
          expect(text).toBe(reference(s, edits));
          for (const i of deferred) {
            const own = ownEdits(groups[i] ?? []);
            const fresh = own.filter((e) => !accepted.has(key(e)));
            const justified = !pairwiseFree(fresh) || fresh.some((e) => edits.some((a) => conflicts(a, e)));
            expect(justified, `group ${i} was deferred without a conflict`).toBe(true);
          }
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
