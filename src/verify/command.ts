// One run of the user's command: `sh -c COMMAND` in its own process group, output to a log file, killed
// with its whole group when it times out or the run is interrupted. Processes the command left running
// in its group are killed when it ends, so nothing outlives a run.
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface CommandRun {
  readonly exitCode: number | null;
  /** The signal that ended the shell, when one did. */
  readonly signal: NodeJS.Signals | null;
  readonly durationMs: number;
  readonly timedOut: boolean;
  /** True when `signal` (the caller's AbortSignal) stopped the run. */
  readonly interrupted: boolean;
  readonly logPath: string;
}

export interface CommandOptions {
  readonly command: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  /** stdout and stderr, interleaved as written, after `header` when one is given. */
  readonly logPath: string;
  readonly header?: string;
  readonly signal?: AbortSignal;
  /** Told the process group id once the command started (and null once it is gone). */
  readonly onGroup?: (pgid: number | null) => void;
}

/** How long a group that got SIGTERM may take to end before it gets SIGKILL. */
export const KILL_GRACE_MS = 2000;

/** Sends `signal` to a whole process group; a group already gone is no error. */
export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

export function runCommand(opts: CommandOptions): Promise<CommandRun> {
  const fd = openSync(opts.logPath, 'w');
  if (opts.header) writeSync(fd, opts.header);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let timedOut = false;
    let interrupted = false;
    let graceTimer: NodeJS.Timeout | undefined;
    const child = spawn('/bin/sh', ['-c', opts.command], {
      cwd: opts.cwd,
      env: opts.env,
      // Its own process group (and session), so that killing the group reaches everything it started.
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    const pgid = child.pid;
    if (pgid !== undefined) opts.onGroup?.(pgid);
    const stop = () => {
      if (pgid === undefined) return;
      killGroup(pgid, 'SIGTERM');
      graceTimer ??= setTimeout(() => killGroup(pgid, 'SIGKILL'), KILL_GRACE_MS);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, opts.timeoutMs);
    const onAbort = () => {
      interrupted = true;
      stop();
    };
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      // Whatever the command left running in its group (a server, `sleep &`) goes with it; after a
      // SIGTERM, once its grace period is over (the command itself often ends first, and the rest of
      // the group may still be cleaning up).
      if (graceTimer === undefined && pgid !== undefined) killGroup(pgid, 'SIGKILL');
      opts.onGroup?.(null);
    };
    child.once('error', (err) => {
      finish();
      reject(err);
    });
    child.once('exit', (exitCode, signal) => {
      finish();
      resolve({
        exitCode,
        signal: timedOut || interrupted ? null : signal,
        durationMs: performance.now() - started,
        timedOut,
        interrupted,
        logPath: opts.logPath,
      });
    });
  });
}
