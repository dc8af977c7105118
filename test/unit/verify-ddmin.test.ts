// The culprit search of --verify (src/verify/ddmin.ts) against synthetic oracles: which groups it
// reverts, how many runs it spends, that it gives up at the cap keeping only what passed as a whole,
// and that running candidates in parallel does not change the answer.
import { describe, expect, it } from 'vitest';
import { findCulprits, type SearchOptions } from '../../src/verify/ddmin.js';

interface V {
  readonly pass: boolean;
  readonly why?: string;
}

const ITEMS = Array.from({ length: 20 }, (_, i) => i);

/** Fails when every item of one of `culprits` is kept; records each set it was asked about. */
function oracle(culprits: number[][], opts: { delay?: (kept: readonly number[]) => number } = {}) {
  const asked: number[][] = [];
  let running = 0;
  let maxRunning = 0;
  const fails = (kept: readonly number[]) => culprits.some((c) => c.every((i) => kept.includes(i)));
  const test = async (kept: readonly number[]): Promise<V> => {
    asked.push([...kept]);
    running++;
    maxRunning = Math.max(maxRunning, running);
    await new Promise((r) => setTimeout(r, opts.delay?.(kept) ?? 0));
    running--;
    return fails(kept) ? { pass: false, why: 'exit status 1' } : { pass: true };
  };
  return { test, asked, fails, maxRunning: () => maxRunning };
}

function search(test: SearchOptions<number, V>['test'], extra: Partial<SearchOptions<number, V>> = {}) {
  return findCulprits<number, V>({ items: ITEMS, failing: { pass: false, why: 'exit status 1' }, test, maxRuns: 38, ...extra });
}

/** Each set is run once, or twice when it failed (to tell a flaky failure); the baseline never. */
function expectNoWastedRuns(asked: number[][], fails: (kept: readonly number[]) => boolean): void {
  const times = new Map<string, number>();
  for (const s of asked) {
    const key = [...s].sort((a, b) => a - b).join(',');
    times.set(key, (times.get(key) ?? 0) + 1);
    expect(s.length).toBeGreaterThan(0);
  }
  for (const [key, n] of times) {
    const set = key.split(',').map(Number);
    expect(n).toBeLessThanOrEqual(fails(set) ? 2 : 1);
  }
}

