// Entry point of a pool thread: claims files from the shared counter and processes them until the list
// is complete and exhausted. The wasm grammar is loaded by the first file that needs parsing.
import { parentPort, workerData } from 'node:worker_threads';
import { transforms } from '../../engine/registry.js';
import { processFile, type Deferred, type WorkerOptions } from '../../file/worker.js';
import { CLAIM, claimedResult, claimedShare, internalErrorResult, undeferred, type Claimed, type Late, type Scanned, type ThreadData, type ToThread } from './pool.js';
import type { FileResult } from '../../common/types.js';
import { WasmTier } from '../wasm-tier.js';

const data = workerData as ThreadData;
const counter = new Int32Array(data.counter);
const tier = data.tier ? new WasmTier(data.tier) : undefined;
// Joined before the first claim: the main thread chooses the baseline tier only once every thread that
// joined has scanned its files.
tier?.join();
const opts: WorkerOptions = {
  settings: data.settings,
  transforms: transforms.filter((t) => data.codes.includes(t.code)),
  fix: data.fix,
  limits: data.limits,
  prefilter: data.prefilter,
  keepSource: data.keepSource,
  tier,
  claimed: () => claimedShare(counter, paths.length, ended),
};
let factsArrived = () => {};
if (data.factsPending) opts.factsPending = new Promise<void>((resolve) => (factsArrived = resolve));

const paths: string[] = [];
let ended = false;
let wake: (() => void) | undefined;

function onMessage(msg: ToThread): void {
  if ('paths' in msg) for (const p of msg.paths) paths.push(p);
  else if ('end' in msg) ended = true;
  else if ('facts' in msg) {
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

async function processOne(path: string, index: number): Promise<FileResult | null | Deferred> {
  try {
    return claimedResult(await processFile(path, opts, index));
  } catch (err) {
    return internalErrorResult(path, err);
  }
}

/** Takes deferred files off the shared list, once the tier is chosen, until none is left. */
async function parseDeferred(tier: WasmTier): Promise<void> {
  for (let i = tier.takeDeferred(); i !== undefined; i = tier.takeDeferred()) {
    const path = paths[i] as string;
    data.results.postMessage({ late: i, result: undeferred(path, await processOne(path, i)) } satisfies Late);
  }
}

async function run(): Promise<void> {
  for (;;) {
    const start = Atomics.add(counter, 0, CLAIM);
    if (!(await known(start))) break;
    const results: Claimed['results'] = [];
    for (let i = start; i < start + CLAIM && (await known(i)); i++) results.push(await processOne(paths[i] as string, i));
    data.results.postMessage({ start, results } satisfies Claimed);
    // Deferred files first once the tier is chosen: the main thread's results wait for them in order.
    if (tier?.decided()) await parseDeferred(tier);
  }
  if (tier) {
    // The deferred files wait for the wasm tier: tell the main thread this thread is through (it may
    // choose), wait for the choice, then parse deferred files until none is left.
    tier.finishScanning();
    data.results.postMessage({ scanned: true } satisfies Scanned);
    while (!tier.decided()) await new Promise<void>((resolve) => (wake = resolve));
    await parseDeferred(tier);
  }
  // Nothing is left to claim: without a listener the thread ends by itself, and is torn down while the
  // main thread finishes, instead of when the pool closes. The claims posted above are in the main
  // thread's queue already.
  parentPort?.off('message', onMessage);
}

// A rejection is the thread's failure: it reaches the pool as the worker's 'error' event.
void run();
