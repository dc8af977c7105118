// In-place fixing only touches files git can give back: a file with uncommitted changes (modified,
// staged or untracked) is refused unless --allow-dirty, as `cargo fix` does. Files outside any git
// work tree, or when git is not installed, are allowed: there is nothing to compare with.
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';

export class DirtyGuard {
  /** Directory → work tree root (null: not in a work tree). */
  private readonly roots = new Map<string, string | null>();
  /** Work tree root → real paths with uncommitted changes, read once before the first write there. */
  private readonly dirty = new Map<string, Set<string>>();

  /** True when `file` has uncommitted changes in its git work tree. */
  isDirty(file: string): boolean {
    const real = realpath(file);
    const root = this.root(path.dirname(real));
    if (root === null) return false;
    let set = this.dirty.get(root);
    if (!set) {
      set = status(root);
      this.dirty.set(root, set);
    }
    return set.has(real);
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

function status(root: string): Set<string> {
  const out = git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all']) ?? '';
  const set = new Set<string>();
  const entries = out.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (!entry || entry.length < 4) continue;
    set.add(path.join(root, entry.slice(3)));
    // A rename or copy is followed by its source path, which is not a status entry of its own.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return set;
}

function git(cwd: string, args: string[]): string | null {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return r.status === 0 && !r.error ? r.stdout : null;
}

function realpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
