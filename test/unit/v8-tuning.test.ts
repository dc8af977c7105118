// The JIT tuning of src/speed/v8-tuning.ts: set on the V8 it was measured on, nowhere else, never when turned
// off, baseline-only wasm only for small runs of a process that opted in, and undone before a code
// cache is written. The bin shim applies it; what it buys is in docs/performance.md (npm run bench).
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BASELINE_WASM_MAX_BYTES, baselineWasm, baselineWasmOn, resetMarks, restoreRunFlags, tuneV8 } from '../../src/speed/v8-tuning.js';

const NODE20 = '11.3.244.8-node.33';

function recorder(): { set: (flag: string) => void; flags: string[] } {
  const flags: string[] = [];
  return { set: (flag) => flags.push(flag), flags };
}

afterEach(() => resetMarks());

describe('tuneV8', () => {
  it('raises the optimisation budget on V8 11 (Node 20)', () => {
    const r = recorder();
    expect(tuneV8({}, NODE20, r.set)).toEqual(['--interrupt-budget=1081344']);
    expect(r.flags).toEqual(['--interrupt-budget=1081344']);
  });

  it('leaves other V8 versions at their defaults', () => {
    for (const version of ['12.4.254.21-node.33', '10.2.154.26-node.36', '13.6.233.10-node.1', '']) {
      const r = recorder();
      expect(tuneV8({}, version, r.set), version).toEqual([]);
      expect(r.flags).toEqual([]);
    }
  });

  it('sets nothing with LOOPMIGRATE_V8_TUNING=0', () => {
    const r = recorder();
    expect(tuneV8({ LOOPMIGRATE_V8_TUNING: '0' }, NODE20, r.set)).toEqual([]);
    expect(r.flags).toEqual([]);
    expect(tuneV8({ LOOPMIGRATE_V8_TUNING: '1' }, NODE20, recorder().set)).toHaveLength(1);
  });

  it('is what the bin shim calls before it loads the CLI bundle', () => {
    const bin = readFileSync(new URL('../../bin/loopmigrate.js', import.meta.url), 'utf8');
    expect(bin.indexOf('tuneV8()')).toBeGreaterThan(-1);
    expect(bin.indexOf('tuneV8()')).toBeLessThan(bin.indexOf('loadBundle(require.resolve'));
  });
});

describe('baselineWasm', () => {
  it('does nothing in a process that did not opt in (a library caller, these tests)', () => {
    const r = recorder();
    expect(baselineWasm(() => 1000, r.set)).toBe(false);
    expect(r.flags).toEqual([]);
  });

  it('does nothing where tuneV8 set nothing (other V8, turned off)', () => {
    tuneV8({}, '12.4.254.21-node.33', recorder().set);
    const r = recorder();
    expect(baselineWasm(() => 1000, r.set)).toBe(false);
    tuneV8({ LOOPMIGRATE_V8_TUNING: '0' }, NODE20, recorder().set);
    expect(baselineWasm(() => 1000, r.set)).toBe(false);
    expect(r.flags).toEqual([]);
  });

  it('keeps wasm in the baseline compiler for a small run, once, and is undone for the code cache', () => {
    tuneV8({}, NODE20, recorder().set);
    const r = recorder();
    expect(baselineWasmOn()).toBe(false);
    expect(baselineWasm(() => BASELINE_WASM_MAX_BYTES, r.set)).toBe(true);
    expect(baselineWasmOn()).toBe(true);
    expect(baselineWasm(() => 10, r.set)).toBe(false);
    expect(r.flags).toEqual(['--liftoff-only']);
    restoreRunFlags(r.set);
    expect(baselineWasmOn()).toBe(false);
    expect(r.flags).toEqual(['--liftoff-only', '--no-liftoff-only', '--wasm-tier-up', '--wasm-dynamic-tiering']);
    restoreRunFlags(r.set);
    expect(r.flags).toHaveLength(4);
  });

  it('leaves a run of more bytes to the optimising compiler', () => {
    tuneV8({}, NODE20, recorder().set);
    const r = recorder();
    // The size is asked with the limit, past which it need not count.
    const asked: number[] = [];
    expect(baselineWasm((limit) => (asked.push(limit), limit + 1), r.set)).toBe(false);
    expect(asked).toEqual([BASELINE_WASM_MAX_BYTES]);
    expect(baselineWasmOn()).toBe(false);
    restoreRunFlags(r.set);
    expect(r.flags).toEqual([]);
  });
});
