// Finding the fixes that break the user's tests: Zeller's delta debugging (ddmin) over groups of fixes.
// ddmin narrows the failing set of applied groups down to a 1-minimal failing subset (every group in
// it is needed for the failure): the culprit. The culprit is reverted and the rest tried again; while
// it still fails, another culprit is looked for in it. Groups that fail only together make one culprit.
//
// The oracle (`test`) runs the command with exactly the given groups applied; the empty set is the
// baseline and known to pass, the full set the run with every fix and known to fail. Each set is run
// at most once, with one exception against flaky tests: when no part of a failing set fails, that set
// is run once more before ddmin refines further (a spurious failure would otherwise send it through
// every subset of an innocent set, and cost an innocent group). A failure that does not come back is
// reported as flaky, the set counts as passing, and the search starts again from the kept set.
// The candidates of one ddmin step are independent, so up to `jobs` of them run at once, and the
// first failing one in ddmin's own order is taken: the result does not depend on `jobs`.
// When the runs allowed are used up, the search gives up and keeps the largest set that passed as a
// whole (the baseline at least): nothing that was not proven safe is kept.

export interface SearchOptions<T, V extends { readonly pass: boolean }> {
  readonly items: readonly T[];
  /** The verdict of all items applied; it failed. */
  readonly failing: V;
  /** The verdict of exactly `kept` applied; called up to `jobs` times at once. */
  readonly test: (kept: readonly T[]) => Promise<V>;
  /** How many times `test` may be called. */
  readonly maxRuns: number;
  readonly jobs?: number;
  readonly progress?: (event: SearchEvent<T, V>) => void;
}

export type SearchEvent<T, V> =
  | { readonly kind: 'tested'; readonly kept: readonly T[]; readonly verdict: V; readonly runs: number }
  | { readonly kind: 'culprit'; readonly items: readonly T[]; readonly verdict: V }
  | { readonly kind: 'flaky'; readonly items: readonly T[]; readonly verdict: V }
  | { readonly kind: 'gave-up'; readonly runs: number };

export interface Culprit<T, V> {
  readonly items: readonly T[];
  /** The verdict of exactly these items applied. */
  readonly verdict: V;
}

export interface SearchResult<T, V> {
  /** A set that passed as a whole: the items minus the culprits, or on giving up the largest set that passed. */
  readonly kept: readonly T[];
  /** The culprits found, in the order found, each reduced to its items that are not kept. */
  readonly culprits: ReadonlyArray<Culprit<T, V>>;
  readonly gaveUp: boolean;
  /** Failures that did not come back when their set was run again. */
  readonly flaky: readonly V[];
  /** The calls of `test` made. */
  readonly runs: number;
}

class RunsUsedUp extends Error {}

/** A failing set passed when run again. */
class Flaked extends Error {}

