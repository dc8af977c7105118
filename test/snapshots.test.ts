// The fixture driver: every snapshots/<rule>/<case>.{input,noop}.py with its recorded findings
// (<case>.findings.txt) and, where the rule fixes something, its fixed text (<case>.output.py).
// LOOPMIGRATE_UPDATE_SNAPSHOTS=1 rewrites both from what the rules do now: read the diff before committing.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineResult } from '../src/engine/engine.js';
import { countErrors, initParser, parse } from '../src/python/parser.js';
import { fileRules, type FileRule } from '../src/rule-api/transform.js';
import { transforms } from '../transforms/index.js';
import { caseOptions, fixText } from './helpers/engine.js';
import { formatFindings } from './helpers/findings.js';

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

interface Case {
  name: string;
  kind: 'input' | 'noop';
  file: string;
}

/**
 * Each case runs once however many tests read it, and whichever test asks first: a test run alone
 * (`-t`) sees the same result as the whole file.
 */
const results = new Map<string, Promise<EngineResult>>();

function caseResult(rule: FileRule, c: Case): Promise<EngineResult> {
  let result = results.get(c.file);
  if (!result) {
    const source = readFileSync(c.file, 'utf8');
    const opts = caseOptions(source);
    result = fixText(source, [rule], c.kind === 'noop' ? { ...opts, unsafeFixes: true } : opts);
    results.set(c.file, result);
  }
  return result;
}

function expectRecorded(file: string, actual: string, what: string): void {
  if (update) writeFileSync(file, actual);
  expect(existsSync(file), `${path.relative(root, file)} is missing (LOOPMIGRATE_UPDATE_SNAPSHOTS=1 writes it)`).toBe(true);
  expect(actual, what).toBe(readFileSync(file, 'utf8'));
}

// Project rules edit config files, not Python; test/pytest-config.test.ts and the suites in
// test/pytest-suites/ cover them.
for (const rule of fileRules(transforms)) {
  describe(`${rule.code} ${rule.name}`, () => {
    const dir = path.join(root, rule.name);
    const files = existsSync(dir) ? readdirSync(dir).sort() : [];
    const cases: Case[] = files.flatMap((f): Case[] => {
      const m = /^(.*)\.(input|noop)\.py$/.exec(f);
      return m?.[1] && m[2] ? [{ name: m[1], kind: m[2] as Case['kind'], file: path.join(dir, f) }] : [];
    });
    const inputs = cases.filter((c) => c.kind === 'input');
    const noops = cases.filter((c) => c.kind === 'noop');

    it('has fixture pairs and noop cases, and no stray files', () => {
      expect(existsSync(dir), `snapshots/${rule.name}/ is missing`).toBe(true);
      expect(noops.length, 'at least one noop case').toBeGreaterThan(0);
      expect(inputs.length, 'at least one input case').toBeGreaterThan(0);
      const names = new Set(cases.map((c) => c.name));
      for (const f of files) {
        const m = /^(.*)\.(input\.py|noop\.py|output\.py|findings\.txt)$/.exec(f);
        expect(m && names.has(m[1] ?? ''), `snapshots/${rule.name}/${f} belongs to no case`).toBe(true);
      }
    });

    for (const c of inputs) {
      it(`fixes ${c.name}`, async () => {
        const source = readFileSync(c.file, 'utf8');
        const opts = caseOptions(source);
        const result = await caseResult(rule, c);
        expect(result.problem).toBeUndefined();
        expect(result.findings.length, 'an input case must produce a finding').toBeGreaterThan(0);
        expectRecorded(path.join(dir, `${c.name}.findings.txt`), formatFindings(result.findings), 'the findings as recorded');
        const expectedPath = path.join(dir, `${c.name}.output.py`);
        if (result.fixed === undefined) {
          // Report-only: the findings file is the whole expectation; an output copied from the input is not one.
          if (update) rmSync(expectedPath, { force: true });
          expect(existsSync(expectedPath), `${c.name} makes no edit, so it has no .output.py`).toBe(false);
        } else {
          expectRecorded(expectedPath, result.fixed, 'the fixed text as recorded');
          expect(await parsesClean(result.fixed), 'the output re-parses').toBe(true);
          const again = await fixText(result.fixed, [rule], opts);
          expect(again.fixed, 'a second run makes no edits').toBeUndefined();
        }
        // Unsafe edits only with unsafe fixes on.
        const safeOnly = await fixText(source, [rule], { ...opts, unsafeFixes: false });
        for (const f of safeOnly.findings) if (f.applied) expect(f.fix?.safety).toBe('safe');
        if (!opts.unsafeFixes) {
          for (const f of result.findings) if (f.fix?.safety === 'unsafe') expect(f.applied).toBe(false);
        }
      });
    }

    for (const c of noops) {
      it(`leaves ${c.name} alone`, async () => {
        const result = await caseResult(rule, c);
        expect(result.problem).toBeUndefined();
        expect(result.fixed, 'a noop case yields no edits').toBeUndefined();
        if (rule.fixAvailability === 'none')
          expect(
            result.findings.map((f) => `${f.line}: ${f.message}`),
            'a report rule finds nothing in a noop case',
          ).toEqual([]);
        expectRecorded(path.join(dir, `${c.name}.findings.txt`), formatFindings(result.findings), 'the findings as recorded');
      });
    }

    it(`emits fixes as declared (fixAvailability: ${rule.fixAvailability})`, async () => {
      const withFix: boolean[] = [];
      for (const c of cases) {
        for (const f of (await caseResult(rule, c)).findings) if (!f.fixNeedsTarget) withFix.push(f.fix !== null);
      }
      if (rule.fixAvailability === 'always') expect(withFix.every(Boolean)).toBe(true);
      if (rule.fixAvailability === 'none') expect(withFix.some(Boolean)).toBe(false);
      if (rule.fixAvailability === 'sometimes') {
        expect(withFix.some(Boolean), 'some finding has a fix').toBe(true);
        expect(
          withFix.some((x) => !x),
          'some finding has no fix',
        ).toBe(true);
      }
    });
  });
}
