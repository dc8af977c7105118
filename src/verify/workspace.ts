// A temporary copy of the project for the user's command to run in. Copied with plain file copies (no
// hard links: the command may write files), modes and modification times kept (so Python's cached
// bytecode of untouched modules stays valid), symlinks kept as links, an absolute link into the
// project pointed at the copy instead. The only files ever rewritten are the ones the fixes touch, so
// putting a workspace into any state is rewriting those files, from the original bytes or a fixed text.
import { spawnSync } from 'node:child_process';
import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, readFile, readdir, readlink, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The directory to copy for `dir`: its git work tree's top level, else `dir` itself. */
export function projectRoot(dir: string): string {
  const r = spawnSync('git', ['-c', 'core.fsmonitor=false', 'rev-parse', '--show-toplevel'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return r.status === 0 && !r.error && r.stdout.trim() ? path.resolve(r.stdout.trim()) : path.resolve(dir);
}

/** Files copied at once: enough to keep the disk busy, few enough not to run out of descriptors. */
const COPY_CONCURRENCY = 32;

export class Workspace {
  /** Root-relative path → the key of the contents last written there ('' for the original bytes). */
  private readonly written = new Map<string, string>();

  private constructor(
    /** The copy of the project root. */
    readonly root: string,
  ) {}

  /** Copies `source` to `<parent>/<basename of source>` (the name kept: some tools read it). */
  static async create(source: string, parent: string, signal?: AbortSignal): Promise<Workspace> {
    const root = path.join(parent, path.basename(source) || 'project');
    await copyTree(source, root, signal);
    return new Workspace(root);
  }

  /**
   * Puts `contents` into the root-relative file `rel` unless it holds them already; `key` names the
   * contents ('' for the original bytes) so that an unchanged file is not rewritten.
   */
  async put(rel: string, key: string, contents: Uint8Array | string): Promise<void> {
    if ((this.written.get(rel) ?? '') === key) return;
    await writeFile(path.join(this.root, rel), contents);
    this.written.set(rel, key);
  }
}

/** Copies `source` to `dest`, which must not exist; stops early (throwing) when `signal` aborts. */
async function copyTree(source: string, dest: string, signal: AbortSignal | undefined): Promise<void> {
  const files: Array<[string, string]> = [];
  const links: Array<[string, string]> = [];
  const walk = async (from: string, to: string): Promise<void> => {
    signal?.throwIfAborted();
    const st = await lstat(from);
    // Writable by us whatever the original's mode, so that the copy can be filled and removed.
    await mkdir(to, { mode: (st.mode & 0o7777) | 0o700 });
    const dirs: Array<Promise<void>> = [];
    for (const entry of await readdir(from, { withFileTypes: true })) {
      const a = path.join(from, entry.name);
      const b = path.join(to, entry.name);
      if (entry.isDirectory()) dirs.push(walk(a, b));
      else if (entry.isFile()) files.push([a, b]);
      else if (entry.isSymbolicLink()) links.push([a, b]);
      // Sockets, FIFOs and devices are no project content a command could need copied.
    }
    await Promise.all(dirs);
  };
  await walk(source, dest);
  await inBatches(files, signal, async ([a, b]) => {
    // A copy-on-write clone where the file system offers one, else a plain copy; never a hard link.
    await copyFile(a, b, constants.COPYFILE_FICLONE);
    const st = await lstat(a);
    await utimes(b, st.atime, st.mtime);
  });
  await inBatches(links, signal, async ([a, b]) => {
    const target = await readlink(a);
    const rel = path.relative(source, target);
    // An absolute link into the project would let the command write the user's tree.
    const intoProject = path.isAbsolute(target) && rel !== '..' && !rel.startsWith(`..${path.sep}`);
    await symlink(intoProject ? path.join(dest, rel) : target, b);
  });
}

async function inBatches<T>(items: readonly T[], signal: AbortSignal | undefined, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      signal?.throwIfAborted();
      await work(items[next++] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(COPY_CONCURRENCY, items.length) }, worker));
}

/** The original bytes of the root-relative files the fixes touch, read once from the user's tree. */
export async function readOriginals(root: string, rels: readonly string[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const rel of rels) out.set(rel, await readFile(path.join(root, rel)));
  return out;
}
