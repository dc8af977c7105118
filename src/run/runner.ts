// Schedules files onto workers and streams plain results back in discovery order; never throws for
// one bad file. Small runs stay on the main thread: starting threads costs more than it saves there.
// When a rule reads the project facts (its `needs`), a project pre-pass gathers them read-only and
// yields the project edits the rules plan (pytest config changes) as results of their own
// (src/pytest/facts.ts, src/pytest/project-edits.ts).
// The pool starts as soon as the run is big enough and gets paths while discovery goes on; the
// pre-pass runs once every path is known, and only the files a test-suite rule may concern wait for
// its facts in the threads. Before anything is compiled, the run's wasm tier is settled or left to be
// chosen as it scans (src/run/wasm-tier.ts).
import { statSync } from 'node:fs';
import { WorkerPool, claimedResult, internalErrorResult, undeferred } from './pool/pool.js';
import type { DirectoryListing } from '../discover/discover.js';
import type { FileResult } from '../common/types.js';
import { DEFERRED, processFile, type Deferred, type WorkerOptions } from '../file/worker.js';
import { fileFacts, gatherProjectFacts, type RunScope } from '../pytest/facts.js';
import type { ProjectScope } from './project-scope.js';
import { needs } from '../rule-api/transform.js';
import { type ProjectFacts } from '../common/facts.js';
import { planProjectEdits } from '../pytest/project-edits.js';
import { baselineWasm, canChooseBaselineWasm, DEFERRED_MAX_BYTES, DEFERRED_MAX_BYTES_ONE_THREAD, DEFERRING_MAX_FILES, tierShared, useBaselineWasm, WasmTier } from './wasm-tier.js';

export interface RunOptions extends WorkerOptions {
  /** Worker threads; 1 processes everything on the main thread. */
  jobs: number;
  /**
   * The project the run's files belong to (src/run/project-scope.ts): the project facts come from all
   * of its files, and config edits outside the paths given wait for --edit-config. For a part of a run
   * (--shard): `named`, every file of the paths given (all parts'), and `owns`, which project edits are
   * this part's.
   */
  project?: { scope?: ProjectScope; named?: readonly string[]; owns?: (path: string) => boolean };
  /** What discovery saw of the directories (spares the config search a stat per directory and name). */
  listing?: DirectoryListing;
}

/** Below this many files the pool is not worth starting. */
const POOL_THRESHOLD = 64;
/** At most this many files are stat'ed to tell whether a run is small enough for baseline-only wasm. */
const SIZED_FILES = 2048;
/** Paths per message to the threads while discovery goes on. */
const CHUNK = 256;

export async function* runFiles(files: Iterable<string>, options: RunOptions): AsyncGenerator<FileResult> {
  const needsFacts = options.transforms.some((t) => needs(t, 'project-facts'));
  // Rules that read the loop facts need the pre-pass too, but no file waits for it (see recheck()).
  const loopFacts = options.transforms.some((t) => needs(t, 'loop-facts'));
  const pluginFixtures = options.transforms.some((t) => needs(t, 'plugin-fixtures'));
  const gather = (all: readonly string[]) => {
    const named = options.project?.named ?? all;
    const scope = options.project?.scope;
    const runScope = scope ? { processed: new Set(named), mayEdit: scope.mayEdit } : undefined;
    return gatherProjectFacts(scope ? scope.files(named) : named, options.listing, loopFacts, pluginFixtures, runScope, options.limits).then((facts) => ({ facts, runScope }));
  };
  const iterator = files[Symbol.iterator]();
  const head: string[] = [];
  let exhausted = false;
  const pull = (): boolean => {
    const next = iterator.next();
    if (next.done) exhausted = true;
    else head.push(next.value);
    return !exhausted;
  };
  while (head.length < POOL_THRESHOLD && pull());
  const small = exhausted;
  // A run of few bytes keeps the wasm in V8's baseline compiler (src/run/wasm-tier.ts), pooled or not: the
  // sizes are summed until they pass the limit, taking further paths from discovery as needed (up to
  // SIZED_FILES of them: a stat costs ~4 µs, and a run of more files is not taken for a small one).
  const baseline = baselineWasm((limit) => {
    let total = 0;
    for (let i = 0; total <= limit && (i < head.length || pull()); i++) {
      if (i === SIZED_FILES) return Infinity;
      total += sizeOf(head[i] as string);
    }
    return total;
  });
  // A larger run chooses from the bytes it parses: files that need parsing wait until the scan knows
  // whether they pass the limit.
  const choose = !baseline && canChooseBaselineWasm();
  const rest: Iterable<string> = { [Symbol.iterator]: () => iterator };
  if (small || options.jobs <= 1) {
    const all = exhausted ? head : [...head, ...rest];
    let opts: WorkerOptions = options;
    if (needsFacts || loopFacts) {
      const { facts, runScope } = await gather(all);
      const edits = projectEdits(facts, options, runScope);
      opts = { ...options, facts };
      yield* edits;
    }
    yield* inOrder(all, opts, choose && all.length < DEFERRING_MAX_FILES ? scanningTier(DEFERRED_MAX_BYTES_ONE_THREAD) : undefined);
    return;
  }
  const tier = choose ? scanningTier(DEFERRED_MAX_BYTES) : undefined;
  const pool = new WorkerPool({
    // The main thread is one of the `jobs`: it claims files too once the paths are all out.
    size: options.jobs - 1,
    settings: options.settings,
    codes: options.transforms.map((t) => t.code),
    fix: options.fix,
    prefilter: options.prefilter,
    keepSource: options.keepSource,
    limits: options.limits,
    factsPending: needsFacts,
    tier,
  });
  try {
    // The threads work on the first paths while discovery goes on; the pre-pass needs all of them.
    const all: string[] | undefined = needsFacts || loopFacts ? [] : undefined;
    let chunk: string[] = [];
    for (const file of chain(head, rest)) {
      all?.push(file);
      chunk.push(file);
      if (chunk.length === CHUNK) {
        pool.add(chunk);
        chunk = [];
      }
    }
    pool.add(chunk);
    pool.end();
    let opts: WorkerOptions = { ...options, tier, claimed: () => pool.claimed() };
    if (all) {
      const { facts, runScope } = await gather(all);
      // Planning the config edits records in the facts what they leave, which the threads need.
      const edits = projectEdits(facts, options, runScope);
      pool.setFacts(facts);
      opts = { ...opts, facts };
      yield* edits;
    }
    const withFacts = opts;
    for await (const result of pool.results(async (file, index) => claimedResult(await runLocal(file, withFacts, index)))) yield await recheck(result, withFacts);
  } finally {
    await pool.close();
  }
}

