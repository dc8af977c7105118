// The test-suite rules (LM2xx) end to end: every suite in test/pytest-suites/ is a small project
// written for pytest-asyncio 0.21 (or AnyIO with a narrow backend) in one config flavour. Each is copied
// to a temp directory, shown to fail on pytest 9 + pytest-asyncio 1.x with -W error, migrated with the
// built CLI (diff compared with <suite>.diff, the --patch output checked with git apply), run again to
// see it pass, and migrated a second time to see nothing change. modern-noop must get no edit at all.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { binPath, snapshotTree } from './helpers/cli.js';
import { pytestPython } from './helpers/python.js';

const root = path.resolve(import.meta.dirname, 'pytest-suites');
const update = process.env.LOOPMIGRATE_UPDATE_SNAPSHOTS === '1';
const sources = new Map(
  readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => [d.name, path.join(root, d.name)]),
);
// The bundled example suite that `npm run example` migrates is held to the same standard.
sources.set('examples-inventory', path.resolve(root, '..', '..', 'examples', 'inventory'));
const suites = [...sources.keys()].sort();

function copy(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `loopmigrate-${name}-`));
  cpSync(sources.get(name) ?? '', dir, { recursive: true, filter: (src) => path.basename(src) !== 'README.md' });
  return dir;
}

interface Ran {
  status: number;
  stdout: string;
  stderr: string;
}

// Asynchronous, so the suites can run concurrently (each spends its time in child processes).
function run(cmd: string, args: string[], cwd: string, input?: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' }, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
    if (input !== undefined) child.stdin?.end(input);
  });
}

const cli = (args: string[], cwd: string) => run(process.execPath, [binPath, ...args], cwd);

async function pytest(python: string, dir: string, suite: string): Promise<{ status: number; output: string }> {
  // An AnyIO-only project would not have pytest-asyncio installed; keep its plugin out.
  const extra = suite.startsWith('anyio') ? ['-p', 'no:asyncio'] : [];
  const r = await run(python, ['-W', 'error', '-m', 'pytest', '-p', 'no:cacheprovider', '-q', ...extra], dir);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

function python(): string | null {
  const found = pytestPython();
  if (!found && process.env.LOOPMIGRATE_E2E === 'required') throw new Error('no Python 3.12+ with pytest 9 and pytest-asyncio 1.x could be found or installed');
  return found;
}

describe('pytest suites migrate from pytest-asyncio 0.21 to 1.x', () => {
  let py: string | null = null;
  // Finding or making the interpreter can mean creating a venv: a hook, with the hook timeout.
  beforeAll(() => {
    py = python();
  });

  it('has suites', () => {
    expect(suites).toContain('modern-noop');
    expect(suites.length).toBeGreaterThan(5);
  });

  for (const suite of suites) {
    const noop = suite.endsWith('-noop');
    it.concurrent(`${suite}: ${noop ? 'already modern, left alone' : 'fails before, passes after, idempotent'}`, { timeout: 180_000 }, async ({ expect }) => {
      const dir = copy(suite);
      if (py) {
        const before = await pytest(py, dir, suite);
        if (noop) expect(before.status, before.output).toBe(0);
        else expect(before.status, 'the legacy suite must fail on pytest-asyncio 1.x').not.toBe(0);
      }
      const pristine = snapshotTree(dir);

      // The patch (the same unified diff --dry-run prints) is compared with the reviewed <suite>.diff,
      // must be accepted by git apply, and must give the same tree as fixing in place.
      const patched = copy(suite);
      const patch = await cli(['--patch', '-', '--unsafe-fixes', '.'], patched);
      expect(patch.status, patch.stderr).toBeLessThan(2);
      const diffFile = path.join(root, `${suite}.diff`);
      if (update && !noop) writeFileSync(diffFile, patch.stdout);
      if (noop) expect(patch.stdout).toBe('');
      else expect(patch.stdout).toBe(existsSync(diffFile) ? readFileSync(diffFile, 'utf8') : '<missing diff snapshot>');
      await run('git', ['init', '-q'], patched);
      if (patch.stdout) {
        const applied = await run('git', ['apply', '-'], patched, patch.stdout);
        expect(applied.status, applied.stderr).toBe(0);
      }

      const fixed = await cli(['--unsafe-fixes', '.'], dir);
      expect(fixed.status, fixed.stderr).toBeLessThan(2);
      expect(fixed.stderr).not.toMatch(/error:/);
      const after = snapshotTree(dir);
      const patchedTree = snapshotTree(patched);
      expect([...after.entries()].sort()).toEqual([...patchedTree.entries()].filter(([p]) => !p.startsWith('.git')).sort());
      if (noop) expect(after).toEqual(pristine);
      else expect(after).not.toEqual(pristine);

      const again = await cli(['--unsafe-fixes', '.'], dir);
      expect(again.stderr).toMatch(/, 0 changed/);
      expect(snapshotTree(dir)).toEqual(after);

      if (py) {
        const result = await pytest(py, dir, suite);
        expect(result.status, result.output).toBe(0);
      }
    });
  }
});
