// The choice of a run's wasm tier (src/run/wasm-tier.ts). The V8 flags: set only in a process that opted
// in, on the V8 versions it was measured on, never when turned off, for small runs, once. The shared
// choice of a larger run: files that need parsing are deferred until their bytes pass the limit
// (optimising tier, chosen by any thread) or every thread that claimed files has scanned them (baseline
// tier, chosen by the main thread); then each deferred file is taken once.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BASELINE,
  BASELINE_WASM_MAX_BYTES,
  OPTIMISING,
  UNDECIDED,
  WasmTier,
  baselineWasm,
  canChooseBaselineWasm,
  chooseWasmTier,
  resetWasmTier,
  tierShared,
  useBaselineWasm,
  wasmTiers,
} from '../../src/run/wasm-tier.js';

const KiB = 1024;

const NODE20 = '11.3.244.8-node.33';
const NODE22 = '12.4.254.21-node.33';
const NODE24 = '13.6.233.17-node.63';
const BASELINE_FLAGS = ['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering'];

function recorder(): { set: (flag: string) => void; flags: string[] } {
  const flags: string[] = [];
  return { set: (flag) => flags.push(flag), flags };
}

afterEach(() => resetWasmTier());

describe('chooseWasmTier', () => {
  it('opts in on the V8 versions of Node 20, 22 and 24, and sets no flag itself', () => {
    for (const version of [NODE20, NODE22, NODE24]) {
      resetWasmTier();
      expect(chooseWasmTier({}, version), version).toBe(true);
      expect(canChooseBaselineWasm()).toBe(true);
      expect(wasmTiers()).toBe('baseline and optimising compilers');
    }
  });

  it('leaves other V8 versions at their defaults, and every version with LOOPMIGRATE_V8_TUNING=0', () => {
    for (const version of ['10.2.154.26-node.36', '14.1.146.11-node.1', '']) {
      expect(chooseWasmTier({}, version), version).toBe(false);
      expect(baselineWasm(() => 1000, recorder().set)).toBe(false);
    }
    expect(chooseWasmTier({ LOOPMIGRATE_V8_TUNING: '0' }, NODE22)).toBe(false);
    expect(canChooseBaselineWasm()).toBe(false);
    expect(wasmTiers()).toBe("V8's defaults");
    expect(chooseWasmTier({ LOOPMIGRATE_V8_TUNING: '1' }, NODE22)).toBe(true);
  });

  it('is what the bin shim calls before the CLI runs', () => {
    const bin = readFileSync(new URL('../../bin/loopmigrate.js', import.meta.url), 'utf8');
    expect(bin.indexOf('cli.chooseWasmTier()')).toBeGreaterThan(bin.indexOf("require('../dist/src/cli.cjs')"));
    expect(bin.indexOf('cli.chooseWasmTier()')).toBeLessThan(bin.indexOf('cli.main('));
  });
});

describe('baselineWasm', () => {
  it('does nothing in a process that did not opt in (a library caller, these tests)', () => {
    const r = recorder();
    expect(baselineWasm(() => 1000, r.set)).toBe(false);
    expect(useBaselineWasm(r.set)).toBe(false);
    expect(r.flags).toEqual([]);
  });

  it('keeps wasm in the baseline compiler for a small run, once, with the flags V8 13 needs spelled out', () => {
    chooseWasmTier({}, NODE24);
    const r = recorder();
    expect(baselineWasm(() => BASELINE_WASM_MAX_BYTES, r.set)).toBe(true);
    expect(r.flags).toEqual(BASELINE_FLAGS);
    expect(wasmTiers()).toBe('baseline compiler only');
    expect(canChooseBaselineWasm()).toBe(false);
    expect(baselineWasm(() => 10, r.set)).toBe(false);
    expect(useBaselineWasm(r.set)).toBe(false);
    expect(r.flags).toEqual(BASELINE_FLAGS);
  });

  it('leaves a run of more bytes to the optimising compiler, asking the size with the limit', () => {
    chooseWasmTier({}, NODE22);
    const r = recorder();
    const asked: number[] = [];
    expect(baselineWasm((limit) => (asked.push(limit), limit + 1), r.set)).toBe(false);
    expect(asked).toEqual([BASELINE_WASM_MAX_BYTES]);
    expect(r.flags).toEqual([]);
    // Still open to the choice after the scan (WasmTier).
    expect(canChooseBaselineWasm()).toBe(true);
    expect(useBaselineWasm(r.set)).toBe(true);
    expect(r.flags).toEqual(BASELINE_FLAGS);
  });
});

/** Every deferred index, taken until none is left. */
function takeAll(tier: WasmTier): number[] {
  const out: number[] = [];
  for (let i = tier.takeDeferred(); i !== undefined; i = tier.takeDeferred()) out.push(i);
  return out;
}

