// Spawning programs the way a user's shell would, with output captured and a hard time limit.
import { spawn } from 'node:child_process';

export interface RunResult {
  /** Exit code, or null when the process died by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Whether `interruptWhen` was seen and SIGINT sent. */
  interrupted: boolean;
}

export interface RunOptions {
  cwd?: string;
  /** Added to (and overriding) the inherited environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  timeoutMs: number;
  /** Send SIGINT (a user's Ctrl+C) once stdout contains this text. */
  interruptWhen?: string;
}

export function run(cmd: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let interrupted = false;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (opts.interruptWhen !== undefined && !interrupted && stdout.includes(opts.interruptWhen)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, interrupted });
    });
  });
}

/** A compact, readable account of a run for assertion messages. */
export function describeRun(label: string, r: RunResult): string {
  const status = r.timedOut ? 'TIMED OUT' : r.signal ? `killed by ${r.signal}` : `exit ${r.code}`;
  return `${label}: ${status}\n--- stdout ---\n${r.stdout}--- stderr ---\n${r.stderr}`;
}