export async function findCulprits<T, V extends { readonly pass: boolean }>(opts: SearchOptions<T, V>): Promise<SearchResult<T, V>> {
  const jobs = Math.max(1, Math.floor(opts.jobs ?? 1));
  const all = opts.items.map((_, i) => i);
  const tried = new Map<string, V>([[keyOf(all), opts.failing]]);
  let runs = 0;
  let largestPassing: number[] = [];
  const flaky: V[] = [];
  const itemsOf = (set: readonly number[]) => set.map((i) => opts.items[i] as T);
  const record = (set: readonly number[], verdict: V) => {
    tried.set(keyOf(set), verdict);
    runs++;
    if (verdict.pass && set.length > largestPassing.length) largestPassing = [...set];
    opts.progress?.({ kind: 'tested', kept: itemsOf(set), verdict, runs });
  };

  /** The index of the first failing set in `sets`, running what was not run yet, `jobs` at a time; -1 when all pass. */
  const firstFailing = async (sets: ReadonlyArray<readonly number[]>): Promise<number> => {
    let i = 0;
    while (i < sets.length) {
      const batch: number[] = [];
      let knownFailing = -1;
      let j = i;
      for (; j < sets.length && batch.length < jobs; j++) {
        const known = tried.get(keyOf(sets[j] as number[]));
        if (known === undefined) batch.push(j);
        else if (!known.pass) {
          knownFailing = j;
          break;
        }
      }
      const left = opts.maxRuns - runs;
      if (batch.length > left) {
        if (left === 0) throw new RunsUsedUp();
        batch.length = left;
        knownFailing = -1;
        j = (batch.at(-1) as number) + 1;
      }
      const settled = await Promise.allSettled(batch.map((k) => opts.test(itemsOf(sets[k] as number[]))));
      const rejected = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (rejected) throw rejected.reason;
      let failed = -1;
      batch.forEach((k, b) => {
        const verdict = (settled[b] as PromiseFulfilledResult<V>).value;
        record(sets[k] as number[], verdict);
        if (!verdict.pass && failed < 0) failed = k;
      });
      if (failed >= 0) return failed;
      if (knownFailing >= 0) return knownFailing;
      i = j;
    }
    return -1;
  };

  const confirmed = new Set<string>();
  /** Runs the failing `set` again; throws Flaked when it passes this time. */
  const confirm = async (set: readonly number[]): Promise<void> => {
    const key = keyOf(set);
    if (confirmed.has(key)) return;
    if (runs >= opts.maxRuns) throw new RunsUsedUp();
    const before = tried.get(key) as V;
    const again = await opts.test(itemsOf(set));
    record(set, again);
    confirmed.add(key);
    if (again.pass) {
      flaky.push(before);
      opts.progress?.({ kind: 'flaky', items: itemsOf(set), verdict: before });
      throw new Flaked();
    }
  };

  /** A 1-minimal failing subset of `failingSet` (ddmin with complements). */
  const ddmin = async (failingSet: readonly number[]): Promise<number[]> => {
    let c = [...failingSet];
    let n = 2;
    while (c.length >= 2) {
      const parts = split(c, n);
      // With two parts, each complement is the other part.
      const complements = n > 2 ? parts.map((p) => c.filter((i) => !p.includes(i))) : [];
      const k = await firstFailing([...parts, ...complements]);
      if (k >= 0 && k < parts.length) {
        c = parts[k] as number[];
        n = 2;
      } else if (k >= parts.length) {
        c = complements[k - parts.length] as number[];
        n = Math.max(n - 1, 2);
      } else if (n < c.length) {
        await confirm(c);
        n = Math.min(c.length, 2 * n);
      } else break;
    }
    return c;
  };

  const culprits: Array<Culprit<T, V>> = [];
  const found: number[][] = [];
  let kept = all;
  try {
    for (;;) {
      let culprit: number[];
      try {
        culprit = await ddmin(kept);
      } catch (err) {
        if (!(err instanceof Flaked)) throw err;
        if ((tried.get(keyOf(kept)) as V).pass) break;
        continue;
      }
      const verdict = tried.get(keyOf(culprit)) as V;
      found.push(culprit);
      culprits.push({ items: itemsOf(culprit), verdict });
      opts.progress?.({ kind: 'culprit', items: itemsOf(culprit), verdict });
      kept = kept.filter((i) => !culprit.includes(i));
      if (kept.length === 0 || (await firstFailing([kept])) < 0) break;
    }
    return { kept: itemsOf(kept), culprits, gaveUp: false, flaky, runs };
  } catch (err) {
    if (!(err instanceof RunsUsedUp)) throw err;
    opts.progress?.({ kind: 'gave-up', runs });
    const keep = new Set(largestPassing);
    const reduced = found.map((c, n) => ({ items: itemsOf(c.filter((i) => !keep.has(i))), verdict: (culprits[n] as Culprit<T, V>).verdict })).filter((c) => c.items.length > 0);
    return { kept: itemsOf(largestPassing.sort((a, b) => a - b)), culprits: reduced, gaveUp: true, flaky, runs };
  }
}

/** `set` cut into `n` parts of near-equal size, in order. */
function split(set: readonly number[], n: number): number[][] {
  const parts: number[][] = [];
  let start = 0;
  for (let p = 0; p < n; p++) {
    const end = start + Math.floor((set.length - start) / (n - p));
    parts.push(set.slice(start, end));
    start = end;
  }
  return parts.filter((p) => p.length > 0);
}

function keyOf(set: readonly number[]): string {
  return [...set].sort((a, b) => a - b).join(',');
}
