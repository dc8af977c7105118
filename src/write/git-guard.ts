// In-place fixing only touches files git can give back: a file with uncommitted changes (modified,
// staged, untracked or ignored) is refused unless --allow-dirty, as `cargo fix` does. Files outside any git
// work tree, or when git is not installed, are allowed: there is nothing to compare with. When git
// cannot say (its status fails or takes longer than GIT_TIMEOUT_MS: a costly .gitignore pattern can
// make it run for minutes), the files of that work tree are refused: not knowing is not "clean".
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';

export class DirtyGuard {
  /** Directory → work tree root (null: not in a work tree). */
  private readonly roots = new Map<string, string | null | Listed>();
  /** Work tree root → what `git status` lists there, read once before the first write there. */
  private readonly dirty = new Map<string, Listed>();

  /** Why `file` may not be written (uncommitted changes, or git could not tell), or undefined. */
  refusal(file: string): string | undefined {
    const real = realpath(file);
    const root = this.root(path.dirname(real));
    if (root === null) return undefined;
    if (typeof root !== 'string') return refusalFor(root);
    let listed = this.dirty.get(root);
    if (!listed) {
      listed = status(root);
      this.dirty.set(root, listed);
    }
    if (listed.failed !== undefined) return refusalFor(listed);
    if (listed.files.has(real) || listed.dirs.some((d) => real.startsWith(d))) return 'has uncommitted changes or is not tracked (git status), so its fixes were not applied';
    return undefined;
  }

  /** The work tree root of `dir`, null outside any, or a Listed that failed when git could not say in time. */
  private root(dir: string): string | null | Listed {
    let root = this.roots.get(dir);
    if (root === undefined) {
      const r = run(dir, ['rev-parse', '--show-toplevel'], gitTimeout());
      root = r.timedOut ? timedOut('rev-parse') : r.out === null ? null : realpath(r.out.trim());
      this.roots.set(dir, root);
    }
    return root;
  }
}

interface Listed {
  files: Set<string>;
  /** Ignored directories are listed whole, with a trailing separator here. */
  dirs: string[];
  /** git status gave no answer: why. */
  failed?: string;
}

/** How long `git status` may take: LOOPMIGRATE_GIT_TIMEOUT milliseconds, one minute by default. */
function gitTimeout(): number {
  const ms = Number(process.env.LOOPMIGRATE_GIT_TIMEOUT);
  return Number.isFinite(ms) && ms > 0 ? ms : 60_000;
}

function timedOut(command: string): Listed {
  return { files: new Set(), dirs: [], failed: `\`git ${command}\` did not finish within ${Math.round(gitTimeout() / 1000)} s (a costly .gitignore pattern can make git status this slow)` };
}

function refusalFor(listed: Listed): string {
  return `was not written: ${listed.failed ?? 'git could not say whether it has uncommitted changes'}; commit or stash first, or pass --allow-dirty to fix without the check`;
}

function status(root: string): Listed {
  const r = run(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignored=matching'], gitTimeout());
  if (r.timedOut) return timedOut('status');
  if (r.out === null) return { files: new Set(), dirs: [], failed: '`git status` failed, so whether it has uncommitted changes is not known' };
  const out = r.out;
  const listed: Listed = { files: new Set(), dirs: [] };
  const entries = out.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (!entry || entry.length < 4) continue;
    const rel = entry.slice(3);
    if (rel.endsWith('/')) listed.dirs.push(path.join(root, rel.slice(0, -1)) + path.sep);
    else listed.files.add(path.join(root, rel));
    // A rename or copy is followed by its source path, which is not a status entry of its own.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return listed;
}

function run(cwd: string, args: string[], timeout: number): { out: string | null; timedOut: boolean } {
  // The scanned repository's config must not make us run its commands (an fsmonitor hook would).
  // The listing of a big tree can exceed spawnSync's default 1 MB buffer: that must not read as "clean".
  const r = spawnSync('git', ['-c', 'core.fsmonitor=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 * 1024 });
  const error: NodeJS.ErrnoException | undefined = r.error;
  const timedOut = error?.code === 'ETIMEDOUT';
  return { out: r.status === 0 && !r.error ? r.stdout : null, timedOut };
}

function realpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
