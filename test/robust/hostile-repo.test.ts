// A hostile or unlucky repository around the sources (issue 24): a .gitignore pattern too long to
// compile, a `git status` that does not answer in time, a status listing longer than a spawn buffer.
// Each must end with a clear message and the right exit status, never a stack trace, and never write a
// file that git could not vouch for.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, LEGACY, MIGRATED, removeTempDirs, runCli, STACK_TRACE, tempDir } from './harness.js';

afterAll(removeTempDirs);

function git(args: string[], cwd: string): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, stdio: 'ignore' });
}

function repo(tag: string, files: Record<string, string>): string {
  const dir = tempDir(tag);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  git(['init', '-q'], dir);
  git(['add', '-A'], dir);
  git(['commit', '-q', '-m', 'legacy'], dir);
  return dir;
}

describe('.gitignore patterns that cannot be compiled', () => {
  it('skips a 100k-character pattern (too large for V8) with a warning naming the file and line, and keeps the other patterns', () => {
    const dir = tempDir('gitignore');
    writeFileSync(path.join(dir, '.gitignore'), `# generated\n${'a'.repeat(100_000)}*\nskipped_*.py\n`);
    writeFileSync(path.join(dir, 'legacy.py'), LEGACY);
    writeFileSync(path.join(dir, 'skipped_one.py'), LEGACY);
    const r = runCli(['--check', '.'], dir);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toMatch(/^loopmigrate: warning: \.gitignore: line 2: a pattern of 100001 characters is skipped \(Regular expression too large\)/m);
    // One finding in legacy.py: the third pattern still excludes skipped_one.py.
    expect(r.stderr).toContain('legacy.py:5:12: LM101');
    expect(r.stderr).not.toContain('skipped_one.py');
    expect(r.status).toBe(1);
  });
});

describe('git status that cannot vouch for a file', () => {
  it('refuses to write when git status does not finish in time, saying so, and writes with --allow-dirty', () => {
    const dir = repo('git-timeout', { 'legacy.py': LEGACY });
    const slow = spawnSync(process.execPath, [BIN, '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LOOPMIGRATE_GIT_TIMEOUT: '1' } });
    expect(slow.stderr).not.toMatch(STACK_TRACE);
    expect(slow.stderr).toMatch(/legacy\.py: was not written: `git (rev-parse|status)` did not finish within 0 s .*--allow-dirty/);
    expect(slow.status).toBe(2);
    expect(readFileSync(path.join(dir, 'legacy.py'), 'utf8')).toBe(LEGACY);
    const allowed = spawnSync(process.execPath, [BIN, '--allow-dirty', '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LOOPMIGRATE_GIT_TIMEOUT: '1' } });
    expect(allowed.status).toBe(0);
    expect(readFileSync(path.join(dir, 'legacy.py'), 'utf8')).toBe(MIGRATED);
  });

  it('reads a status listing of more than a megabyte: an untracked file among 30000 others is still refused', () => {
    const dir = repo('git-big', { 'legacy.py': LEGACY });
    mkdirSync(path.join(dir, 'many'));
    // About 2 MB of listing: spawnSync's default buffer is 1 MB.
    for (let i = 0; i < 30_000; i++) writeFileSync(path.join(dir, 'many', `untracked_file_with_a_rather_long_name_${String(i).padStart(6, '0')}.txt`), '');
    writeFileSync(path.join(dir, 'new_module.py'), LEGACY);
    const r = runCli(['new_module.py', 'legacy.py'], dir);
    expect(r.stderr).toContain('new_module.py: has uncommitted changes or is not tracked');
    expect(readFileSync(path.join(dir, 'new_module.py'), 'utf8')).toBe(LEGACY);
    expect(readFileSync(path.join(dir, 'legacy.py'), 'utf8')).toBe(MIGRATED);
    expect(r.status).toBe(2);
  });
});
