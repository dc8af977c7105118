// Which wasm tier a run parses in: V8's baseline compiler (Liftoff) only, or its optimising compiler
// too. V8 starts optimising the hottest wasm functions (the parser loop alone takes ~100 ms to
// compile, the query compiler) a few dozen ms into a run, on a background thread that competes with
// the run's own threads, and the process cannot exit before that compile has finished: a run that
// parses little waits for code it hardly runs. In the baseline compiler the parser is ~1.5 times
// slower per byte, so the baseline tier pays by how many bytes a run parses. Measured on Node 20, 22
// and 24 (docs/developers-log.md, "Node versions"): one file takes a fifth less CPU and ~10 MB less
// memory, a run of 20 files a quarter to a third less CPU, 364 files of a standard library (0.6 MiB
// parsed, deferred as below) an eighth to a sixth less; runs that parse more are unchanged, since
// they take the optimising tier.
//
// Only the CLI's own process chooses (the bin shim opts in, src/cli/cli.ts; a library caller's process
// is left alone), only on the V8 versions it was measured on, and not with LOOPMIGRATE_V8_TUNING=0.
// The choice changes no result. V8 reads the flags when a wasm module is compiled, so the choice comes
// before the first parse and before a pool thread that would parse is told to; the flags are set on
// the main thread for the whole process, pool threads included.
//
// What pays is the bytes parsed, not the bytes read: a repository of 7 MiB may parse half a MiB of
// it. A run of at most BASELINE_WASM_MAX_BYTES in all takes the baseline tier at once (even when every
// file needs parsing that is about even). In a larger run, whose parsed bytes are known only once the
// files are scanned, a file that needs parsing is deferred: its index goes on a shared list and the
// scan goes on. Whichever thread sees the deferred bytes pass the limit, or projects them past it from
// the share of files claimed so far, chooses the optimising tier (V8's default; the pool also chooses
// it for a run of many files); once every thread that has joined has scanned its files, the main
// thread, which alone sets V8 flags, chooses the baseline tier. Then every thread takes deferred files
// off the list, reads them again and parses them. Results still come out in discovery order.
//
// The state of that choice is a few integers in a SharedArrayBuffer that the main thread and the pool
// threads share.
import v8 from 'node:v8';

/** The V8 major versions this was measured on: Node 20 (V8 11), 22 (12) and 24 (13). */
const MEASURED = new Set(['11', '12', '13']);

/**
 * Baseline-only wasm. V8 13 no longer derives the other two flags from the first when it is set at run
 * time (with `--liftoff-only` alone a run still optimised its wasm), so all three are set.
 */
const BASELINE_FLAGS = ['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering'];

/** A run holding more bytes than this keeps V8's optimising wasm compiler. */
export const BASELINE_WASM_MAX_BYTES = 3 * 1024 * 1024;

type SetFlags = (flag: string) => void;

/** This process may choose the tier (the CLI's own), and whether it has set the baseline flags. */
let chooses = false;
let baselineSet = false;

/**
 * Opts this process in to choosing its runs' wasm tier; the bin shim calls it. Returns whether it did:
 * not on a V8 it was not measured on, nor with LOOPMIGRATE_V8_TUNING=0.
 */
export function chooseWasmTier(env: NodeJS.ProcessEnv = process.env, v8Version: string = process.versions.v8): boolean {
  chooses = env.LOOPMIGRATE_V8_TUNING !== '0' && isMeasuredV8(v8Version);
  return chooses;
}

/** Whether the choice was measured on this V8 (`process.versions.v8`). */
export function isMeasuredV8(v8Version: string): boolean {
  return MEASURED.has(v8Version.split('.')[0] ?? '');
}

/**
 * For a run of `bytes(limit)` in all, on the main thread only: keeps wasm in V8's baseline compiler when
 * the run is small enough (`bytes` may stop counting once it is past `limit`). Call it before the wasm
 * is compiled (before the first parse, and before a pool is started). Returns whether it did. A no-op
 * unless the process opted in, and then the size is not even asked for.
 */
