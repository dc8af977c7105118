// loopmigrate reads code and never runs it: no process spawning, no eval, no import of the scanned
// files, whatever the mode; and a crafted file cannot make it write outside the given roots.
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedEntries, LEGACY, MIGRATED, recordTree, runCli, removeTempDirs, tempDir } from './harness.js';

afterAll(removeTempDirs);

const src = path.resolve(import.meta.dirname, '..', '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('security', () => {
  it('the engine has no way to run code: no vm, eval or Function(); processes only for git and for the command --verify is given', () => {
    for (const file of sources(src)) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from ['"]node:vm['"]|\beval\(|new Function\(/);
      if (path.basename(file) === 'git-guard.ts') {
        // The dirty-tree guard asks git, with the repository's fsmonitor hook turned off.
        expect(text.match(/spawnSync\(/g)?.length).toBe(1);
        expect(text).toMatch(/spawnSync\('git', \['-c', 'core\.fsmonitor=false', \.\.\.args\]/);
      } else if (path.relative(src, file) === path.join('verify', 'command.ts')) {
        // --verify runs the user's own command, only when it is given: one spawn of the shell, with it.
        expect(text.match(/\bspawn(Sync)?\(/g)?.length).toBe(1);
        expect(text).toMatch(/spawn\('\/bin\/sh', \['-c', opts\.command\]/);
      } else if (path.relative(src, file) === path.join('verify', 'workspace.ts')) {
        // It finds the project root as the dirty-tree guard does.
        expect(text.match(/\bspawn(Sync)?\(/g)?.length).toBe(1);
        expect(text).toMatch(/spawnSync\('git', \['-c', 'core\.fsmonitor=false', 'rev-parse', '--show-toplevel'\]/);
      } else expect(text, file).not.toMatch(/from ['"]node:child_process['"]/);
    }
    // The command loads the package's own bundles only, by fixed paths; the pool starts its threads
    // on the thread bundle.
    const bin = readFileSync(path.join(src, '..', 'bin', 'loopmigrate.js'), 'utf8');
    expect([...bin.matchAll(/\brequire\(([^)]*)\)/g)].map((m) => m[1])).toEqual(["'../dist/src/compile-cache.cjs'", "'../dist/src/cli.cjs'"]);
    const pool = readFileSync(path.join(src, 'run', 'pool', 'pool.ts'), 'utf8');
    expect([...pool.matchAll(/new Worker\(([^,]*),/g)].map((m) => m[1])).toEqual(['url']);
    expect(pool).toMatch(/const url = bundleFile\('thread\.cjs'\);/);
  });

  it('no mode imports or runs the scanned code', () => {
    const dir = tempDir('norun');
    const marker = path.join(dir, 'PWNED');
    const payload = `import pathlib\npathlib.Path(${JSON.stringify(marker)}).write_text('ran')\n`;
    writeFileSync(path.join(dir, 'conftest.py'), payload + LEGACY);
    writeFileSync(path.join(dir, 'setup.py'), payload + LEGACY);
    writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nrequires-python = ">=3.12"\n[tool.pytest.ini_options]\naddopts = "-p conftest"\n');
    for (const mode of [['--check'], ['--dry-run'], ['--patch', '-'], ['--unsafe-fixes']]) {
      runCli([...mode, '.'], dir);
      expect(existsSync(marker), `ran the code in ${mode[0]} mode`).toBe(false);
    }
  });

  it('a link inside the root that points outside it is neither read nor written', () => {
    const base = tempDir('escape');
    mkdirSync(path.join(base, 'root'));
    mkdirSync(path.join(base, 'victim'));
    writeFileSync(path.join(base, 'victim', 'important.py'), LEGACY);
    symlinkSync(path.join(base, 'victim', 'important.py'), path.join(base, 'root', 'innocent.py'));
    symlinkSync(path.join(base, 'victim'), path.join(base, 'root', 'pkg'));
    writeFileSync(path.join(base, 'root', 'own.py'), LEGACY);
    const before = recordTree(base);
    const run = runCli(['--unsafe-fixes', 'root'], base);
    expect(run.status, run.stderr).toBe(0);
    expect(changedEntries(before, recordTree(base))).toEqual(['root/own.py']);
    expect(readFileSync(path.join(base, 'root', 'own.py'), 'utf8')).toBe(MIGRATED);
  });
});
