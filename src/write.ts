// Atomic, checked writes: never truncate or half-write a user's file, never overwrite a file that
// changed since it was read.
import { randomBytes } from 'node:crypto';
import { accessSync, constants, closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { describeIoError } from './worker.js';

export type WriteOutcome = { ok: true } | { ok: false; reason: 'changed-during-run' | 'write-failed'; message: string };

export const TEMP_PREFIX = '.loopmigrate-';

export function writeIfUnchanged(file: string, original: Uint8Array, next: Uint8Array): WriteOutcome {
  let mode: number;
  try {
    const st = statSync(file);
    mode = st.mode & 0o7777;
    try {
      accessSync(file, constants.W_OK);
    } catch {
      return { ok: false, reason: 'write-failed', message: 'is read-only; make it writable (chmod u+w) to let loopmigrate fix it' };
    }
    const now = readFileSync(file);
    if (!Buffer.from(original).equals(now)) {
      return { ok: false, reason: 'changed-during-run', message: 'changed on disk while loopmigrate was working; it was not overwritten, run loopmigrate again' };
    }
  } catch (err) {
    return { ok: false, reason: 'write-failed', message: `could not be re-read before writing (${describeIoError(err)})` };
  }
  const dir = path.dirname(file);
  const temp = path.join(dir, `${TEMP_PREFIX}${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode);
    writeSync(fd, next);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    chmodSync(temp, mode);
    renameSync(temp, file);
    return { ok: true };
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // the temp file was never created
    }
    return { ok: false, reason: 'write-failed', message: `could not be written (${describeIoError(err)}); it was left unchanged` };
  }
}
