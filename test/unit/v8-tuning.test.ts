// The JIT tuning of src/v8-tuning.ts: set on the V8 it was measured on, nowhere else, and never when
// turned off. The bin shim applies it; what it buys is in docs/performance.md (npm run bench).
import { describe, expect, it } from 'vitest';
import { tuneV8 } from '../../src/v8-tuning.js';

function run(env: NodeJS.ProcessEnv, version: string): { returned: string[]; set: string[] } {
  const set: string[] = [];
  const returned = tuneV8(env, version, (flag) => set.push(flag));
  return { returned, set };
}

describe('tuneV8', () => {
  it('raises the optimisation budget on V8 11 (Node 20)', () => {
    const { returned, set } = run({}, '11.3.244.8-node.33');
    expect(set).toEqual(['--interrupt-budget=1081344']);
    expect(returned).toEqual(set);
  });

  it('leaves other V8 versions at their defaults', () => {
    for (const version of ['12.4.254.21-node.33', '10.2.154.26-node.36', '13.6.233.10-node.1', '']) {
      expect(run({}, version).set, version).toEqual([]);
    }
  });

  it('sets nothing with LOOPMIGRATE_V8_TUNING=0', () => {
    expect(run({ LOOPMIGRATE_V8_TUNING: '0' }, '11.3.244.8-node.33')).toEqual({ returned: [], set: [] });
    expect(run({ LOOPMIGRATE_V8_TUNING: '1' }, '11.3.244.8-node.33').set).toHaveLength(1);
  });

  it('is what the bin shim calls before it loads the CLI bundle', async () => {
    const { readFileSync } = await import('node:fs');
    const bin = readFileSync(new URL('../../bin/loopmigrate.js', import.meta.url), 'utf8');
    expect(bin.indexOf('tuneV8()')).toBeGreaterThan(-1);
    expect(bin.indexOf('tuneV8()')).toBeLessThan(bin.indexOf('loadBundle(require.resolve'));
  });
});
