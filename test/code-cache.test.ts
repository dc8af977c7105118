// The CLI and pool-thread bundles run through V8's code cache (src/speed/code-cache.ts): a pure start-up
// optimisation, so output must not change with it, with a damaged cache or without a usable directory.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeCacheDir } from '../src/speed/code-cache.js';
import { BASELINE_WASM_MAX_BYTES } from '../src/speed/v8-tuning.js';
import { makeTree, runCli } from './helpers/cli.js';

/**
 * 70 files (the pool starts at 64), a few with findings. `padded` makes the run larger than the size
 * up to which it takes V8's baseline compiler beforehand (src/speed/v8-tuning.ts): 'few' pads the files
 * without legacy code (little to parse: a run that ends in the baseline tier), 'all' every file (much to
 * parse: the optimising tier).
 */
function project(padded?: 'few' | 'all'): string {
  const files: Record<string, string> = {};
  const padding = `# ${'-'.repeat(77)}\n`.repeat(Math.ceil(BASELINE_WASM_MAX_BYTES / 60 / 80));
  for (let i = 0; i < 70; i++) {
    const legacy = i % 10 === 0 || padded === 'all';
    const pad = padded === 'all' || (padded === 'few' && !legacy) ? padding : '';
    files[`pkg/m${i}.py`] = pad + (legacy ? 'import asyncio\nloop = asyncio.get_event_loop()\nloop.run_until_complete(main())\n' : `X = ${i}\n`);
  }
  return makeTree(files);
}

/** The V8 the baseline-only wasm was measured on (elsewhere a pool thread never runs under it). */
const TUNED = process.versions.v8.startsWith('11.');

/** The cache files, without their hashes. */
function names(root: string): string[] {
  return [...caches(root).keys()].map((f) => f.replace(/-[0-9a-f]{40}\.bin$/, '')).sort();
}

function caches(root: string): Map<string, { size: number; mtimeMs: number; bytes: Buffer }> {
  const out = new Map<string, { size: number; mtimeMs: number; bytes: Buffer }>();
  const dir = codeCacheDir({ LOOPMIGRATE_CACHE_DIR: root });
  if (!dir || !existsSync(dir)) return out;
  for (const f of readdirSync(dir)) {
    const st = statSync(path.join(dir, f));
    out.set(f, { size: st.size, mtimeMs: st.mtimeMs, bytes: readFileSync(path.join(dir, f)) });
  }
  return out;
}

