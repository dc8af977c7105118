// A pool of worker threads (one per core but one: the main thread works too, once discovery and the
// pre-pass are done). The main thread sends every thread the list of paths as discovery finds them;
// all of them claim the next few files from a shared counter, so work is shared file by file whatever
// the files cost, and a main thread busy with the pre-pass or with printing never leaves a thread
// idle. Each claim comes back as one message on a port of its own; results() puts them in order.
// The main thread takes those messages off the ports between its own claims (receiveMessageOnPort):
// busy with files, it does not return to the event loop, and event-driven delivery held every
// thread's results (and the progress, and the memory they hold) until the last file was done.
// While the run's wasm tier is being chosen (src/run/wasm-tier.ts), a file that needs parsing comes back as
// DEFERRED in its claim; its result follows in a Late message from whichever thread parsed it later.
import os from 'node:os';
import { existsSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Limits } from '../../common/limits.js';
import type { FileResult, Settings } from '../../common/types.js';
import { DEFERRING_MAX_FILES, useBaselineWasm, type TierShared, type WasmTier } from '../wasm-tier.js';
import { DEFERRED, type Deferred } from '../../file/worker.js';
import type { ProjectFacts } from '../../common/facts.js';

/** Files per claim: few, so that the last large files of a run spread over the threads. */
export const CLAIM = 8;

/** How long close() waits for threads that are done to end by themselves. */
const CLOSE_WAIT_MS = 5000;

/** Main → thread. */
export type ToThread =
  /** More paths, appended to the thread's copy of the list. */
  | { paths: string[] }
  /** Discovery is over: the list holds every path. */
  | { end: true }
  /** The project facts, once the pre-pass has them (test-suite rules only). */
  | { facts: ProjectFacts }
  /** The wasm tier is chosen (it is in the shared state): deferred files may be parsed. */
  | { tier: true };

/**
 * Thread → main: the results of the claim starting at `start` (null: nothing to report, the file was
 * not parsed; DEFERRED: a file that waits for the wasm tier, whose result comes as a Late message).
 */
export interface Claimed {
  start: number;
  results: (FileResult | null | Deferred)[];
}

/** Thread → main: the result of the deferred file at `index`. */
export interface Late {
  late: number;
  result: FileResult | null;
}

/** Thread → main: the thread has scanned every file it could claim (the main thread may choose the tier). */
export interface Scanned {
  scanned: true;
}

type FromThread = Claimed | Late | Scanned;

export interface ThreadData {
  settings: Settings;
  codes: string[];
  fix: boolean;
  prefilter: boolean;
  keepSource?: boolean;
  limits?: Limits;
  /** The test-suite rules need project facts, which will arrive in a message. */
  factsPending: boolean;
  /** Int32Array over it: [0] is the index of the next unclaimed path. */
  counter: SharedArrayBuffer;
  /** Where the thread posts its claims (Claimed). */
  results: MessagePort;
  /** The run's wasm tier, when it is still to be chosen (src/run/wasm-tier.ts). */
  tier?: TierShared;
}

export type PoolOptions = Omit<ThreadData, 'counter' | 'results' | 'tier'> & { size: number; tier?: WasmTier };

export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism());
}

/** What a claim carries for a file: nothing for a clean one (saves cloning an object per file). */
export function claimedResult(r: FileResult | Deferred): FileResult | null | Deferred {
  if (r === DEFERRED) return r;
  // Most files of a run: no rule concerned them. A parsed file with nothing to report is rarer and small to send.
  return r.notParsed && r.findings.length === 0 && !r.skipped && r.fixed === undefined && r.warnings.length === 0 ? null : r;
}

/** The share of a run's paths claimed from the shared counter so far, once they are all known. */
export function claimedShare(counter: Int32Array, known: number, ended: boolean): number | undefined {
  return ended && known ? Math.min(1, Atomics.load(counter, 0) / known) : undefined;
}

/** A deferred file's result, processed once the tier is chosen: it cannot be deferred again. */
export function undeferred<T extends FileResult | null>(file: string, result: T | Deferred): T | FileResult {
  return result === DEFERRED ? internalErrorResult(file, new Error('a deferred file was deferred again')) : result;
}

