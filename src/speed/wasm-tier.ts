// Which wasm tier a run parses in (src/speed/v8-tuning.ts: V8's baseline compiler only, or its optimising
// compiler too), decided from the bytes the run will parse, before anything is parsed. What pays is the
// bytes parsed, not the bytes read: a repository of 7 MiB may parse half a MiB of it. That is known
// only once the files are scanned, while the choice must come before the wasm is compiled. So, in a run
// too large to be sure of beforehand, a file that needs parsing is deferred: its index goes on a shared
// list and the scan goes on. Whichever thread sees the deferred bytes pass the limit, or projects them
// past it from the share of files claimed so far, chooses the optimising tier (V8's default; the pool
// also chooses it for a run of many files); once every thread that has joined has scanned its files,
// the main thread, which alone sets V8 flags, chooses the baseline tier. Then every thread takes
// deferred files off the list, reads them again and parses them. Results still come out in discovery
// order.
//
// The state is a few integers in a SharedArrayBuffer that the main thread and the pool threads share.

/** Still scanning: files that need parsing wait. */
export const UNDECIDED = 0;
/** Baseline-only wasm (`--liftoff-only` is set). */
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
    // A thread that joined just now may still defer files, and may be writing its code cache under the
    // flags as they are (flagsAsLoaded): the choice waits for it.
    if (!this.allScanned()) {
      Atomics.store(this.state, MODE, UNDECIDED);
      return;
    }
    Atomics.store(this.state, MODE, setBaseline() ? BASELINE : OPTIMISING);
  }

  /**
   * For a thread that has joined: false once the baseline tier is chosen (V8's baseline-only flag is
   * set). Until this thread has scanned its files it cannot change: the choice waits for them.
   */
  flagsAsLoaded(): boolean {
    let m = Atomics.load(this.state, MODE);
    while (m === SETTING) m = Atomics.load(this.state, MODE);
    return m !== BASELINE;
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
