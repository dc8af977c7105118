// Loads the two bundles (CLI and pool thread) through V8's code cache, as Node 22's
// module.enableCompileCache() would; Node 20 has no such thing. Node keeps no compiled code between
// runs of an ES module, so the bundles are CommonJS scripts compiled with vm.Script, which takes and
// produces V8's cache: the bytecode of the functions a run compiled. A later run of the same bundle on
// the same Node skips parsing and compiling them.
//
// The cache is one file per bundle in the user's cache directory, named by a hash of the bundle's
// text, and kept per Node version and architecture; V8 itself rejects a cache made under other flags,
// so a bundle loaded under other flags in some runs keeps a variant of its own (thread.baseline-...).
// A missing or rejected cache is written once the run has done its work (so it holds what a real run
// compiles), under a temporary name first, so that no reader sees half a file; the bundle's other
// caches (earlier builds) and temporary files left by killed runs are removed then. Whatever fails
// (no home directory, a read-only one) only means no cache, never a failed run. It is never put in a
// shared temporary directory, where another user could plant code. LOOPMIGRATE_CODE_CACHE=0 turns it
// off; LOOPMIGRATE_CACHE_DIR moves it.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { threadId } from 'node:worker_threads';

import { restoreRunFlags } from './v8-tuning.js';

// The bin shim loads this bundle first: the JIT tuning that must precede the others comes with it.
export { tuneV8 } from './v8-tuning.js';

export interface LoadedBundle {
  /** What the bundle exports. */
  exports: Record<string, unknown>;
  /** Write the cache if there was none or V8 rejected it; call it once the run has done its work. */
  save(): void;
}

/** The directory for this Node's caches, or undefined when caching is off or there is no home. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.LOOPMIGRATE_CODE_CACHE === '0') return undefined;
  let base = env.LOOPMIGRATE_CACHE_DIR;
  if (!base) {
    let home = '';
    try {
      home = os.homedir();
    } catch {
      // No home directory: no cache.
    }
    if (!home) return undefined;
    const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : undefined;
    const user =
      process.platform === 'win32'
        ? (env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'))
        : process.platform === 'darwin'
          ? path.join(home, 'Library', 'Caches')
          : (xdg ?? path.join(home, '.cache'));
    base = path.join(user, 'loopmigrate');
  }
  return path.join(path.resolve(base), 'v8', `${process.version}-${process.arch}`);
}

/**
 * Compiles and runs a CommonJS bundle, with V8's code cache when there is a usable one. V8 accepts a
 * cache only under the flags it was made with: a bundle loaded under other flags in some runs (a pool
 * thread under baseline-only wasm) names that `variant`, and has a cache of its own.
 */
export function loadBundle(file: string, variant?: string): LoadedBundle {
  const source = readFileSync(file, 'utf8');
  const name = path.basename(file).replace(/\.[cm]?js$/, '') + (variant === undefined ? '' : `.${variant}`);
  const dir = codeCacheDir();
  const cacheFile = dir === undefined ? undefined : path.join(dir, `${name}-${createHash('sha1').update(source).digest('hex')}.bin`);
  let cachedData: Buffer | undefined;
  if (cacheFile !== undefined) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // None yet.
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} as Record<string, unknown> };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  let pending = cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true);
  return {
    exports: module.exports,
    save() {
      if (!pending || dir === undefined || cacheFile === undefined) return;
      pending = false;
      const temp = `${cacheFile}.${process.pid}-${threadId}.tmp`;
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        // Under the flags the next run will read it with (a small run's baseline-only wasm is undone).
        restoreRunFlags();
        writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
        renameSync(temp, cacheFile);
        for (const f of readdirSync(dir)) {
          if (!f.startsWith(`${name}-`) || f === path.basename(cacheFile)) continue;
          // Another build's cache, or the temporary file of a run killed while writing (an hour old).
          const other = path.join(dir, f);
          if (f.endsWith('.bin') || (f.endsWith('.tmp') && modifiedBefore(other, Date.now() - 3_600_000))) rmSync(other, { force: true });
        }
      } catch {
        try {
          rmSync(temp, { force: true });
        } catch {
          // Nothing more to do: the run goes on without a cache.
        }
      }
    },
  };
}

/** False too when the file has gone meanwhile (another run renamed or removed it). */
function modifiedBefore(file: string, time: number): boolean {
  try {
    return statSync(file).mtimeMs < time;
  } catch {
    return false;
  }
}