describe('WasmTier', () => {
  it('defers files under the limit, and chooses the optimising tier with the file that passes it', () => {
    const tier = new WasmTier(tierShared(100 * KiB));
    expect(tier.defer(3, 40 * KiB)).toBe(false);
    expect(tier.defer(7, 40 * KiB)).toBe(false);
    expect(tier.mode()).toBe(UNDECIDED);
    // Nothing is handed out before the choice.
    expect(tier.takeDeferred()).toBeUndefined();
    expect(tier.defer(9, 40 * KiB)).toBe(true);
    expect(tier.mode()).toBe(OPTIMISING);
    expect(takeAll(tier)).toEqual([3, 7]);
    // Once chosen, files are parsed as they come.
    expect(tier.defer(12, 1)).toBe(true);
    expect(takeAll(tier)).toEqual([]);
  });

  it('lets the main thread choose the baseline tier once every thread that claimed files has scanned them', () => {
    const shared = tierShared(100 * KiB);
    const main = new WasmTier(shared);
    const thread = new WasmTier(shared);
    main.join();
    thread.join();
    expect(main.defer(0, 10 * KiB)).toBe(false);
    expect(thread.defer(5, 10 * KiB)).toBe(false);
    main.finishScanning();
    expect(main.allScanned()).toBe(false);
    thread.finishScanning();
    thread.finishScanning();
    expect(main.allScanned()).toBe(true);
    const calls: string[] = [];
    main.chooseBaseline(() => (calls.push('flag'), true));
    main.chooseBaseline(() => (calls.push('again'), true));
    expect(calls).toEqual(['flag']);
    expect(thread.mode()).toBe(BASELINE);
    expect([thread.takeDeferred(), main.takeDeferred(), thread.takeDeferred()]).toEqual([0, 5, undefined]);
  });

  it('projects the deferred bytes onto all files once a tenth of them is claimed', () => {
    const tier = new WasmTier(tierShared(100 * KiB));
    // 20 KiB after 5% of the files: too early to tell.
    expect(tier.defer(0, 20 * KiB, 0.05)).toBe(false);
    // 30 KiB after 40%: 75 KiB projected, under the limit.
    expect(tier.defer(1, 10 * KiB, 0.4)).toBe(false);
    expect(tier.mode()).toBe(UNDECIDED);
    // 40 KiB after 20% of another thread's count: 200 KiB projected.
    expect(tier.defer(2, 10 * KiB, 0.2)).toBe(true);
    expect(tier.mode()).toBe(OPTIMISING);
    expect(takeAll(tier)).toEqual([0, 1]);
  });

  it('takes the optimising tier when told to (a run of many files), and hands out what was deferred', () => {
    const tier = new WasmTier(tierShared(100 * KiB));
    expect(tier.defer(2, KiB)).toBe(false);
    tier.chooseOptimising();
    expect(tier.mode()).toBe(OPTIMISING);
    tier.chooseBaseline(() => {
      throw new Error('must not be asked');
    });
    expect(tier.mode()).toBe(OPTIMISING);
    expect(takeAll(tier)).toEqual([2]);
  });

  it('takes the optimising tier when the baseline flag cannot be set, and never overrides a choice', () => {
    const failed = new WasmTier(tierShared(100 * KiB));
    failed.chooseBaseline(() => false);
    expect(failed.mode()).toBe(OPTIMISING);
    const passed = new WasmTier(tierShared(10 * KiB));
    expect(passed.defer(1, 20 * KiB)).toBe(true);
    passed.chooseBaseline(() => {
      throw new Error('must not be asked');
    });
    expect(passed.mode()).toBe(OPTIMISING);
  });

  it('does not wait for a thread that joins after the others have scanned everything', () => {
    const shared = tierShared(100 * KiB);
    const main = new WasmTier(shared);
    main.join();
    main.finishScanning();
    expect(main.allScanned()).toBe(true);
    // A thread that joins later and claims nothing finishes at once; meanwhile the choice waits.
    const late = new WasmTier(shared);
    late.join();
    expect(main.allScanned()).toBe(false);
    main.chooseBaseline(() => {
      throw new Error('must not be asked while a thread scans');
    });
    expect(main.mode()).toBe(UNDECIDED);
    late.finishScanning();
    expect(main.allScanned()).toBe(true);
    main.chooseBaseline(() => true);
    expect(main.mode()).toBe(BASELINE);
    expect(late.mode()).toBe(BASELINE);
  });

  it('hands out a file deferred just as the tier was chosen, once it is written', () => {
    const shared = tierShared(100 * KiB);
    const a = new WasmTier(shared);
    const b = new WasmTier(shared);
    expect(a.defer(4, KiB)).toBe(false);
    b.chooseBaseline(() => true);
    expect(takeAll(b)).toEqual([4]);
    // The list is not counted past what was written: a later entry is still handed out. (defer() no
    // longer adds once the tier is chosen; this is the entry of a thread that checked just before.)
    const state = new Int32Array(shared.buffer);
    const slot = Atomics.add(state, 3, 1);
    Atomics.store(state, 8 + slot, 11 + 1);
    expect(takeAll(a)).toEqual([11]);
  });
});
