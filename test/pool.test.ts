// The worker pool and the prefilter are pure optimisations: findings and fixes must not change.
// --shard K/N splits the work so that the shards' patches together equal one run.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, repoRoot, runCli, snapshotTree } from './helpers/cli.js';
import type { WorkerPool as Pool } from '../src/run/pool/pool.js';
import type { FileResult } from '../src/common/types.js';
import { BASELINE_WASM_MAX_BYTES, DEFERRING_MAX_FILES, isMeasuredV8 } from '../src/run/wasm-tier.js';

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
    for (const r of [base, pooled, unfiltered]) expect(r.status, r.stderr).toBe(1);
    expect(findings(pooled)).toEqual(findings(base));
    expect(findings(unfiltered)).toEqual(findings(base));
    expect(pooled.stdout).toBe(base.stdout);
  });

  it('write the same fixes with and without the pool', () => {
    const one = fixtureTree();
    const two = fixtureTree();
    const single = runCli(['--unsafe-fixes', '--jobs', '1', '.'], { cwd: one });
    const pooled = runCli(['--unsafe-fixes', '--jobs', '2', '.'], { cwd: two });
    // Report-only findings remain, so both runs end with 1, and they print the same summary.
    expect(single.status, single.stderr).toBe(1);
    expect(pooled.status, pooled.stderr).toBe(single.status);
    expect(pooled.stderr.split('\n').at(-2)).toBe(single.stderr.split('\n').at(-2));
    expect(snapshotTree(two)).toEqual(snapshotTree(one));
  });
});

describe('files not parsed', () => {
  it('are counted the same by the pool threads as by the main thread', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-unparsed-'));
    // A file that names a rule's subject only in a comment is parsed and has nothing to report.
    for (let i = 0; i < 50; i++) writeFileSync(path.join(dir, `m${String(i).padStart(3, '0')}.py`), `X = ${i}\n`);
    for (let i = 0; i < 50; i++) writeFileSync(path.join(dir, `p${String(i).padStart(3, '0')}.py`), 'import asyncio\n\n# asyncio.get_event_loop() is gone\n');
    const summary = (jobs: string) => (JSON.parse(runCli(['--check', '--format', 'json', '--jobs', jobs, '.'], { cwd: dir }).stdout) as { summary: Record<string, number> }).summary;
    const single = summary('1');
    expect(single).toMatchObject({ filesScanned: 100, filesNotParsed: 50, findings: 0 });
    expect(summary('2')).toEqual(single);
  });
});

describe('loop facts in the pool', () => {
  it('pooled findings equal one thread when a module discovered last sets the loop', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-loopfacts-'));
    // Discovery meets the runner first and the module that sets the loop last.
    writeFileSync(path.join(dir, 'a_main.py'), 'import asyncio\n\n\nasync def serve():\n    pass\n\n\ndef main():\n    loop = asyncio.get_event_loop()\n    loop.run_until_complete(serve())\n');
    for (let i = 0; i < 150; i++) writeFileSync(path.join(dir, `m${String(i).padStart(3, '0')}.py`), `X = ${i}\n`);
    writeFileSync(path.join(dir, 'z_setup.py'), 'import asyncio\n\n\ndef install():\n    loop = asyncio.new_event_loop()\n    asyncio.set_event_loop(loop)\n    return loop\n');
    const single = runCli(['--check', '--format', 'json', '--unsafe-fixes', '--select', 'LM1', '--jobs', '1', '.'], { cwd: dir });
    const pooled = runCli(['--check', '--format', 'json', '--unsafe-fixes', '--select', 'LM1', '--jobs', '2', '.'], { cwd: dir });
    expect(pooled.stdout).toBe(single.stdout);
    const [finding] = (JSON.parse(pooled.stdout) as { findings: Array<{ code: string; fix: unknown; message: string }> }).findings;
    expect(finding?.code).toBe('LM102');
    expect(finding?.fix).toBeNull();
    expect(finding?.message).toMatch(/z_setup\.py:6 sets a loop/);
    const fixed = runCli(['--unsafe-fixes', '--select', 'LM1', '--jobs', '2', '.'], { cwd: dir });
    expect(fixed.status, fixed.stderr).toBe(1);
    expect(readFileSync(path.join(dir, 'a_main.py'), 'utf8')).toContain('loop.run_until_complete(serve())');
  });
});

