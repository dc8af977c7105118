// Schedules files onto workers and streams plain results back in discovery order; never throws for
// one bad file. Small runs stay on the main thread: starting threads costs more than it saves there.
// When test-suite rules (LM2xx) are on, a project pre-pass first gathers the read-only facts they need
// and yields the project edits (pytest config changes) as results of their own (src/pytest/facts.ts).
import { initParser } from './parser.js';
import { WorkerPool, internalErrorResult, type BatchResponse } from './pool.js';
import { compileTriggers } from './prefilter.js';
import type { FileResult } from './types.js';
import { processFile, type WorkerOptions } from './worker.js';
import { gatherProjectFacts } from './pytest/facts.js';
import { planProjectEdits } from './pytest/project-edits.js';

export interface RunOptions extends WorkerOptions {
  /** Worker threads; 1 processes everything on the main thread. */
  jobs: number;
  /** When false, every file is decoded and parsed (the prefilter is a pure optimisation). */
  prefilter: boolean;
  /** For a part of a run (--shard): all files, for the project facts, and which project edits are this part's. */
  project?: { files: readonly string[]; owns: (path: string) => boolean };
}

const BATCH = 32;
/** Below this many files the pool is not worth starting. */
const POOL_THRESHOLD = 2 * BATCH;

export async function* runFiles(files: Iterable<string>, options: RunOptions): AsyncGenerator<FileResult> {
  let opts = options;
  if (opts.transforms.some((t) => t.code.startsWith('LM2'))) {
    const all = [...files];
    files = all;
    await initParser();
    const facts = gatherProjectFacts(opts.project?.files ?? all);
    opts = { ...opts, facts };
    const owns = opts.project?.owns ?? (() => true);
    for (const r of planProjectEdits(facts, opts.transforms, { unsafeFixes: opts.settings.unsafeFixes, fix: opts.fix })) if (owns(r.path)) yield r;
  }
  const scanner = opts.prefilter ? compileTriggers(opts.transforms.flatMap((t) => t.triggers)) : undefined;
  const local: WorkerOptions = { ...opts, scanner };
  const iterator = files[Symbol.iterator]();
  const head: string[] = [];
  let exhausted = false;
  if (opts.jobs > 1) {
    while (head.length < POOL_THRESHOLD) {
      const next = iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      head.push(next.value);
    }
  }
  if (opts.jobs <= 1 || exhausted) {
    await initParser();
    const rest: Iterable<string> = { [Symbol.iterator]: () => iterator };
    for (const file of exhausted ? head : chain(head, rest)) yield runLocal(file, local);
    return;
  }
  yield* runPooled(chain(head, { [Symbol.iterator]: () => iterator }), opts);
}

function runLocal(file: string, opts: WorkerOptions): FileResult {
  try {
    return processFile(file, opts);
  } catch (err) {
    return internalErrorResult(file, err);
  }
}

function* chain<T>(a: T[], b: Iterable<T>): Generator<T> {
  yield* a;
  yield* b;
}

async function* runPooled(files: Iterable<string>, opts: RunOptions): AsyncGenerator<FileResult> {
  const pool = new WorkerPool({
    size: opts.jobs,
    settings: opts.settings,
    codes: opts.transforms.map((t) => t.code),
    fix: opts.fix,
    prefilter: opts.prefilter,
    limits: opts.limits,
    facts: opts.facts,
  });
  // Batches in flight, in submission order: the output order is the discovery order.
  const inFlight: Array<{ paths: string[]; done: Promise<BatchResponse> }> = [];
  const window = opts.jobs * 2;
  try {
    let batch: string[] = [];
    const submit = () => {
      const paths = batch;
      batch = [];
      const done = pool.run(paths);
      done.catch(() => {});
      inFlight.push({ paths, done });
    };
    for (const file of files) {
      batch.push(file);
      if (batch.length === BATCH) submit();
      while (inFlight.length >= window) yield* drain(inFlight.shift());
    }
    if (batch.length) submit();
    while (inFlight.length) yield* drain(inFlight.shift());
  } finally {
    await pool.close();
  }
}

async function* drain(entry: { paths: string[]; done: Promise<BatchResponse> } | undefined): AsyncGenerator<FileResult> {
  if (!entry) return;
  const res = await entry.done;
  for (const [i, r] of res.results.entries()) yield r ?? { path: entry.paths[i] ?? '', findings: [], warnings: [] };
}
