// Atomic, checked writes: never truncate or half-write a user's file, never overwrite a file that
// changed since it was read, never write anywhere but the real path the file was read from.
//
// Order: write and fsync a temp file next to the target, then check that the target is still the
// file that was read (same inode, size, mtime and content hash, no symlink in its directory path),
// then rename. A process killed at any moment leaves either the old or the new file plus at most a
// temp file, which the next fix run removes (src/write/tempfiles.ts). The check and the rename are not one
// atomic step: a writer racing into that microsecond gap is not detected (no portable lock exists).
// stage() and commit() are also how the files that are not sources are written (src/write/output.ts).
import { accessSync, constants, closeSync, fsyncSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../common/snapshot.js';
import { tempPathFor } from './tempfiles.js';
import type { FileSnapshot } from '../common/types.js';
import { describeIoError } from '../common/io-errors.js';

export type WriteOutcome = { ok: true } | { ok: false; reason: 'changed-during-run' | 'write-failed' | 'unsafe-path'; message: string };

/** Test seams: called at the points where another process could interfere. */
export interface WriteHooks {
  /** After the temp file is complete, before the target is checked and replaced. */
  beforeCommit?: (tempPath: string) => void;
}

const changed: WriteOutcome = { ok: false, reason: 'changed-during-run', message: 'changed on disk while loopmigrate was working; it was not overwritten, run loopmigrate again' };

/** Why the target must not be replaced now, or null when it is still the file that was read. */
function verify(snap: FileSnapshot): WriteOutcome | null {
  const dir = path.dirname(snap.realPath);
  if (realpathSync(dir) !== dir) {
    return { ok: false, reason: 'unsafe-path', message: `a directory on its path (${dir}) became a symbolic link during the run; nothing was written, check the directory and run loopmigrate again` };
  }
  const st = lstatSync(snap.realPath);
  if (st.isSymbolicLink() || !st.isFile()) {
    return { ok: false, reason: 'unsafe-path', message: 'was replaced by a link or a non-regular file during the run; nothing was written' };
  }
  if (st.dev !== snap.dev || st.ino !== snap.ino || st.size !== snap.size || st.mtimeMs !== snap.mtimeMs) return changed;
  if (sha256(readFileSync(snap.realPath)) !== snap.sha256) return changed;
  return null;
}

export function writeIfUnchanged(snap: FileSnapshot, next: Uint8Array, hooks: WriteHooks = {}): WriteOutcome {
  const file = snap.realPath;
  let mode: number;
  try {
    const st = statSync(file);
    mode = st.mode & 0o7777;
    const readOnly = readOnlyPart(file, st.mode);
    if (readOnly === 'file') return { ok: false, reason: 'write-failed', message: 'is read-only; make it writable (chmod u+w) to let loopmigrate fix it' };
    if (readOnly === 'directory') {
      return { ok: false, reason: 'write-failed', message: 'is in a read-only directory (loopmigrate writes a temporary file next to it); make the directory writable to let loopmigrate fix it' };
    }
    const problem = verify(snap);
    if (problem) return problem;
  } catch (err) {
    return { ok: false, reason: 'write-failed', message: `could not be re-read before writing (${describeIoError(err)}); it was left unchanged` };
  }
  let staged: Staged | undefined;
  try {
    staged = stage(file, next, mode);
    hooks.beforeCommit?.(staged.temp);
    const problem = verify(snap);
    if (problem) {
      // Through a swapped directory this unlink misses; the next run's sweep removes the orphan.
      discard(staged);
      return problem;
    }
    commit(staged);
    return { ok: true };
  } catch (err) {
    if (staged) discard(staged);
    return { ok: false, reason: 'write-failed', message: `could not be written (${describeIoError(err)}); it was left unchanged` };
  }
}

/**
 * Which part of a write of `file` its owner made read-only, by the permission bits rather than
 * access(): root may write anything, but a user who made a file or its directory read-only asked for
 * it to be left alone. `mode` is the file's, or undefined for a file that does not exist yet.
 */
export function readOnlyPart(file: string, mode: number | undefined): 'file' | 'directory' | null {
  if (mode !== undefined && ((mode & 0o222) === 0 || !writable(file))) return 'file';
  return (statSync(path.dirname(file)).mode & 0o222) === 0 ? 'directory' : null;
}

/** A complete, synced temporary file next to the file it is to replace. */
export interface Staged {
  readonly file: string;
  readonly temp: string;
}

/**
 * Writes `bytes` to a new temporary file in the directory of `file` and syncs it; `mode` is set
 * exactly when given (a new file otherwise gets the umask's). Throws, leaving no temporary file,
 * when that fails: `file` itself is not touched.
 */
export function stage(file: string, bytes: Uint8Array, mode?: number): Staged {
  const temp = tempPathFor(file);
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(temp, 'wx', mode ?? 0o666);
    created = true;
    // A write may take fewer bytes than asked (a disk that fills up, a file size limit) without an
    // error; the next one then reports it.
    for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    if (mode !== undefined) chmodSync(temp, mode);
    return { file, temp };
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    if (created) removeQuietly(temp);
    throw err;
  }
}

/** Puts a staged file in place of its target (one rename), made durable; throws, removing the temporary file, when the rename fails. */
export function commit(staged: Staged): void {
  try {
    renameSync(staged.temp, staged.file);
  } catch (err) {
    discard(staged);
    throw err;
  }
  syncDirectory(path.dirname(staged.file));
}

/** Removes a staged file that is not to be used. */
export function discard(staged: Staged): void {
  removeQuietly(staged.temp);
}

function removeQuietly(temp: string): void {
  try {
    unlinkSync(temp);
  } catch {
    // Already renamed or removed: nothing is left behind.
  }
}

function writable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Make the rename durable across a power loss; some file systems refuse fsync on directories. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: the rename itself has already happened.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
