// A pool thread's entry script: runs the thread bundle (workerData.bundle) through the code cache and
// writes the cache once the thread has nothing left to claim (src/speed/code-cache.ts).
import { workerData } from 'node:worker_threads';
import { loadBundle } from '../../speed/code-cache.js';
import { WasmTier, type TierShared } from '../../speed/wasm-tier.js';

const { bundle, variant, tier } = workerData as { bundle: string; variant?: string; tier?: TierShared };
// While the run's wasm tier is being chosen (src/speed/wasm-tier.ts), the main thread sets V8's baseline-only
// flag once every thread that joined has scanned its files, and V8 refuses a code cache made under
// other flags than it is read with. So the thread joins before it loads its bundle: then the flags stay
// as they are until it has scanned its files, when its cache is written. If the choice was made
// before it joined, it runs under the baseline flag throughout, with that variant of the cache.
const choice = tier && new WasmTier(tier);
choice?.join();
const thread = loadBundle(bundle, choice && !choice.flagsAsLoaded() ? 'baseline' : variant);
(thread.exports.onScanned as (hook: () => void) => void)(() => thread.save());
// A rejection is the thread's failure: it reaches the pool as the worker's 'error' event.
void (thread.exports.done as Promise<void>).then(() => {
  if (!choice) thread.save();
});