export function baselineWasm(bytes: (limit: number) => number, set: SetFlags = v8.setFlagsFromString): boolean {
  if (!canChooseBaselineWasm() || bytes(BASELINE_WASM_MAX_BYTES) > BASELINE_WASM_MAX_BYTES) return false;
  return useBaselineWasm(set);
}

/**
 * Sets baseline-only wasm now, for a run that has found out it parses little (WasmTier below), on the
 * main thread only. Returns whether it did: not in a process that did not opt in, nor twice.
 */
export function useBaselineWasm(set: SetFlags = v8.setFlagsFromString): boolean {
  if (!canChooseBaselineWasm()) return false;
  for (const flag of BASELINE_FLAGS) set(flag);
  baselineSet = true;
  return true;
}

/** Whether a run may still choose baseline-only wasm: the process opted in and has not set it yet. */
export function canChooseBaselineWasm(): boolean {
  return chooses && !baselineSet;
}

/** Which wasm tiers this run uses, for --verbose: V8's default ones where the process did not opt in. */
export function wasmTiers(): string {
  if (!chooses) return "V8's defaults";
  return baselineSet ? 'baseline compiler only' : 'baseline and optimising compilers';
}

/** For tests: forget what this process was told. */
export function resetWasmTier(): void {
  chooses = false;
  baselineSet = false;
}

/** Still scanning: files that need parsing wait. */
export const UNDECIDED = 0;
/** Baseline-only wasm (BASELINE_FLAGS are set). */
export const BASELINE = 1;
/** V8's default tiers. */
export const OPTIMISING = 2;
/** The main thread is setting the baseline flag. */
const SETTING = 3;

// Layout of the shared integers.
const MODE = 0;
/** KiB of the files deferred so far. */
const KIB = 1;
/** Threads that have scanned everything they could claim. */
const SCANNED = 2;
/** Deferred indexes written / taken. */
const DEFERRED = 3;
const TAKEN = 4;
/** Threads that have joined (they claim files, or will). */
const JOINED = 5;
/** Where the deferred indexes start. */
const HEADER = 8;

/** What a pool thread is given to share the decision. */
export interface TierShared {
  buffer: SharedArrayBuffer;
  /** Deferred bytes past which the optimising tier is chosen, in KiB. */
  limitKiB: number;
}

/** The share of a run's files claimed from which its deferred bytes are projected onto all of them. */
const PROJECT_FROM = 0.1;

/** How many deferred files the list holds; past it the optimising tier is chosen. */
const CAPACITY = 1 << 16;

/**
 * Bytes of deferred files past which a run takes the optimising tier. Lower than the size up to which
 * a run takes the baseline tier beforehand (BASELINE_WASM_MAX_BYTES, where parsing all of it costs
 * about the same in either tier), since holding the parses back costs too: on the dense benchmark
 * corpus (2.6 MiB parsed) deferring up to 3 MiB was 3% slower than the optimising tier from the start,
 * up to 1.5 MiB 1-3%, and with the projection (PROJECT_FROM) +0.5%; 700 files of a standard library
 * (0.9 MiB parsed) 9-11% faster.
 */
export const DEFERRED_MAX_BYTES = 1.5 * 1024 * 1024;

/**
 * The same for a run on one thread (`--jobs 1`, or a run of fewer than 64 files): V8's optimising
 * compiler then has a core to itself, and the baseline tier pays for less. 356 to 1068 files of a
 * standard library on one thread, deferring up to 1.5 MiB: 0.48 MiB parsed −3%, 0.9 MiB +5% and +7%.
 */
export const DEFERRED_MAX_BYTES_ONE_THREAD = 0.5 * 1024 * 1024;

/**
 * A run of this many files or more takes the optimising tier as soon as discovery has found them: its
 * scan is long enough that holding the first parses back costs more than the baseline tier saves (the
 * sparse benchmark corpus, 2548 files and 2.2 MiB parsed, was 4% slower deferring up to 1, 1.5 or 3 MiB).
 */
export const DEFERRING_MAX_FILES = 2048;

export function tierShared(limitBytes: number): TierShared {
  return { buffer: new SharedArrayBuffer((HEADER + CAPACITY) * 4), limitKiB: Math.floor(limitBytes / 1024) };
}

