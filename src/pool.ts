// A pool of worker threads (one per core), each loading the wasm grammar once. Paths go out in
// batches to keep messaging cheap; results come back in any order and the runner restores it.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Limits } from './limits.js';
import type { FileResult, Settings } from './types.js';
import type { ProjectFacts } from './pytest/facts.js';

export interface BatchRequest {
  id: number;
  paths: string[];
}

export interface BatchResponse {
  id: number;
  /** null: the file had nothing to report (saves cloning an object per clean file). */
  results: (FileResult | null)[];
}

export interface PoolOptions {
  size: number;
  settings: Settings;
  codes: string[];
  fix: boolean;
  prefilter: boolean;
  limits?: Limits;
  /** Project facts from the pre-pass (plain data, cloned into each thread). */
  facts?: ProjectFacts;
}

export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism());
}

export function internalErrorResult(file: string, err: unknown): FileResult {
  const message = err instanceof Error ? err.message : String(err);
  return { path: file, findings: [], warnings: [], skipped: { reason: 'internal-error', message: `internal error while processing (${message}); the file was left unchanged, please report it` } };
}

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (r: BatchResponse) => void; reject: (e: Error) => void; worker: Worker }>();
  private readonly waiting: Array<() => void> = [];
  private nextId = 0;
  private failure: Error | undefined;

  constructor(opts: PoolOptions) {
    const url = new URL('./thread.js', import.meta.url);
    for (let i = 0; i < opts.size; i++) {
      const worker = new Worker(url, { workerData: { settings: opts.settings, codes: opts.codes, fix: opts.fix, prefilter: opts.prefilter, limits: opts.limits, facts: opts.facts } });
      worker.on('message', (res: BatchResponse) => {
        const job = this.pending.get(res.id);
        if (!job) return;
        this.pending.delete(res.id);
        this.release(worker);
        job.resolve(res);
      });
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a worker thread exited with status ${code}`));
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  /** Run one batch on the next free thread. */
  async run(paths: string[]): Promise<BatchResponse> {
    if (this.failure) throw this.failure;
    const worker = await this.acquire();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker });
      worker.postMessage({ id, paths } satisfies BatchRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private acquire(): Promise<Worker> {
    const free = this.idle.pop();
    if (free) return Promise.resolve(free);
    return new Promise((resolve) => this.waiting.push(() => resolve(this.idle.pop() as Worker)));
  }

  private release(worker: Worker): void {
    this.idle.push(worker);
    this.waiting.shift()?.();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const job of this.pending.values()) job.reject(err);
    this.pending.clear();
  }
}
