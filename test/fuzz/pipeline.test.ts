// Whole-pipeline fuzzing: real Python files (fixtures, stdlib asyncio code) with lines deleted,
// duplicated and swapped. Failing inputs found by `npm run fuzz` are saved to test/fuzz/regressions/
// and replayed here on every run.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LONG, RUNS, SEED } from './config.js';
import { exercised, pipelineViolation, replayTarget, seedFiles } from './pipeline.js';

const regressions = path.resolve(import.meta.dirname, 'regressions');
const TARGETS = [
  [3, 8],
  [3, 10],
  [3, 11],
  [3, 12],
  [3, 14],
] as const;

type Op = { kind: 'delete'; at: number } | { kind: 'duplicate'; at: number } | { kind: 'swap'; at: number; with: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
);

function mutate(text: string, ops: Op[]): string {
  const lines = text.split(/(?<=\n)/);
  for (const o of ops) {
    if (lines.length === 0) break;
    const i = o.at % lines.length;
    if (o.kind === 'delete') lines.splice(i, 1);
    else if (o.kind === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
    else {
      const j = o.with % lines.length;
      [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
    }
  }
  return lines.join('');
}

describe('pipeline (fuzz)', () => {
  const seeds = seedFiles(LONG ? 400 : 40);

  it('has seed files', () => {
    expect(seeds.length).toBeGreaterThan(0);
  });

  it('never crashes, never parses worse, always idempotent on mutated real files', async () => {
    const arb = fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(op, { minLength: 1, maxLength: 6 }), fc.nat({ max: TARGETS.length - 1 }));
    const result = await fc.check(
      fc.asyncProperty(arb, async ([s, ops, t]) => {
        const seed = seeds[s];
        const target = TARGETS[t] ?? [3, 12];
        return seed ? (await pipelineViolation(mutate(seed.text, ops), target)) === null : true;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    if (!result.failed || !result.counterexample) {
      console.log(`pipeline fuzz: ${exercised.runs} inputs checked, ${exercised.fixed} got fixes, ${seeds.length} seed files`);
      expect(exercised.fixed, `only ${exercised.fixed} of ${exercised.runs} mutated files got fixes`).toBeGreaterThan(exercised.runs / 10);
      return;
    }
    const [s, ops, t] = result.counterexample[0];
    const seed = seeds[s];
    const target = TARGETS[t] ?? [3, 12];
    const text = `# fuzz: --target-version py3${target[1]}\n${mutate(seed?.text ?? '', ops)}`;
    const why = await pipelineViolation(text, target);
    const name = `${createHash('sha256').update(text).digest('hex').slice(0, 12)}.py`;
    if (LONG) writeFileSync(path.join(regressions, name), text);
    expect.fail(
      `${why ?? 'property failed'}\nseed file ${seed?.name}, ops ${JSON.stringify(ops)}, fast-check seed ${result.seed}${LONG ? `\nsaved as test/fuzz/regressions/${name}` : ''}\n--- input ---\n${text}`,
    );
  }, 600_000);

  const saved = readdirSync(regressions)
    .filter((f) => f.endsWith('.py'))
    .sort();
  for (const f of saved) {
    it(`regression ${f}`, async () => {
      const text = readFileSync(path.join(regressions, f), 'utf8');
      expect(await pipelineViolation(text, replayTarget(text))).toBeNull();
    });
  }
});
