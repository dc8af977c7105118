// Reading the small side files a run consults (.gitignore, pyproject.toml): a FIFO, device or huge
// file under that name must not hang or exhaust the run, so such a file counts as absent.
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync } from 'node:fs';

const MAX_SIDE_FILE = 4 * 1024 * 1024;

/** The file's text, or undefined when it is missing, unreadable, not a regular file or too large. */
export function readSideFile(file: string): string | undefined {
  return readSideBytes(file)?.toString('utf8');
}

/** The file's bytes, on the same terms as readSideFile (for files whose encoding must be checked). */
export function readSideBytes(file: string): Buffer | undefined {
  // Most directories have no such file: ask without the cost of an exception.
  try {
    if (!statSync(file, { throwIfNoEntry: false })) return undefined;
  } catch {
    return undefined;
  }
  const read = readRegularFile(file, MAX_SIDE_FILE);
  return read === 'too-large' ? undefined : read;
}

/**
 * A regular file's bytes, 'too-large' (not read) when it holds more than `max` bytes, undefined when
 * it is missing, unreadable or not a regular file: opened non-blocking, so a FIFO cannot hang the run.
 */
export function readRegularFile(file: string, max: number): Buffer | 'too-large' | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    if (st.size > max) return 'too-large';
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
