// A temporary copy of the project for the user's command to run in. Copied with plain file copies (no
// hard links: the command may write files), modes and modification times kept (so Python's cached
// bytecode of untouched modules stays valid), symlinks kept as links, an absolute link into the
// project pointed at the copy instead. The only files ever rewritten are the ones the fixes touch, so
// putting a workspace into any state is rewriting those files, from the original bytes or a fixed text.
// Whatever else a run leaves in the copy (caches, reports) stays for the next run in it.
import { spawnSync } from 'node:child_process';
import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, readFile, readdir, readlink, rm, symlink, utimes, writeFile } from 'node:fs/promises';
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

export interface CopyOptions {
  /** Absolute paths inside the source not to copy (the workspaces and logs themselves). */
  readonly exclude?: readonly string[];
  /** Stops the copy early (it throws). */
  readonly signal?: AbortSignal;
}

export class Workspace {
  private constructor(
    /** The copy of the project root. */
    readonly root: string,
  ) {}

  /** Copies `source` to `<parent>/<basename of source>` (the name kept: some tools read it). */
  static async create(source: string, parent: string, opts: CopyOptions = {}): Promise<Workspace> {
    const root = path.join(parent, path.basename(source) || 'project');
    await copyTree(source, root, new Set(opts.exclude ?? []), opts.signal);
    return new Workspace(root);
  }

  /**
   * Makes the root-relative file `rel` hold `contents` (a string as UTF-8), or removes it for null.
   * A file that holds them already is left alone, so its modification time (and bytecode) stays valid;
   * it is compared, not remembered, because the command may have written it.
   */
  async put(rel: string, contents: Uint8Array | string | null): Promise<void> {
    const file = path.join(this.root, rel);
    const current = await readIfExists(file);
    if (contents === null) {
      if (current !== null) await rm(file, { force: true });
      return;
    }
    const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
    if (current !== null && current.equals(bytes)) return;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
  }
}

async function copyTree(source: string, dest: string, exclude: ReadonlySet<string>, signal: AbortSignal | undefined): Promise<void> {
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
      if (exclude.has(a)) continue;
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

/**
 * The original bytes of the root-relative files the fixes touch, read once from the user's tree; null
 * for a file a fix creates.
 */
export async function readOriginals(root: string, rels: readonly string[]): Promise<Map<string, Buffer | null>> {
  const out = new Map<string, Buffer | null>();
  for (const rel of rels) out.set(rel, await readIfExists(path.join(root, rel)));
  return out;
}

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * PYTHONPATH for a run in the copy `copyCwd` (the copy of the user's working directory, in the copy of
 * `root`): the copy's `src/` (when there is one) and the copy's working directory first, then the
 * user's own entries, those inside the project pointed at the copy. The copy's code must be what the
 * command imports: an editable install (`pip install -e .`) or a PYTHONPATH entry would otherwise
 * import the user's untouched tree, and a fix in it would pass unproven.
 */
export function pythonPathFor(root: string, copyRoot: string, copyCwd: string, existing: string | undefined, hasSrc: boolean): string {
  const moved = (existing ?? '')
    .split(path.delimiter)
    .filter((entry) => entry !== '')
    .map((entry) => {
      const abs = path.resolve(entry);
      const rel = path.relative(root, abs);
      return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel)) ? path.join(copyRoot, rel) : entry;
    });
  const first = [...(hasSrc ? [path.join(copyCwd, 'src')] : []), copyCwd];
  return [...new Set([...first, ...moved])].join(path.delimiter);
}
