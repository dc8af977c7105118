// In-place fixing only touches files git can give back: a file with uncommitted changes (modified,
// staged, untracked or ignored) is refused unless --allow-dirty, as `cargo fix` does. Files outside any git
// work tree, or when git is not installed, are allowed: there is nothing to compare with.
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';

export class DirtyGuard {
  /** Directory → work tree root (null: not in a work tree). */
  private readonly roots = new Map<string, string | null>();
  /** Work tree root → what `git status` lists there, read once before the first write there. */
  private readonly dirty = new Map<string, Listed>();

  /** True when `file` has uncommitted changes in its git work tree. */
  isDirty(file: string): boolean {
    const real = realpath(file);
    const root = this.root(path.dirname(real));
    if (root === null) return false;
    let listed = this.dirty.get(root);
    if (!listed) {
      listed = status(root);
      this.dirty.set(root, listed);
    }
    return listed.files.has(real) || listed.dirs.some((d) => real.startsWith(d));
  }

  private root(dir: string): string | null {
    let root = this.roots.get(dir);
    if (root === undefined) {
      const r = git(dir, ['rev-parse', '--show-toplevel']);
      root = r === null ? null : realpath(r.trim());
      this.roots.set(dir, root);
    }
    return root;
  }
}

interface Listed {
  files: Set<string>;
  /** Ignored directories are listed whole, with a trailing separator here. */
  dirs: string[];
}

function status(root: string): Listed {
  const out = git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignored=matching']) ?? '';
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

function git(cwd: string, args: string[]): string | null {
  // The scanned repository's config must not make us run its commands (an fsmonitor hook would).
  const r = spawnSync('git', ['-c', 'core.fsmonitor=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return r.status === 0 && !r.error ? r.stdout : null;
}

function realpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