/** The V8 the wasm tier choice was measured on (elsewhere runs keep V8's defaults). */
const TUNED = isMeasuredV8(process.versions.v8);

/**
 * `files` files of legacy code or plain assignments, past the size up to which a run takes the
 * baseline tier beforehand (BASELINE_WASM_MAX_BYTES): `padded` files share it in comments.
 */
function largeTree(legacy: (i: number) => boolean, padded: (i: number) => boolean, files = 70): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-tier-'));
  const padding = `# ${'-'.repeat(77)}\n`.repeat(Math.ceil(BASELINE_WASM_MAX_BYTES / (files - 10) / 80));
  for (let i = 0; i < files; i++) {
    const code = legacy(i) ? 'import asyncio\n\nloop = asyncio.get_event_loop()\nloop.run_until_complete(main())\n' : `X = ${i}\n`;
    writeFileSync(path.join(dir, `m${i}.py`), (padded(i) ? padding : '') + code);
  }
  return dir;
}

describe('wasm tier chosen from the bytes a run parses', () => {
  // A run larger than BASELINE_WASM_MAX_BYTES defers the files that need parsing while it scans
  // (src/run/wasm-tier.ts): with few such bytes it ends in V8's baseline compiler, with many it takes the
  // optimising one as soon as they pass DEFERRED_MAX_BYTES, and a run of DEFERRING_MAX_FILES files
  // takes it at once. Either way, and without any of it (LOOPMIGRATE_V8_TUNING=0), the results match.
  const cases = [
    {
      name: 'few bytes to parse',
      dir: () =>
        largeTree(
          (i) => i % 10 === 0,
          (i) => i % 10 !== 0,
        ),
      tiers: 'wasm: baseline compiler only',
    },
    {
      name: 'many bytes to parse',
      dir: () =>
        largeTree(
          () => true,
          () => true,
        ),
      tiers: 'wasm: baseline and optimising compilers',
    },
    {
      name: 'many files',
      dir: () =>
        largeTree(
          (i) => i % 300 === 0,
          (i) => i % 300 !== 0,
          DEFERRING_MAX_FILES,
        ),
      tiers: 'wasm: baseline and optimising compilers',
    },
  ];
  for (const c of cases) {
    it(`reports and fixes the same, deferred or not (${c.name})`, () => {
      const dir = c.dir();
      const plain = { LOOPMIGRATE_V8_TUNING: '0' };
      const reference = runCli(['--check', '--format', 'json', '--jobs', '1', '.'], { cwd: dir, env: plain });
      expect((JSON.parse(reference.stdout) as { findings: unknown[] }).findings.length).toBeGreaterThanOrEqual(7);
      for (const jobs of ['1', '2', '3']) {
        const r = runCli(['--check', '--format', 'json', '--verbose', '--jobs', jobs, '.'], { cwd: dir });
        expect(r.stdout, `--jobs ${jobs}`).toBe(reference.stdout);
        expect(r.stderr).toContain(TUNED ? c.tiers : "wasm: V8's defaults");
      }
      const fixedPlain = c.dir();
      const fixed = c.dir();
      runCli(['--unsafe-fixes', '--jobs', '1', '.'], { cwd: fixedPlain, env: plain });
      runCli(['--unsafe-fixes', '--jobs', '2', '.'], { cwd: fixed });
      expect(snapshotTree(fixed)).toEqual(snapshotTree(fixedPlain));
      expect(snapshotTree(fixed)).not.toEqual(snapshotTree(c.dir()));
    });
  }
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
    const { WorkerPool } = (await import(path.join(repoRoot, 'dist', 'src', 'run', 'pool', 'pool.js'))) as { WorkerPool: typeof Pool };
    const pool = new WorkerPool({ size: 1, settings: { select: [], ignore: [], unsafeFixes: false }, codes: ['LM102'], fix: false, prefilter: true, factsPending: false });
    pool.add(paths);
    pool.end();
    const local = new Set<string>();
    const seenAt: number[] = [];
    const results: FileResult[] = [];
    try {
      for await (const r of pool.results((p) => {
        const until = performance.now() + 5;
        while (performance.now() < until);
        local.add(p);
        return Promise.resolve(null);
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
