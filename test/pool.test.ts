// The worker pool and the prefilter are pure optimisations: findings and fixes must not change.
// --shard K/N splits the work so that the shards' patches together equal one run.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, repoRoot, runCli, snapshotTree } from './helpers/cli.js';

/** The fixture files, copied three times over so that the pool (64+ files) really starts. */
function fixtureTree(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-pool-'));
  for (const copy of ['a', 'b', 'c']) cpSync(path.join(repoRoot, 'snapshots'), path.join(dir, copy), { recursive: true });
  cpSync(path.join(repoRoot, 'examples'), path.join(dir, 'examples'), { recursive: true });
  return dir;
}

describe('worker pool and prefilter', () => {
  it('report the same findings in the same order with one thread, two threads and no prefilter', () => {
    const dir = fixtureTree();
    const base = runCli(['--check', '--format', 'json', '--jobs', '1', '.'], { cwd: dir });
    const pooled = runCli(['--check', '--format', 'json', '--jobs', '2', '.'], { cwd: dir });
    const unfiltered = runCli(['--check', '--format', 'json', '--jobs', '2', '.'], { cwd: dir, env: { LOOPMIGRATE_PREFILTER: '0' } });
    const findings = (r: { stdout: string }) => (JSON.parse(r.stdout) as { findings: unknown[] }).findings;
    expect(findings(base).length).toBeGreaterThan(20);
    expect(findings(pooled)).toEqual(findings(base));
    expect(findings(unfiltered)).toEqual(findings(base));
    expect(pooled.stdout).toBe(base.stdout);
  });

  it('write the same fixes with and without the pool', () => {
    const one = fixtureTree();
    const two = fixtureTree();
    runCli(['--unsafe-fixes', '--jobs', '1', '.'], { cwd: one });
    runCli(['--unsafe-fixes', '--jobs', '2', '.'], { cwd: two });
    expect(snapshotTree(two)).toEqual(snapshotTree(one));
  });
});

describe('--shard', () => {
  it('splits the files so that the shards together make exactly one full run', () => {
    const dir = fixtureTree();
    const full = fixtureTree();
    runCli(['--unsafe-fixes', '.'], { cwd: full });
    const n = 3;
    const patches: string[] = [];
    const counts: number[] = [];
    for (let k = 1; k <= n; k++) {
      const file = path.join(os.tmpdir(), `loopmigrate-shard-${process.pid}-${k}.patch`);
      const r = runCli(['--unsafe-fixes', '--shard', `${k}/${n}`, '--patch', file, '--format', 'json', '.'], { cwd: dir });
      counts.push((JSON.parse(r.stdout) as { summary: { filesScanned: number } }).summary.filesScanned);
      patches.push(file);
    }
    const total = (JSON.parse(runCli(['--check', '--format', 'json', '.'], { cwd: dir }).stdout) as { summary: { filesScanned: number } }).summary.filesScanned;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
    expect(counts.every((c) => c > 0)).toBe(true);
    for (const file of patches) {
      if (readFileSync(file, 'utf8')) expect(git(['apply', file], dir).stderr).toBe('');
    }
    expect(snapshotTree(dir)).toEqual(snapshotTree(full));
  });

  it('refuses a malformed shard', () => {
    const dir = fixtureTree();
    expect(runCli(['--shard', '4/3', '.'], { cwd: dir }).status).toBe(2);
    expect(runCli(['--shard', 'x', '.'], { cwd: dir }).status).toBe(2);
  });
});
