// Output a maintainer would commit: every fixture that is ruff-clean before migration is still clean
// after it. "Clean" is what a project running ruff in CI asks: `ruff check --select I,E,W` (isort
// order, pycodestyle errors and warnings, line length 88), plus F401/F841 (an import or a variable a
// fix left unused: dead scaffolding), and `ruff format --check`, with ruff's
// defaults (--isolated: the fixtures carry no ruff config). Cases: every rule snapshot with an output,
// and the tool's own output on every e2e scenario and pytest suite (run with the built CLI on a copy).
// Each case is checked from its own directory, so isort sees the case's modules as first party, as
// it would in the user's project.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { binPath } from './helpers/cli.js';
import { ruffBinary } from './helpers/python.js';

const root = path.resolve(import.meta.dirname, '..');

interface Case {
  name: string;
  /** Fills a directory with the code before migration. */
  before: (dir: string) => void;
  /** Fills a directory with the code after migration. */
  after: (dir: string) => Promise<void>;
}

function cli(args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], { cwd, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
}

function copyTree(from: string, to: string): void {
  cpSync(from, to, { recursive: true, filter: (src) => !src.endsWith('.ipynb') && path.basename(src) !== 'README.md' });
}

function snapshotCases(): Case[] {
  const dir = path.join(root, 'snapshots');
  const out: Case[] = [];
  for (const rule of readdirSync(dir).sort()) {
    const ruleDir = path.join(dir, rule);
    for (const f of readdirSync(ruleDir)
      .filter((x) => x.endsWith('.input.py'))
      .sort()) {
      const output = path.join(ruleDir, f.replace('.input.py', '.output.py'));
      if (!existsSync(output)) continue;
      out.push({
        name: `snapshots/${rule}/${f.replace('.input.py', '')}`,
        before: (d) => writeFileSync(path.join(d, 'mod.py'), readFileSync(path.join(ruleDir, f))),
        after: (d) => writeFile(path.join(d, 'mod.py'), readFileSync(output)),
      });
    }
  }
  return out;
}

function projectCases(): Case[] {
  const out: Case[] = [];
  const scenarios = path.join(root, 'test', 'e2e', 'scenarios');
  for (const name of readdirSync(scenarios).sort()) {
    const before = path.join(scenarios, name, 'before');
    if (!existsSync(before)) continue;
    const spec = JSON.parse(readFileSync(path.join(scenarios, name, 'scenario.json'), 'utf8')) as { unsafeFixes?: boolean; paths?: string[] };
    out.push({
      name: `e2e/${name}`,
      before: (d) => copyTree(before, d),
      after: async (d) => {
        copyTree(before, d);
        await cli([...(spec.unsafeFixes ? ['--unsafe-fixes'] : []), ...(spec.paths ?? ['.'])], d);
      },
    });
  }
  const suites = path.join(root, 'test', 'pytest-suites');
  for (const ent of readdirSync(suites, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const src = path.join(suites, ent.name);
    out.push({
      name: `pytest-suites/${ent.name}`,
      before: (d) => copyTree(src, d),
      after: async (d) => {
        copyTree(src, d);
        await cli(['--unsafe-fixes', '.'], d);
      },
    });
  }
  return out;
}

/** ruff's complaints about the Python files in `dir` (empty when clean). */
function complaints(ruff: string, dir: string): string {
  const check = spawnSync(ruff, ['check', '--isolated', '--no-cache', '--select', 'I,E,W,F401,F841', '--output-format', 'concise', '.'], { cwd: dir, encoding: 'utf8' });
  const format = spawnSync(ruff, ['format', '--isolated', '--no-cache', '--diff', '.'], { cwd: dir, encoding: 'utf8' });
  const out: string[] = [];
  if (check.status !== 0) out.push(check.stdout + check.stderr);
  if (format.status !== 0) out.push(format.stdout + format.stderr);
  return out.join('\n');
}

describe('migrated fixtures stay ruff-clean (ruff check --select I,E,W,F401,F841; ruff format --check)', () => {
  let ruff: string | null = null;
  beforeAll(() => {
    ruff = ruffBinary();
    if (!ruff && process.env.LOOPMIGRATE_E2E === 'required') throw new Error('no ruff could be found or installed');
  });

  const cases = [...snapshotCases(), ...projectCases()];
  it('has cases of every kind', () => {
    expect(cases.filter((c) => c.name.startsWith('snapshots/')).length).toBeGreaterThan(50);
    expect(cases.filter((c) => c.name.startsWith('e2e/')).length).toBeGreaterThan(10);
    expect(cases.filter((c) => c.name.startsWith('pytest-suites/')).length).toBeGreaterThan(5);
  });

  for (const c of cases) {
    it.concurrent(c.name, { timeout: 120_000 }, async ({ expect, skip }) => {
      if (!ruff) return skip('no ruff');
      const base = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-ruff-'));
      const before = path.join(base, 'before');
      const after = path.join(base, 'after');
      mkdirSync(before);
      mkdirSync(after);
      c.before(before);
      // Only a case that is clean before makes a promise about after.
      if (complaints(ruff, before) !== '') return;
      await c.after(after);
      expect(complaints(ruff, after)).toBe('');
    });
  }
});
