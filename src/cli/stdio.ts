// stdout or stderr that cannot be written (a full disk, /dev/full, a reader that went away) ends the
// run at once with exit 2: never a stack trace, never exit 1 (which reads as "findings"). Each write of
// a fix run is atomic and synchronous, so stopping between two of them leaves every file either as it
// was or fully fixed.
import { writeSync } from 'node:fs';
import { describeIoError } from '../common/io-errors.js';

/** Installs the handlers; the bin shim calls it before the run writes anything. */
export function guardStdio(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => stop(err, 'standard output'));
  process.stderr.on('error', (err: NodeJS.ErrnoException) => stop(err, undefined));
}

/**
 * Writes to stdout or stderr, and stops at once when that failed. A file or a pipe is written
 * synchronously and its error is known right away, but announced a tick later: the run must not go
 * on meanwhile to print a summary line as if the output had been written.
 */
export function writeStd(stream: NodeJS.WriteStream, s: string | Uint8Array): void {
  stream.write(s);
  if (stream.errored) stop(stream.errored, stream === process.stderr ? undefined : 'standard output');
}

/**
 * A reader that stopped early (`loopmigrate --dry-run | head`) wants no more output: that ends quietly,
 * as a closed pipe ends the Unix tools, but with 2 rather than 0 because the output (and in fix mode
 * the run) is incomplete. Any other failure is said in one line on stderr, unless stderr is what failed.
 */
function stop(err: NodeJS.ErrnoException, stream: string | undefined): never {
  if (stream !== undefined && err.code !== 'EPIPE') {
    try {
      writeSync(2, `loopmigrate: error: cannot write to ${stream} (${describeIoError(err)}); the output is incomplete\n`);
    } catch {
      // stderr is gone too: the exit status is all that is left to say it.
    }
  }
  process.exit(2);
}
