// Entry point of a pool thread: claims files from the shared counter and processes them until the list
// is complete and exhausted. The wasm grammar is loaded by the first file that needs parsing.
import { parentPort, workerData } from 'node:worker_threads';
import { transforms } from './registry.js';
import { processFile, type WorkerOptions } from './worker.js';
import { useWasmModules } from './parser.js';
import { CLAIM, claimedResult, internalErrorResult, type Claimed, type ThreadData, type ToThread } from './pool.js';
import type { FileResult } from './types.js';

const data = workerData as ThreadData;
if (data.wasm) useWasmModules(data.wasm);
const counter = new Int32Array(data.counter);
const opts: WorkerOptions = {
  settings: data.settings,
  transforms: transforms.filter((t) => data.codes.includes(t.code)),
  fix: data.fix,
  limits: data.limits,
  prefilter: data.prefilter,
  keepSource: data.keepSource,
};
let factsArrived = () => {};
if (data.factsPending) opts.factsPending = new Promise<void>((resolve) => (factsArrived = resolve));

const paths: string[] = [];
let ended = false;
let wake: (() => void) | undefined;

function onMessage(msg: ToThread): void {
  if ('paths' in msg) for (const p of msg.paths) paths.push(p);
  else if ('end' in msg) ended = true;
  else {
    opts.facts = msg.facts;
    opts.factsPending = undefined;
    factsArrived();
  }
  const w = wake;
  wake = undefined;
  w?.();
}
parentPort?.on('message', onMessage);

/** Resolves once the path `index` is known (true) or the list ended before it (false). */
async function known(index: number): Promise<boolean> {
  while (index >= paths.length && !ended) await new Promise<void>((resolve) => (wake = resolve));
  return index < paths.length;
}

async function processOne(path: string): Promise<FileResult | null> {
  try {
    return claimedResult(await processFile(path, opts));
  } catch (err) {
    return internalErrorResult(path, err);
  }
}

async function run(): Promise<void> {
  for (;;) {
    const start = Atomics.add(counter, 0, CLAIM);
    if (!(await known(start))) break;
    const results: Claimed['results'] = [];
    for (let i = start; i < start + CLAIM && (await known(i)); i++) results.push(await processOne(paths[i] as string));
    data.results.postMessage({ start, results } satisfies Claimed);
  }
  // Nothing is left to claim: without a listener the thread ends by itself, and is torn down while the
  // main thread finishes, instead of when the pool closes. The claims posted above are in the main
  // thread's queue already.
  parentPort?.off('message', onMessage);
}

/** Settles once the thread has nothing left to claim (the entry script then writes the code cache). */
export const done = run();