export function internalErrorResult(file: string, err: unknown): FileResult {
  const message = err instanceof Error ? err.message : String(err);
  return { path: file, findings: [], warnings: [], skipped: { reason: 'internal-error', message: `internal error while processing (${message}); the file was left unchanged, please report it` } };
}

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly paths: string[] = [];
  private readonly claims = new Map<number, Claimed>();
  private readonly counter: Int32Array;
  private next = 0;
  /** Threads that have not exited: a thread ends by itself once nothing is left to claim. */
  private running = 0;
  /** Resolves once `running` is 0. */
  private readonly allExited: Promise<void>;
  private exitedAll = () => {};
  private ended = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  /** Results of deferred files, by index (src/run/wasm-tier.ts). */
  private readonly late = new Map<number, FileResult | null>();
  private readonly tier: WasmTier | undefined;
  /** The threads have been told that the tier is chosen. */
  private announced = false;

  constructor(opts: PoolOptions) {
    const { size, tier, ...data } = opts;
    this.tier = tier;
    this.allExited = new Promise((resolve) => (this.exitedAll = resolve));
    const counter = new SharedArrayBuffer(4);
    this.counter = new Int32Array(counter);
    const url = bundleFile('thread.cjs');
    // Each thread compiles the wasm modules when it first parses (after the tier is chosen); V8 compiles
    // the same bytes once per process and shares the code, optimised functions included.
    for (let i = 0; i < size; i++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(url, { workerData: { ...data, counter, results: port2, tier: tier?.shared } satisfies ThreadData, transferList: [port2] });
      // While the main thread waits, claims arrive as events; while it works, drain() takes them.
      port1.on('message', (m: FromThread) => this.received(m));
      this.ports.push(port1);
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (--this.running === 0) this.exitedAll();
        if (code !== 0) this.fail(new Error(`a worker thread exited with status ${code}`));
        else this.notify();
      });
      this.running++;
      this.workers.push(worker);
    }
  }

  /** Hand more paths to the threads (in discovery order). */
  add(paths: string[]): void {
    if (paths.length === 0) return;
    for (const p of paths) this.paths.push(p);
    this.broadcast({ paths });
    if (this.tier && this.paths.length >= DEFERRING_MAX_FILES) {
      this.tier.chooseOptimising();
      this.announce();
    }
  }

  /** The share of the paths claimed so far, once all are known. */
  claimed(): number | undefined {
    return claimedShare(this.counter, this.paths.length, this.ended);
  }

  /** No more paths will come. */
  end(): void {
    this.ended = true;
    this.broadcast({ end: true });
  }

  /** Project facts from the pre-pass (plain data, cloned into each thread). */
  setFacts(facts: ProjectFacts): void {
    this.broadcast({ facts });
  }

  /**
   * The results, in the order the paths were added; ends once end() was called and all are back. While
   * the next result is not there, the main thread claims files too and processes them with `local`;
   * once nothing is left to claim, it chooses the wasm tier when that is its part, and parses deferred
   * files.
   */
  async *results(local: (path: string, index: number) => Promise<FileResult | null | Deferred>): AsyncGenerator<FileResult> {
    for (;;) {
      if (this.failure) throw this.failure;
      this.drain();
      this.announce();
      const at = this.next - (this.next % CLAIM);
      const claimed = this.claims.get(at);
      const r = claimed?.results[this.next - at];
      const ready = r === DEFERRED ? this.late.has(this.next) : r !== undefined;
      if (claimed && ready) {
        const result = r === DEFERRED ? this.late.get(this.next) : r;
        this.late.delete(this.next);
        yield result ?? { path: this.paths[this.next] ?? '', findings: [], warnings: [], notParsed: true };
        this.next++;
        if (this.next - at === claimed.results.length) this.claims.delete(at);
        continue;
      }
      if (this.ended && this.next >= this.paths.length) return;
      // Deferred files first once the tier is chosen: results wait for them in order.
      if (await this.parseDeferred(local)) continue;
      const start = this.ended ? Atomics.add(this.counter, 0, CLAIM) : this.paths.length;
      if (start < this.paths.length) {
        const results: Claimed['results'] = [];
        for (let i = start; i < Math.min(start + CLAIM, this.paths.length); i++) results.push(await local(this.paths[i] as string, i));
        this.claims.set(start, { start, results });
        continue;
      }
      if (this.tier && this.ended) {
        // Nothing left to claim: this thread has scanned its part.
        this.tier.finishScanning();
        this.tier.chooseBaseline(() => useBaselineWasm());
        this.announce();
        if (await this.parseDeferred(local)) continue;
      }
      // What an ended thread posted is in its port, and drain() above took it.
      if (this.running === 0) throw new Error('a worker thread ended without returning all of its results');
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Processes one deferred file here, if the tier is chosen and one is left; false if none was. */
  private async parseDeferred(local: (path: string, index: number) => Promise<FileResult | null | Deferred>): Promise<boolean> {
    const index = this.tier?.takeDeferred();
    if (index === undefined) return false;
    const path = this.paths[index] as string;
    this.late.set(index, undeferred(path, await local(path, index)));
    return true;
  }

  /** Tells the threads, once, that the tier is chosen (by this thread, or by one that passed the limit). */
  private announce(): void {
    if (this.announced || !this.tier?.decided()) return;
    this.announced = true;
    this.broadcast({ tier: true });
  }

  /**
   * After a complete run the threads end by themselves, and Node writes their compile cache as they
   * exit (src/cli/compile-cache.ts): wait for that, up to a limit. After an error, or past the limit,
   * stop them.
   */
  async close(): Promise<void> {
    for (const port of this.ports) port.close();
    if (this.ended && this.next >= this.paths.length && !this.failure) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CLOSE_WAIT_MS)));
      const ended = await Promise.race([this.allExited, late]);
      clearTimeout(timer);
      if (ended !== 'late') return;
    }
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** Takes the claims that have arrived without waiting for the event loop. */
  private drain(): void {
    for (const port of this.ports) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) this.received(m.message as FromThread);
    }
  }

  private received(m: FromThread): void {
    if ('start' in m) this.claims.set(m.start, m);
    else if ('late' in m) this.late.set(m.late, m.result);
    this.notify();
  }

  private broadcast(msg: ToThread): void {
    for (const w of this.workers) w.postMessage(msg);
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.notify();
  }
}

/**
 * A bundle of scripts/bundle.mjs: they sit together in dist/src/, where this module is either bundled
 * (dist/src/cli.cjs) or emitted by tsc two folders down (dist/src/run/pool/pool.js, as tests load it).
 */
function bundleFile(name: string): URL {
  const here = new URL('./', import.meta.url);
  const up = new URL('../..', import.meta.url);
  return existsSync(new URL(name, here)) ? new URL(name, here) : new URL(name, up);
}
