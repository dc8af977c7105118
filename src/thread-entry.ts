// A pool thread's entry script: runs the thread bundle (workerData.bundle) through the code cache and
// writes the cache once the thread has nothing left to claim (src/code-cache.ts).
import { workerData } from 'node:worker_threads';
import { loadBundle } from './code-cache.js';

const { bundle, variant } = workerData as { bundle: string; variant?: string };
const thread = loadBundle(bundle, variant);
// A rejection is the thread's failure: it reaches the pool as the worker's 'error' event.
void (thread.exports.done as Promise<void>).then(() => thread.save());