export class WasmTier {
  private readonly state: Int32Array;
  private joined = false;
  private scanned = false;

  constructor(readonly shared: TierShared) {
    this.state = new Int32Array(shared.buffer);
  }

  mode(): number {
    const m = Atomics.load(this.state, MODE);
    return m === SETTING ? UNDECIDED : m;
  }

  decided(): boolean {
    return this.mode() !== UNDECIDED;
  }

  /**
   * Call for a file of `bytes` that needs parsing, with its index in the run and, once the number of
   * files is known, the share of them claimed so far. True: parse it now (the tier is decided, maybe
   * by this file). False: it was put on the deferred list. Past a tenth of the files, a run whose
   * deferred bytes so far project past the limit takes the optimising tier without waiting for them
   * (a run where most files need parsing).
   */
  defer(index: number, bytes: number, share?: number): boolean {
    if (this.decided()) return true;
    const kib = Atomics.add(this.state, KIB, Math.ceil(bytes / 1024)) + Math.ceil(bytes / 1024);
    const projected = share !== undefined && share >= PROJECT_FROM ? kib / share : kib;
    const slot = projected > this.shared.limitKiB ? CAPACITY : Atomics.add(this.state, DEFERRED, 1);
    if (slot >= CAPACITY) {
      Atomics.compareExchange(this.state, MODE, UNDECIDED, OPTIMISING);
      return true;
    }
    // Written after its slot was counted: a reader waits for it (1-based, 0 is "not yet").
    Atomics.store(this.state, HEADER + slot, index + 1);
    return false;
  }

  /**
   * This thread begins to claim files (once, before its first claim). A thread still starting when the
   * others have claimed every file never joins, and the choice need not wait for it.
   */
  join(): void {
    if (this.joined) return;
    this.joined = true;
    Atomics.add(this.state, JOINED, 1);
  }

  /** This thread has scanned every file it claimed (once). */
  finishScanning(): void {
    if (this.scanned) return;
    this.scanned = true;
    Atomics.add(this.state, SCANNED, 1);
  }

  /**
   * Every thread that claimed files has scanned them. Asked by a thread that found no file left to
   * claim: whoever holds a claim joined before it claimed, so no file will be deferred any more.
   */
  allScanned(): boolean {
    return Atomics.load(this.state, SCANNED) >= Atomics.load(this.state, JOINED);
  }

  /** The optimising tier, whatever is deferred (any thread; a choice made already stays). */
  chooseOptimising(): void {
    Atomics.compareExchange(this.state, MODE, UNDECIDED, OPTIMISING);
  }

  /**
   * On the main thread, once allScanned() (a no-op before): the deferred files hold fewer bytes than the
   * limit, so the baseline tier it is; `setBaseline` sets the V8 flag before any thread can see the
   * decision.
   */
  chooseBaseline(setBaseline: () => boolean): void {
    // Asked first so that the SETTING state, which others see as undecided, is only ever taken once no
    // thread will defer a file any more.
    if (!this.allScanned() || Atomics.compareExchange(this.state, MODE, UNDECIDED, SETTING) !== UNDECIDED) return;
    // A thread that joined just now may still defer files: the choice waits for it.
    if (!this.allScanned()) {
      Atomics.store(this.state, MODE, UNDECIDED);
      return;
    }
    Atomics.store(this.state, MODE, setBaseline() ? BASELINE : OPTIMISING);
  }

  /** The index of a deferred file not taken yet by any thread, once the tier is decided. */
  takeDeferred(): number | undefined {
    if (!this.decided()) return undefined;
    for (;;) {
      // Never counted past what is written: a file deferred just as the tier was decided comes later.
      const slot = Atomics.load(this.state, TAKEN);
      if (slot >= Math.min(Atomics.load(this.state, DEFERRED), CAPACITY)) return undefined;
      if (Atomics.compareExchange(this.state, TAKEN, slot, slot + 1) !== slot) continue;
      let value = Atomics.load(this.state, HEADER + slot);
      // Its writer counted the slot and stores the index next: a few instructions away.
      while (value === 0) value = Atomics.load(this.state, HEADER + slot);
      return value - 1;
    }
  }
}