describe('code cache', () => {
  it('is written for the CLI and the pool thread after a run, then used as it is', () => {
    const dir = project('all');
    const root = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-cc-'));
    const env = { LOOPMIGRATE_CACHE_DIR: root };
    const first = runCli(['--check', '--jobs', '2', '.'], { cwd: dir, env });
    const written = caches(root);
    expect(names(root)).toEqual(['cli', 'thread']);
    for (const c of written.values()) expect(c.size).toBeGreaterThan(10_000);
    const second = runCli(['--check', '--jobs', '2', '.'], { cwd: dir, env });
    expect(second).toEqual(first);
    expect(first.status).toBe(1);
    // Accepted, so not written again.
    for (const [f, c] of caches(root)) expect(c.mtimeMs, f).toBe(written.get(f)?.mtimeMs);
  });

  it('is written by a small run (baseline-only wasm) under the flags every run reads it with', () => {
    // A small run keeps wasm in V8's baseline compiler (src/speed/v8-tuning.ts); V8 refuses a cache made
    // under other flags than it is read with, so the flags are undone before the cache is written.
    const dir = makeTree({ 'app.py': 'import asyncio\nloop = asyncio.get_event_loop()\nloop.run_until_complete(main())\n', 'b.py': 'X = 1\n' });
    const root = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-cc-'));
    const env = { LOOPMIGRATE_CACHE_DIR: root };
    const first = runCli(['--check', '.'], { cwd: dir, env });
    const written = caches(root);
    expect([...written.keys()].map((f) => f.replace(/-[0-9a-f]{40}\.bin$/, ''))).toEqual(['cli']);
    expect(runCli(['--check', '.'], { cwd: dir, env })).toEqual(first);
    expect(runCli(['--check', '--stdin-filename', 'app.py'], { cwd: dir, env, input: readFileSync(path.join(dir, 'app.py'), 'utf8') }).status).toBe(1);
    for (const [f, c] of caches(root)) expect(c.mtimeMs, f).toBe(written.get(f)?.mtimeMs);
    // And a pooled run (optimising wasm compiler) accepts it as well.
    const big = project('all');
    runCli(['--check', '--jobs', '2', '.'], { cwd: big, env });
    const after = caches(root);
    const cli = [...after.keys()].find((f) => f.startsWith('cli-')) as string;
    expect(after.get(cli)?.mtimeMs).toBe(written.get(cli)?.mtimeMs);
    expect(first.status).toBe(1);
  });

  it('keeps a variant of its own for pool threads under baseline-only wasm, so that no kind of run rewrites another\'s', () => {
    // A pool thread started under V8's baseline-only flag (a small run, or a larger one that chose the
    // baseline tier before the thread started) loads its bundle under that flag, and V8 accepts a cache
    // only under the flags it was made with: one cache for all would be refused and written again by
    // every run that follows another kind.
    const kinds = [project(), project('all'), project('few')];
    const root = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-cc-'));
    const env = { LOOPMIGRATE_CACHE_DIR: root };
    const args = ['--check', '--jobs', '2', '.'];
    const first = kinds.map((cwd) => runCli(args, { cwd, env }));
    const all = names(root);
    if (TUNED) expect(all).toEqual(['cli', 'thread', 'thread.baseline']);
    else expect(all).toEqual(['cli', 'thread']);
    const written = caches(root);
    for (const [i, cwd] of kinds.entries()) expect(runCli(args, { cwd, env })).toEqual(first[i]);
    for (const [i, cwd] of [...kinds.entries()].reverse()) expect(runCli(args, { cwd, env })).toEqual(first[i]);
    expect(runCli(['--check', '--jobs', '1', '.'], { cwd: kinds[0] as string, env })).toEqual(first[0]);
    for (const [f, c] of caches(root)) expect(c.mtimeMs, f).toBe(written.get(f)?.mtimeMs);
    for (const r of first) expect(r.status).toBe(1);
    // The same legacy files, whichever tier: the same findings.
    expect(first[2]?.stderr).toBe(first[0]?.stderr);
    // Every file was processed, also those discovery gave after the first 64 while the run was sized.
    for (let i = 0; i < 70; i += 10) expect(first[0]?.stderr).toContain(`m${i}.py`);
  });

  it('replaces a damaged cache and runs as without one', () => {
    const dir = project();
    const root = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-cc-'));
    const env = { LOOPMIGRATE_CACHE_DIR: root };
    const args = ['--check', '--jobs', '2', '.'];
    const clean = runCli(args, { cwd: dir, env: { LOOPMIGRATE_CODE_CACHE: '0' } });
    runCli(args, { cwd: dir, env });
    const cacheDir = codeCacheDir(env) as string;
    const garbage = Buffer.from('not a V8 code cache '.repeat(100));
    for (const f of readdirSync(cacheDir)) writeFileSync(path.join(cacheDir, f), garbage);
    // A cache of an earlier build (another hash) goes when a new one is written, and so does the
    // temporary file of a killed run once it is old; a recent one may be another run's, and stays.
    writeFileSync(path.join(cacheDir, `cli-${'0'.repeat(40)}.bin`), garbage);
    const killed = path.join(cacheDir, `cli-${'1'.repeat(40)}.bin.123-0.tmp`);
    const recent = path.join(cacheDir, `cli-${'2'.repeat(40)}.bin.456-0.tmp`);
    writeFileSync(killed, garbage);
    writeFileSync(recent, garbage);
    const twoHoursAgo = (Date.now() - 7_200_000) / 1000;
    utimesSync(killed, twoHoursAgo, twoHoursAgo);
    expect(runCli(args, { cwd: dir, env })).toEqual(clean);
    expect(existsSync(killed)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    rmSync(recent);
    const after = caches(root);
    expect(after.size).toBe(2);
    for (const [f, c] of after) expect(c.bytes.equals(garbage), f).toBe(false);
    expect(runCli(args, { cwd: dir, env })).toEqual(clean);
  });

  it('is neither needed nor written when turned off or when its directory cannot be made', () => {
    const dir = project();
    const root = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-cc-'));
    const clean = runCli(['--check', '.'], { cwd: dir, env: { LOOPMIGRATE_CODE_CACHE: '0', LOOPMIGRATE_CACHE_DIR: root } });
    expect(readdirSync(root)).toEqual([]);
    // A file where the directory should be: mkdir fails, the run does not.
    const blocked = path.join(root, 'file');
    writeFileSync(blocked, '');
    expect(runCli(['--check', '.'], { cwd: dir, env: { LOOPMIGRATE_CACHE_DIR: blocked } })).toEqual(clean);
  });

  it('lives in the per-user cache directory of the platform, per Node version', () => {
    const v8 = path.join('v8', `${process.version}-${process.arch}`);
    expect(codeCacheDir({ LOOPMIGRATE_CODE_CACHE: '0', LOOPMIGRATE_CACHE_DIR: '/x' })).toBeUndefined();
    expect(codeCacheDir({ LOOPMIGRATE_CACHE_DIR: '/x' })).toBe(path.join(path.resolve('/x'), v8));
    if (process.platform === 'linux') {
      expect(codeCacheDir({ XDG_CACHE_HOME: '/xdg' })).toBe(path.join('/xdg', 'loopmigrate', v8));
      // A relative XDG_CACHE_HOME is invalid by the spec and ignored.
      expect(codeCacheDir({ XDG_CACHE_HOME: 'rel' })).toBe(path.join(os.homedir(), '.cache', 'loopmigrate', v8));
      expect(codeCacheDir({})).toBe(path.join(os.homedir(), '.cache', 'loopmigrate', v8));
    }
  });
});
