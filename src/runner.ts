// Schedules files onto workers and streams plain results back in discovery order; never throws for
// one bad file. Small runs stay on the main thread: starting threads costs more than it saves there.
// When test-suite rules (LM2xx) are on, a project pre-pass gathers the read-only facts they need and
// yields the project edits (pytest config changes) as results of their own (src/pytest/facts.ts).
// The pool starts as soon as the run is big enough and gets paths while discovery goes on; the
// pre-pass runs once every path is known, and only the files a test-suite rule may concern wait for
// its facts in the threads.
import { statSync } from 'node:fs';
import { WorkerPool, claimedResult, internalErrorResult } from './pool.js';
import type { DirectoryListing } from './discover.js';
import type { FileResult } from './types.js';
import { processFile, type WorkerOptions } from './worker.js';
import { gatherProjectFacts, needsProjectFacts, type ProjectFacts } from './pytest/facts.js';
import { planProjectEdits } from './pytest/project-edits.js';
import { baselineWasm } from './v8-tuning.js';

export interface RunOptions extends WorkerOptions {
  /** Worker threads; 1 processes everything on the main thread. */
  jobs: number;
  /** For a part of a run (--shard): all files, for the project facts, and which project edits are this part's. */
  project?: { files: readonly string[]; owns: (path: string) => boolean };
  /** What discovery saw of the directories (spares the config search a stat per directory and name). */
  listing?: DirectoryListing;
}

/** Below this many files the pool is not worth starting. */
const POOL_THRESHOLD = 64;
/** Paths per message to the threads while discovery goes on. */
const CHUNK = 256;

export async function* runFiles(files: Iterable<string>, options: RunOptions): AsyncGenerator<FileResult> {
  const needsFacts = options.transforms.some(needsProjectFacts);
  const iterator = files[Symbol.iterator]();
  const head: string[] = [];
  let exhausted = false;
  while (head.length < POOL_THRESHOLD) {
    const next = iterator.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    head.push(next.value);
  }
  const rest: Iterable<string> = { [Symbol.iterator]: () => iterator };
  if (exhausted || options.jobs <= 1) {
    // A small run (pre-commit, an editor) keeps the wasm in V8's baseline compiler (src/v8-tuning.ts).
    if (exhausted) baselineWasm(() => totalSize(head));
    const all = exhausted ? head : [...head, ...rest];
    let opts: WorkerOptions = options;
    if (needsFacts) {
      const facts = await gatherProjectFacts(options.project?.files ?? all, options.listing);
      const edits = projectEdits(facts, options);
      opts = { ...options, facts };
      yield* edits;
    }
    for (const file of all) yield await runLocal(file, opts);
    return;
  }
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
  });
  try {
    // The threads work on the first paths while discovery goes on; the pre-pass needs all of them.
    const all: string[] | undefined = needsFacts ? [] : undefined;
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
    let opts: WorkerOptions = options;
    if (all) {
      const facts = await gatherProjectFacts(options.project?.files ?? all, options.listing);
      // Planning the config edits records in the facts what they leave, which the threads need.
      const edits = projectEdits(facts, options);
      pool.setFacts(facts);
      opts = { ...options, facts };
      yield* edits;
    }
    yield* pool.results(async (file) => claimedResult(await runLocal(file, opts)));
  } finally {
    await pool.close();
  }
}

/** The config edits planned from the facts (this part's, under --shard); also completes `facts.planned`. */
function projectEdits(facts: ProjectFacts, options: RunOptions): FileResult[] {
  const owns = options.project?.owns ?? (() => true);
  return planProjectEdits(facts, options.transforms, { unsafeFixes: options.settings.unsafeFixes, fix: options.fix }).filter((r) => owns(r.path));
}

async function runLocal(file: string, opts: WorkerOptions): Promise<FileResult> {
  try {
    return await processFile(file, opts);
  } catch (err) {
    return internalErrorResult(file, err);
  }
}

function* chain<T>(a: T[], b: Iterable<T>): Generator<T> {
  yield* a;
  yield* b;
}

/** Bytes in these files as they are now (a file that cannot be stat'ed counts 0: it will not be parsed). */
function totalSize(files: readonly string[]): number {
  let total = 0;
  for (const f of files) {
    try {
      total += statSync(f).size;
    } catch {
      // Reported when it is read.
    }
  }
  return total;
}
