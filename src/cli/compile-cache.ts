// Node's module compile cache for the CLI and the pool threads: with it, V8 reads the bundles'
// compiled code from disk instead of compiling them at every start (module.enableCompileCache(),
// Node 22.8 and later; Node 20 has none and runs without, which costs it ~10 ms a start). The bin shim
// calls this before it loads the CLI bundle; the pool threads inherit it through NODE_COMPILE_CACHE.
//
// The cache lives in the user's cache directory, never in a shared temporary directory (Node's
// default), where another user could plant code. Whatever fails (no home directory, a read-only one)
// only means no cache, never a failed run; Node checks every entry against the file it was made from.
// LOOPMIGRATE_CODE_CACHE=0 turns it off; LOOPMIGRATE_CACHE_DIR moves it; NODE_COMPILE_CACHE, when set,
// is Node's and wins.
import { mkdirSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** module.enableCompileCache(), which @types/node 20 does not know. */
type EnableCompileCache = (dir: string) => { directory?: string };

/** The cache directory, or undefined when caching is off or there is no home. Node adds a folder per version. */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
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
  return path.join(path.resolve(base), 'compile-cache');
}

/**
 * Turns Node's compile cache on for this process and the pool threads it will start, where this Node
 * has one. Returns the directory, or undefined when there is no cache.
 */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const enable = (module as { enableCompileCache?: EnableCompileCache }).enableCompileCache;
  const dir = compileCacheDir(env);
  if (!enable || dir === undefined) return undefined;
  try {
    // Private to the user (0700): no one else can read or plant what Node writes inside.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { directory } = enable(dir);
    if (directory === undefined) return undefined;
    // Worker threads turn the cache on from their environment, which they copy from this one.
    env.NODE_COMPILE_CACHE ??= directory;
    return directory;
  } catch {
    return undefined;
  }
}
