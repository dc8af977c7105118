// The worker pool and the prefilter are pure optimisations: findings and fixes must not change.
// --shard K/N splits the work so that the shards' patches together equal one run.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, repoRoot, runCli, snapshotTree } from './helpers/cli.js';
import type { WorkerPool as Pool } from '../src/pool.js';
import type { FileResult } from '../src/types.js';

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

describe('WorkerPool', () => {
  it("hands on a thread's results while the main thread is still busy with files of its own", async () => {
    // Each file has legacy code, so the thread parses it; the main thread's own files take 5 ms of
    // synchronous work each. It never returns to the event loop while it has files to do, so results
    // that came as events would only arrive once it ran out of work.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-pool-'));
    const body = 'import asyncio\n\n\ndef main():\n    loop = asyncio.get_event_loop()\n    loop.run_until_complete(work())\n'.repeat(10);
    const paths = Array.from({ length: 400 }, (_, i) => path.join(dir, `m${i}.py`));
    for (const p of paths) writeFileSync(p, body);
    // The built pool: its thread runs dist/src/thread.cjs.
    const { WorkerPool } = (await import(path.join(repoRoot, 'dist', 'src', 'pool.js'))) as { WorkerPool: typeof Pool };
    const pool = new WorkerPool({ size: 1, settings: { select: [], ignore: [], unsafeFixes: false }, codes: ['LM102'], fix: false, prefilter: true, factsPending: false });
    pool.add(paths);
    pool.end();
    const local = new Set<string>();
    const seenAt: number[] = [];
    const results: FileResult[] = [];
    try {
      for await (const r of pool.results(async (p) => {
        const until = performance.now() + 5;
        while (performance.now() < until);
        local.add(p);
        return null;
      })) {
        results.push(r);
        if (!local.has(r.path)) seenAt.push(local.size);
      }
    } finally {
      await pool.close();
    }
    expect(results.map((r) => r.path)).toEqual(paths);
    // The thread did many files, and some of its results came out before the main thread's last file.
    expect(seenAt.length).toBeGreaterThan(100);
    expect(Math.min(...seenAt)).toBeLessThan(local.size);
    for (const r of results) if (!local.has(r.path)) expect(r.findings.map((f) => f.code)).toContain('LM102');
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