/**
 * A file done before the loop facts were known, by a rule that asked for them: done again with the
 * facts when they show a loop set in another file (otherwise the answer it got, none, was right).
 */
export async function recheck(result: FileResult, opts: WorkerOptions): Promise<FileResult> {
  if (!result.loopFactsUnknown || !opts.facts) return result;
  if (!fileFacts(opts.facts, result.path).loopSetElsewhere) return { ...result, loopFactsUnknown: undefined };
  const again = await runLocal(result.path, { ...opts, tier: undefined });
  return again === DEFERRED ? result : again;
}

/** The config edits planned from the facts (this part's, under --shard); also completes `facts.planned`. */
function projectEdits(facts: ProjectFacts, options: RunOptions, scope: RunScope | undefined): FileResult[] {
  const owns = options.project?.owns ?? (() => true);
  return planProjectEdits(facts, options.transforms, { unsafeFixes: options.settings.unsafeFixes, fix: options.fix }, scope).filter((r) => owns(r.path));
}

async function runLocal(file: string, opts: WorkerOptions, index?: number): Promise<FileResult | Deferred> {
  try {
    return await processFile(file, opts, index);
  } catch (err) {
    return internalErrorResult(file, err);
  }
}

/**
 * The files on this thread, results in order. While the wasm tier is being chosen (`tier`), the
 * results from the first deferred file on wait until it is: past the limit of deferred bytes, or
 * after the last file.
 */
async function* inOrder(files: readonly string[], options: WorkerOptions, tier?: WasmTier): AsyncGenerator<FileResult> {
  let done = 0;
  const opts = tier ? { ...options, tier, claimed: () => done / files.length } : options;
  const waiting: (FileResult | Deferred)[] = [];
  let first = 0;
  const settle = async function* (): AsyncGenerator<FileResult> {
    for (const [k, r] of waiting.entries()) yield r === DEFERRED ? await parsedNow(files[first + k] as string, opts) : r;
    waiting.length = 0;
  };
  for (const [i, file] of files.entries()) {
    done = i + 1;
    const result = await runLocal(file, opts, i);
    if (waiting.length === 0 && result !== DEFERRED) {
      yield result;
      continue;
    }
    if (waiting.length === 0) first = i;
    waiting.push(result);
    if (tier?.decided()) yield* settle();
  }
  if (tier) {
    tier.finishScanning();
    tier.chooseBaseline(() => useBaselineWasm());
  }
  yield* settle();
}

/**
 * The wasm tier to choose as the run scans, with the main thread joined: it scans files from the start
 * (pooled, it claims files too once the paths are out).
 */
function scanningTier(limitBytes: number): WasmTier {
  const tier = new WasmTier(tierShared(limitBytes));
  tier.join();
  return tier;
}

/** A deferred file, processed once the tier is chosen. */
async function parsedNow(file: string, opts: WorkerOptions): Promise<FileResult> {
  return undeferred(file, await runLocal(file, opts));
}

function* chain<T>(a: T[], b: Iterable<T>): Generator<T> {
  yield* a;
  yield* b;
}

/** The size of a file as it is now (one that cannot be stat'ed counts 0: it will not be parsed). */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    // Reported when it is read.
    return 0;
  }
}
