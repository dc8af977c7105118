// One run of the user's command (src/verify/command.ts): the log, the exit status, and that nothing the
// command started outlives the run, whether it ends, times out, ignores SIGTERM or is interrupted.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KILL_GRACE_MS, runCommand } from '../../src/verify/command.js';
import { gone } from '../helpers/processes.js';

function dir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-verify-command-'));
}

const pidsIn = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map(Number);

function run(command: string, cwd: string, extra: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  return runCommand({ command, cwd, env: { ...process.env, GREETING: 'hello' }, timeoutMs: extra.timeoutMs ?? 20_000, logPath: path.join(cwd, 'run.log'), header: '# header\n', signal: extra.signal });
}

describe('running the command', () => {
  it('runs sh -c in the given directory and environment, stdout and stderr in one log after the header', async () => {
    const cwd = dir();
    const r = await run('echo "$GREETING from $(pwd)"; echo oops >&2; exit 3', cwd);
    expect(r).toMatchObject({ exitCode: 3, signal: null, timedOut: false, interrupted: false, logPath: path.join(cwd, 'run.log') });
    expect(readFileSync(r.logPath, 'utf8')).toBe(`# header\nhello from ${cwd}\noops\n`);
  });

  it('kills what the command left running in its process group when it ends', async () => {
    const cwd = dir();
    const r = await run(`sleep 30 & echo $! > pids; exit 0`, cwd);
    expect(r.exitCode).toBe(0);
    expect(await gone(pidsIn(path.join(cwd, 'pids'))[0] as number)).toBe(true);
  });

  it('on timeout sends SIGTERM to the whole group, so that grandchildren can clean up', async () => {
    const cwd = dir();
    // The grandchild says when its trap is set, and the command waits for that: under load a shell can
    // take longer to start than a short timeout, and a SIGTERM before the trap would just end it.
    const grandchild = `sh -c 'trap "echo cleaned > marker; exit 0" TERM; : > ready; sleep 30 & wait' &`;
    const timeoutMs = 3000;
    const r = await run(`${grandchild} echo $! > pids; while [ ! -e ready ]; do sleep 0.05; done; wait`, cwd, { timeoutMs });
    expect(r.timedOut).toBe(true);
    expect(r.signal).toBeNull();
    // Ended by the SIGTERM, not by the SIGKILL that follows the grace period.
    expect(r.durationMs).toBeLessThan(timeoutMs + KILL_GRACE_MS);
    expect(await gone(pidsIn(path.join(cwd, 'pids'))[0] as number)).toBe(true);
    // The redirection creates the file before echo writes to it: wait for its text, not for the file.
    const marker = () => (existsSync(path.join(cwd, 'marker')) ? readFileSync(path.join(cwd, 'marker'), 'utf8') : '');
    for (let i = 0; i < 60 && marker() !== 'cleaned\n'; i++) await new Promise((r) => setTimeout(r, 50));
    expect(marker()).toBe('cleaned\n');
  });

  it('kills a group that ignores SIGTERM with SIGKILL after the grace period', async () => {
    const cwd = dir();
    // An ignored signal stays ignored in the children: the sleep ignores SIGTERM too.
    const r = await run(`trap '' TERM; sleep 30 & echo $! > pids; wait`, cwd, { timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(r.durationMs).toBeGreaterThanOrEqual(300 + KILL_GRACE_MS - 50);
    expect(r.durationMs).toBeLessThan(300 + KILL_GRACE_MS + 3000);
    expect(await gone(pidsIn(path.join(cwd, 'pids'))[0] as number)).toBe(true);
  });

  it('stops at once when the caller aborts', async () => {
    const cwd = dir();
    const abort = new AbortController();
    const pending = run('sleep 30 & echo $! > pids; wait', cwd, { signal: abort.signal });
    // Wait for the pid itself: the redirection creates the file before echo writes it.
    const written = () => existsSync(path.join(cwd, 'pids')) && readFileSync(path.join(cwd, 'pids'), 'utf8').endsWith('\n');
    for (let i = 0; i < 100 && !written(); i++) await new Promise((r) => setTimeout(r, 20));
    abort.abort();
    const r = await pending;
    expect(r).toMatchObject({ interrupted: true, timedOut: false, signal: null });
    expect(r.durationMs).toBeLessThan(5000);
    expect(await gone(pidsIn(path.join(cwd, 'pids'))[0] as number)).toBe(true);
  });
});
