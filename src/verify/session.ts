// The temporary workspaces of one verification, and their removal however it ends: normally, on
// SIGINT or SIGTERM (after the running command's process group is killed), on the caller's AbortSignal,
// and at process exit as a last resort.
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { killGroup } from './command.js';
import { Workspace } from './workspace.js';

/** Thrown when SIGINT, SIGTERM or the caller's AbortSignal stopped verification (after cleaning up). */
export class VerifyInterrupted extends Error {
  constructor(readonly signal: NodeJS.Signals | null) {
    super(`verification interrupted${signal ? ` by ${signal}` : ''}; the project was left as it was`);
  }
}

/** The workspaces of one verify() call, made on demand up to its number of jobs, reused between runs. */
export class Session {
  readonly abort = new AbortController();
  private interruptedBy: NodeJS.Signals | null = null;
  private readonly idle: Workspace[] = [];
  private made = 0;
  private readonly groups = new Map<Workspace, number>();
  private readonly onSigint = () => this.interrupt('SIGINT');
  private readonly onSigterm = () => this.interrupt('SIGTERM');
  private readonly onAbort = () => this.interrupt(null);
  private readonly onExit = () => {
    for (const pgid of this.groups.values()) killGroup(pgid, 'SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  };

  private constructor(
    private readonly dir: string,
    private readonly external: AbortSignal | undefined,
  ) {
    process.on('SIGINT', this.onSigint);
    process.on('SIGTERM', this.onSigterm);
    process.on('exit', this.onExit);
    if (external?.aborted) this.interrupt(null);
    else external?.addEventListener('abort', this.onAbort, { once: true });
  }

  static async open(tempDir: string, external: AbortSignal | undefined): Promise<Session> {
    await mkdir(tempDir, { recursive: true });
    return new Session(await mkdtemp(path.join(tempDir, 'loopmigrate-verify-')), external);
  }

  private interrupt(signal: NodeJS.Signals | null): void {
    if (this.abort.signal.aborted) return;
    this.interruptedBy = signal;
    this.abort.abort();
  }

  /** Throws VerifyInterrupted once verification was told to stop. */
  checkpoint(): void {
    if (this.abort.signal.aborted) throw new VerifyInterrupted(this.interruptedBy);
  }

  /** A workspace no run is using: an idle one, else a new copy of `root` without the paths `exclude`. */
  async workspace(root: string, exclude: readonly string[], copied: (ws: Workspace, ms: number) => void): Promise<Workspace> {
    this.checkpoint();
    const ready = this.idle.pop();
    if (ready) return ready;
    const t0 = performance.now();
    const parent = path.join(this.dir, `ws-${++this.made}`);
    await mkdir(parent);
    let ws: Workspace;
    try {
      // The copies and the logs may lie inside the project: they are no part of it.
      ws = await Workspace.create(root, parent, { exclude: [this.dir, ...exclude], signal: this.abort.signal });
    } catch (err) {
      this.checkpoint();
      throw err;
    }
    copied(ws, performance.now() - t0);
    return ws;
  }

  release(ws: Workspace): void {
    this.idle.push(ws);
  }

  trackGroup(pgid: number | null, ws: Workspace): void {
    if (pgid === null) this.groups.delete(ws);
    else this.groups.set(ws, pgid);
  }

  async close(): Promise<void> {
    process.off('SIGINT', this.onSigint);
    process.off('SIGTERM', this.onSigterm);
    this.external?.removeEventListener('abort', this.onAbort);
    await rm(this.dir, { recursive: true, force: true, maxRetries: 3 });
    process.off('exit', this.onExit);
  }
}
