// The registry equals the files in transforms/, codes and names are unique, queries compile against
// the shipped grammar and define the captures each check() reads, docs have every heading.
import { triggerOf } from '../src/speed/derive.js';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initParser, query } from '../src/python/parser.js';
import { DOC_HEADINGS, isFileRule, needs } from '../src/rule-api/transform.js';
import { transforms } from '../transforms/index.js';

const dir = path.resolve(import.meta.dirname, '..', 'transforms');

describe('registry', () => {
  it('lists exactly the rule files, sorted by code', () => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(transforms.map((t) => t.name).sort()).toEqual(files);
    const codes = transforms.map((t) => t.code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(transforms.map((t) => t.name)).size).toBe(transforms.length);
  });

  for (const t of transforms) {
    it(`${t.code} is well-formed`, async () => {
      expect(t.code).toMatch(/^LM[1-3]\d\d$/);
      expect(t.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(t.minPython).toMatch(/^3\.\d+$/);
      // Whatever plans project edits reads the project facts, so the run gathers them.
      if (t.plan) expect(needs(t, 'project-facts'), 'a rule with plan() needs the project facts').toBe(true);
      if (needs(t, 'plugin-fixtures')) expect(needs(t, 'project-facts'), "'plugin-fixtures' comes with 'project-facts'").toBe(true);
      if (isFileRule(t)) {
        // A file rule says what it is about (a project rule looks at no file).
        expect(triggerOf(t.about).length).toBeGreaterThan(0);
        await initParser();
        const q = query(t.query);
        for (const name of t.captures) expect(q.captureNames, `capture @${name}`).toContain(name);
      }
      let last = -1;
      for (const h of DOC_HEADINGS) {
        const at = t.docs.indexOf(`## ${h}\n`);
        expect(at, `docs heading "## ${h}"`).toBeGreaterThan(last);
        last = at;
      }
    });
  }
});