describe('the culprit search', () => {
  it('finds one culprit among 20 in a handful of runs and keeps the other 19', async () => {
    const o = oracle([[13]]);
    const result = await search(o.test);
    expect(result.culprits.map((c) => c.items)).toEqual([[13]]);
    expect(result.kept).toEqual(ITEMS.filter((i) => i !== 13));
    expect(result.gaveUp).toBe(false);
    expect(result.runs).toBe(o.asked.length);
    expect(result.runs).toBeLessThanOrEqual(12);
    expectNoWastedRuns(o.asked, o.fails);
  });

  it('reverts two groups that fail only together as one culprit', async () => {
    const o = oracle([[3, 16]]);
    const result = await search(o.test);
    expect(result.culprits).toHaveLength(1);
    expect(result.culprits[0]?.items).toEqual([3, 16]);
    expect(result.culprits[0]?.verdict.pass).toBe(false);
    expect(result.kept).toEqual(ITEMS.filter((i) => i !== 3 && i !== 16));
    expectNoWastedRuns(o.asked, o.fails);
  });

  it('finds two independent culprits one after the other and confirms the kept set', async () => {
    const o = oracle([[4], [15]]);
    const result = await search(o.test);
    expect(result.culprits.map((c) => c.items)).toEqual([[4], [15]]);
    expect(result.kept).toEqual(ITEMS.filter((i) => i !== 4 && i !== 15));
    // The last question asked was the kept set, and it passed.
    expect(o.asked.at(-1)).toEqual(result.kept);
    expect(o.fails(result.kept)).toBe(false);
    expectNoWastedRuns(o.asked, o.fails);
  });

  it('runs a failing set again before refining it, so that a flaky failure costs no innocent group', async () => {
    // The first run that keeps group 2 without the culprit fails anyway (a flaky test).
    let flaked = false;
    const o = oracle([[17]]);
    const flaky = async (kept: readonly number[]): Promise<V> => {
      const v = await o.test(kept);
      if (v.pass && kept.includes(2) && !flaked) {
        flaked = true;
        return { pass: false, why: 'flaky' };
      }
      return v;
    };
    const result = await search(flaky);
    expect(flaked).toBe(true);
    expect(result.culprits.map((c) => c.items)).toEqual([[17]]);
    expect(result.kept).toEqual(ITEMS.filter((i) => i !== 17));
    expect(result.flaky.map((v) => v.why)).toEqual(['flaky']);
    expect(result.gaveUp).toBe(false);
    expect(result.runs).toBeLessThanOrEqual(16);
  });

  it('reverts a group whose runs time out, and keeps the rest', async () => {
    // A fix that makes the command hang: the run is killed and fails with the timeout as its reason.
    const o = oracle([]);
    const test = async (kept: readonly number[]): Promise<V> => (kept.includes(8) ? { pass: false, why: 'timed out after 1 s' } : o.test(kept));
    const result = await search(test);
    expect(result.culprits).toEqual([{ items: [8], verdict: { pass: false, why: 'timed out after 1 s' } }]);
    expect(result.kept).toEqual(ITEMS.filter((i) => i !== 8));
  });

  it('gives up at the cap and keeps only the largest set that passed as a whole', async () => {
    const o = oracle([[6], [12]]);
    const result = await search(o.test, { maxRuns: 5 });
    expect(result.gaveUp).toBe(true);
    expect(result.runs).toBe(5);
    expect(o.asked).toHaveLength(5);
    const passed = o.asked.filter((s) => !o.fails(s));
    const largest = passed.reduce<number[]>((a, b) => (b.length > a.length ? b : a), []);
    expect(largest.length).toBeGreaterThan(0);
    expect(result.kept).toEqual(largest);
    for (const c of result.culprits) for (const i of c.items) expect(result.kept).not.toContain(i);
  });

  it('keeps nothing when no run is allowed', async () => {
    const o = oracle([[6]]);
    const result = await search(o.test, { maxRuns: 0 });
    expect(result).toMatchObject({ kept: [], culprits: [], gaveUp: true, runs: 0 });
    expect(o.asked).toHaveLength(0);
  });

  it('gives the same answer with four jobs as with one, running candidates at once', async () => {
    // Delays that make later candidates finish first: the answer must follow ddmin's order, not the clock.
    const delay = (kept: readonly number[]) => 40 - 2 * Math.min(...kept, 19);
    const one = oracle([[5, 9], [14]], { delay });
    const four = oracle([[5, 9], [14]], { delay });
    const sequential = await search(one.test);
    const parallel = await search(four.test, { jobs: 4 });
    expect(parallel.kept).toEqual(sequential.kept);
    expect(parallel.culprits.map((c) => c.items)).toEqual(sequential.culprits.map((c) => c.items));
    expect(sequential.culprits.map((c) => c.items)).toEqual([[5, 9], [14]]);
    expect(one.maxRunning()).toBe(1);
    expect(four.maxRunning()).toBeGreaterThan(1);
    expect(four.maxRunning()).toBeLessThanOrEqual(4);
  });

  it('stops on an error from the oracle once the runs in flight have ended', async () => {
    let inFlight = 0;
    let settledAfterError = false;
    const test = async (kept: readonly number[]): Promise<V> => {
      inFlight++;
      if (kept.includes(0)) {
        inFlight--;
        throw new Error('interrupted');
      }
      await new Promise((r) => setTimeout(r, 30));
      inFlight--;
      settledAfterError = inFlight === 0;
      return { pass: true };
    };
    await expect(search(test, { jobs: 2 })).rejects.toThrow('interrupted');
    expect(settledAfterError).toBe(true);
  });
});
