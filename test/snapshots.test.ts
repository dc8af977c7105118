// The fixture driver: every snapshots/<rule>/<case>.{input,output,noop}.py, with the harness invariants.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countErrors, initParser, parse } from '../src/parser.js';
import { transforms } from '../transforms/index.js';
import { caseOptions, fixText } from './helpers/engine.js';

const root = path.resolve(import.meta.dirname, '..', 'snapshots');
const update = process.env.LOOPMIGRATE_UPDATE_SNAPSHOTS === '1';

async function parsesClean(text: string): Promise<boolean> {
  await initParser();
  const tree = parse(text);
  try {
    return countErrors(tree) === 0;
  } finally {
    tree.delete();
  }
}

// Project-level rules edit config files, not Python; test/pytest-config.test.ts and the suites in
// test/pytest-suites/ cover them.
for (const rule of transforms.filter((t) => !t.projectLevel)) {
  describe(`${rule.code} ${rule.name}`, () => {
    const dir = path.join(root, rule.name);
    const files = existsSync(dir) ? readdirSync(dir).sort() : [];
    const inputs = files.filter((f) => f.endsWith('.input.py'));
    const noops = files.filter((f) => f.endsWith('.noop.py'));
    const withFix: boolean[] = [];

    it('has fixture pairs and noop cases', () => {
      expect(existsSync(dir), `snapshots/${rule.name}/ is missing`).toBe(true);
      expect(noops.length, 'at least one noop case').toBeGreaterThan(0);
      expect(inputs.length, 'at least one input case').toBeGreaterThan(0);
    });

    for (const input of inputs) {
      const name = input.replace(/\.input\.py$/, '');
      it(`fixes ${name}`, async () => {
        const source = readFileSync(path.join(dir, input), 'utf8');
        const opts = caseOptions(source);
        const result = await fixText(source, [rule], opts);
        expect(result.problem).toBeUndefined();
        expect(result.findings.length, 'an input case must produce a finding').toBeGreaterThan(0);
        for (const f of result.findings) if (!f.fixNeedsTarget) withFix.push(f.fix !== null);
        const output = result.fixed ?? source;
        const expectedPath = path.join(dir, `${name}.output.py`);
        if (update) writeFileSync(expectedPath, output);
        expect(existsSync(expectedPath), `${name}.output.py is missing`).toBe(true);
        expect(output).toBe(readFileSync(expectedPath, 'utf8'));
        expect(await parsesClean(output), 'the output re-parses').toBe(true);
        const again = await fixText(output, [rule], opts);
        expect(again.fixed, 'a second run makes no edits').toBeUndefined();
        // Unsafe edits only with unsafe fixes on.
        const safeOnly = await fixText(source, [rule], { ...opts, unsafeFixes: false });
        for (const f of safeOnly.findings) if (f.applied) expect(f.fix?.safety).toBe('safe');
        if (!opts.unsafeFixes) {
          for (const f of result.findings) if (f.fix?.safety === 'unsafe') expect(f.applied).toBe(false);
        }
      });
    }

    for (const noop of noops) {
      it(`leaves ${noop.replace(/\.noop\.py$/, '')} alone`, async () => {
        const source = readFileSync(path.join(dir, noop), 'utf8');
        const result = await fixText(source, [rule], { ...caseOptions(source), unsafeFixes: true });
        expect(result.problem).toBeUndefined();
        expect(result.fixed, 'a noop case yields no edits').toBeUndefined();
        if (rule.fixAvailability === 'none') expect(result.findings.map((f) => `${f.line}: ${f.message}`), 'a report rule finds nothing in a noop case').toEqual([]);
        for (const f of result.findings) if (!f.fixNeedsTarget) withFix.push(f.fix !== null);
      });
    }

    it(`emits fixes as declared (fixAvailability: ${rule.fixAvailability})`, () => {
      if (rule.fixAvailability === 'always') expect(withFix.every(Boolean)).toBe(true);
      if (rule.fixAvailability === 'none') expect(withFix.some(Boolean)).toBe(false);
      if (rule.fixAvailability === 'sometimes') {
        expect(withFix.some(Boolean), 'some finding has a fix').toBe(true);
        expect(withFix.some((x) => !x), 'some finding has no fix').toBe(true);
      }
    });
  });
}
