// The files loopmigrate makes besides fixed sources (--patch, --patch-dir, --report, --verify's run
// summary): written the way sources are, a complete temporary file in the same directory and then a
// rename, so that a full disk, a file size limit or a kill never leaves a truncated or empty file in
// place of the previous good one. A read-only file or directory is refused, as for sources.
import { realpathSync, statSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import { commit, discard, readOnlyPart, stage, type Staged } from './write.js';
import { StaleTempSweeper } from './tempfiles.js';

export interface OutputFile {
  readonly file: string;
  readonly bytes: Uint8Array | string;
}

/**
 * Writes every file, or (when one cannot be written) none: each is staged completely before the
 * first is renamed into place. Throws with a reason fit for a message (describeIoError); the files
 * already at those paths are then left as they were. (A stream, see placeOf, is written as it comes.)
 */
export function writeOutputs(files: readonly OutputFile[]): void {
  const staged: Staged[] = [];
  try {
    for (const { file, bytes } of files) {
      const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
      const target = placeOf(path.resolve(file));
      if (target.stream) writeFileSync(target.path, data);
      else staged.push(stage(target.path, data, target.mode));
    }
  } catch (err) {
    for (const s of staged) discard(s);
    throw err;
  }
  for (const s of staged) commit(s);
}

export function writeOutput(file: string, bytes: Uint8Array | string): void {
  writeOutputs([{ file, bytes }]);
}

/**
 * Where the bytes for `file` go: the real file a link points at (with its mode), or the path itself
 * when nothing is there yet. A device, a pipe or a descriptor's name (/dev/stdout, /proc/self/fd/3,
 * `>(cmd)`) is a stream, not a file to replace: it is written in place.
 */
function placeOf(file: string): { path: string; mode?: number; stream?: boolean } {
  if (/^\/(dev|proc)\//.test(file)) return { path: file, stream: true };
  let st: Stats;
  try {
    st = statSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    if (!statSync(path.dirname(file), { throwIfNoEntry: false })?.isDirectory()) throw new Error('its directory does not exist', { cause: err });
    // A dangling link is replaced by the file, not followed to where its target would be.
    return checked(file, undefined);
  }
  if (st.isDirectory()) throw new Error('is a directory');
  if (!st.isFile()) return { path: file, stream: true };
  return checked(realpathSync(file), st.mode);
}

function checked(file: string, mode: number | undefined): { path: string; mode?: number } {
  const readOnly = readOnlyPart(file, mode);
  if (readOnly === 'file') throw new Error('the file is read-only');
  if (readOnly === 'directory') throw new Error('its directory is read-only');
  // What a killed earlier run left in this directory (only our own names, of processes that are gone).
  new StaleTempSweeper().visit(file);
  return { path: file, mode: mode === undefined ? undefined : mode & 0o7777 };
}
