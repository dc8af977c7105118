// Node's compile cache for the CLI and pool-thread bundles (src/cli/compile-cache.ts): a pure start-up
// optimisation, so output must not change with it, with a damaged cache or without a usable directory.
// Where Node has no compile cache (Node 20) nothing is written. scripts/other-nodes.mjs runs this file
// under Node 22 and 24 too.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCacheDir } from '../src/cli/compile-cache.js';
import { BASELINE_WASM_MAX_BYTES, isMeasuredV8 } from '../src/run/wasm-tier.js';
import { makeTree, runCli } from './helpers/cli.js';

/** This Node can keep a compile cache (module.enableCompileCache, Node 22.8 and later). */
const CACHES = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

/**
 * 70 files (the pool starts at 64), a few with findings. `all` pads every file past the size up to which
 * a run takes V8's baseline compiler (src/run/wasm-tier.ts), with legacy code in each: much to parse,
 * so the pool threads load their bundle under V8's default flags; without it they load it under the
 * baseline-only flags of a small run.
 */
function project(padded?: 'all'): string {
  const files: Record<string, string> = {};
  const padding = `# ${'-'.repeat(77)}\n`.repeat(Math.ceil(BASELINE_WASM_MAX_BYTES / 60 / 80));
  for (let i = 0; i < 70; i++) {
    const legacy = i % 10 === 0 || padded === 'all';
    files[`pkg/m${i}.py`] = (padded ? padding : '') + (legacy ? 'import asyncio\nloop = asyncio.get_event_loop()\nloop.run_until_complete(main())\n' : `X = ${i}\n`);
  }
  return makeTree(files);
}

/** The cache entries Node wrote under `root` (LOOPMIGRATE_CACHE_DIR), by path relative to the cache directory. */
function entries(root: string): Map<string, { mtimeMs: number; bytes: Buffer }> {
  const out = new Map<string, { mtimeMs: number; bytes: Buffer }>();
  const dir = compileCacheDir({ LOOPMIGRATE_CACHE_DIR: root }) as string;
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(path.relative(dir, full), { mtimeMs: statSync(full).mtimeMs, bytes: readFileSync(full) });
    }
  };
  walk(dir);
  return out;
}

const cacheRoot = () => mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-cc-'));

describe('compile cache', () => {
  it('is written for the CLI and the pool thread by a first run, then read as it is', () => {
    const dir = project('all');
    const root = cacheRoot();
    const env = { LOOPMIGRATE_CACHE_DIR: root };
    const first = runCli(['--check', '--jobs', '2', '.'], { cwd: dir, env });
    expect(first.status).toBe(1);
    const written = entries(root);
    if (!CACHES) {
      expect(readdirSync(root)).toEqual([]);
      expect(runCli(['--check', '--jobs', '2', '.'], { cwd: dir, env })).toEqual(first);
      return;
    }
    // The CLI bundle, the thread bundle and web-tree-sitter, each compiled once.
    expect(written.size).toBeGreaterThanOrEqual(3);
    expect(runCli(['--check', '--jobs', '2', '.'], { cwd: dir, env })).toEqual(first);
    // Accepted, so not written again.
    const again = entries(root);
    expect([...again.keys()].sort()).toEqual([...written.keys()].sort());
    for (const [f, c] of again) expect(c.mtimeMs, f).toBe(written.get(f)?.mtimeMs);
  });

  it("keeps what runs under baseline-only wasm compile apart, so that no kind of run rewrites another's", () => {
    // A small pooled run starts its threads under V8's baseline-only wasm flags, and V8 accepts compiled
    // code only under the flags it was made with: Node files it by V8's flags, one folder for each.
    const kinds = [project(), project('all')];
    const root = cacheRoot();
    const env = { LOOPMIGRATE_CACHE_DIR: root };
    const args = ['--check', '--jobs', '2', '.'];
    const first = kinds.map((cwd) => runCli(args, { cwd, env }));
    const written = entries(root);
    for (const [i, cwd] of [...kinds.entries(), ...[...kinds.entries()].reverse()]) expect(runCli(args, { cwd, env })).toEqual(first[i]);
    for (const r of first) expect(r.status).toBe(1);
    const after = entries(root);
    expect([...after.keys()].sort()).toEqual([...written.keys()].sort());
    for (const [f, c] of after) expect(c.mtimeMs, f).toBe(written.get(f)?.mtimeMs);
    if (CACHES) {
      const folders = new Set([...written.keys()].map((f) => path.dirname(f)));
      expect(folders.size).toBe(isMeasuredV8(process.versions.v8) ? 2 : 1);
    }
  });

  it('replaces a damaged cache and runs as without one', () => {
    const dir = project();
    const root = cacheRoot();
    const env = { LOOPMIGRATE_CACHE_DIR: root };
    const args = ['--check', '--jobs', '2', '.'];
    const clean = runCli(args, { cwd: dir, env: { LOOPMIGRATE_CODE_CACHE: '0' } });
    runCli(args, { cwd: dir, env });
    const dirOf = compileCacheDir(env) as string;
    const garbage = Buffer.from('not a V8 code cache '.repeat(100));
    for (const f of entries(root).keys()) writeFileSync(path.join(dirOf, f), garbage);
    expect(runCli(args, { cwd: dir, env })).toEqual(clean);
    for (const [f, c] of entries(root)) expect(c.bytes.equals(garbage), f).toBe(false);
    expect(runCli(args, { cwd: dir, env })).toEqual(clean);
  });

  it('is neither needed nor written when turned off or when its directory cannot be made', () => {
    const dir = project();
    const root = cacheRoot();
    const clean = runCli(['--check', '.'], { cwd: dir, env: { LOOPMIGRATE_CODE_CACHE: '0', LOOPMIGRATE_CACHE_DIR: root } });
    expect(readdirSync(root)).toEqual([]);
    // A file where the directory should be: mkdir fails, the run does not.
    const blocked = path.join(root, 'file');
    writeFileSync(blocked, '');
    expect(runCli(['--check', '.'], { cwd: dir, env: { LOOPMIGRATE_CACHE_DIR: blocked } })).toEqual(clean);
  });

  it('lives in the per-user cache directory of the platform, private to the user', () => {
    expect(compileCacheDir({ LOOPMIGRATE_CODE_CACHE: '0', LOOPMIGRATE_CACHE_DIR: '/x' })).toBeUndefined();
    expect(compileCacheDir({ LOOPMIGRATE_CACHE_DIR: '/x' })).toBe(path.join(path.resolve('/x'), 'compile-cache'));
    if (process.platform === 'linux') {
      expect(compileCacheDir({ XDG_CACHE_HOME: '/xdg' })).toBe(path.join('/xdg', 'loopmigrate', 'compile-cache'));
      // A relative XDG_CACHE_HOME is invalid by the spec and ignored.
      expect(compileCacheDir({ XDG_CACHE_HOME: 'rel' })).toBe(path.join(os.homedir(), '.cache', 'loopmigrate', 'compile-cache'));
      expect(compileCacheDir({})).toBe(path.join(os.homedir(), '.cache', 'loopmigrate', 'compile-cache'));
    }
    if (CACHES && process.platform !== 'win32') {
      const root = cacheRoot();
      runCli(['--version'], { cwd: root, env: { LOOPMIGRATE_CACHE_DIR: root } });
      expect(statSync(compileCacheDir({ LOOPMIGRATE_CACHE_DIR: root }) as string).mode & 0o777).toBe(0o700);
    }
  });
});
