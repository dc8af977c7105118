// When V8 optimises our code. Two settings, both measured on Node 20 (V8 11.3) and applied only there,
// only in the CLI's own process (the bin shim opts in; a library caller's process is left alone), and
// off with LOOPMIGRATE_V8_TUNING=0. Neither changes what a run computes.
//
// 1. The optimisation budget of JavaScript (tuneV8, for every run). A run is short and keeps both cores
//    busy (the main thread and a pool thread per extra core), so the optimising compiler's background
//    threads compete with the work itself: on the sparse benchmark corpus they took ~450 ms of a run's
//    ~1.45 s of CPU, most of it compiling functions that ran for a few files and deoptimised as the next
//    file brought other shapes. V8 counts the bytecode a function has run and optimises it once that
//    passes a budget (66 KB in V8 11); a 16 times larger budget leaves only the really hot loops to the
//    optimiser. 15 interleaved runs each: wall time -11% (sparse) and -9% (dense), CPU -11%, and -9% on
//    four copies of the sparse corpus.
// 2. Baseline-only wasm for a run of few bytes (baselineWasm). V8 starts optimising the hottest wasm
//    functions (the parser loop alone takes ~100 ms to compile, the query compiler) a few dozen ms into
//    a run, on a background thread that competes with the run's own threads, and the process cannot exit
//    before that compile has finished: a one-file run spent 40-60 ms waiting for code it never ran. Kept
//    in the baseline compiler, the parser is ~1.5 times slower per byte, so this pays by how many bytes
//    a run parses, which is not known before it scans them; the run's total size bounds it. Up to
//    BASELINE_WASM_MAX_BYTES even a run in which every file is parsed is about even (2.9 MiB of files
//    that all need parsing, pooled: +2%; 1.5 MB on one thread: -10%), and a run of ordinary files is
//    much faster (2.2 MiB of a standard library, 125 files, pooled: -28%, 230 -> 165 ms). A larger
//    run chooses once its scan knows how much it parses (src/speed/wasm-tier.ts, canChooseBaselineWasm).
//
// Other V8 versions tier differently (Node 22's has Maglev on), so they keep their defaults until
// measured. Any flag set here also makes V8 refuse Node's own built-in code cache for what loads
// afterwards (a pool thread's bootstrap takes ~45 ms instead of ~22 ms); the gains above are net of it.
import v8 from 'node:v8';

/** The V8 major versions the flags below were measured on. */
const MEASURED = new Set(['11']);

const FLAGS = ['--interrupt-budget=1081344'];

/** A run holding more bytes than this keeps V8's optimising wasm compiler. */
export const BASELINE_WASM_MAX_BYTES = 3 * 1024 * 1024;

/** Process-wide marks, shared by the bundles loaded into the main thread (each has its own module copy). */
const TUNED = Symbol.for('loopmigrate.v8-tuned');
const UNDO = Symbol.for('loopmigrate.v8-undo');

type Marks = { [TUNED]?: boolean; [UNDO]?: string[] };
const marks = globalThis as unknown as Marks;

type SetFlags = (flag: string) => void;

function measured(env: NodeJS.ProcessEnv, v8Version: string): boolean {
  return env.LOOPMIGRATE_V8_TUNING !== '0' && MEASURED.has(v8Version.split('.')[0] ?? '');
}

/**
 * Sets the optimisation budget for this process (the pool's threads share it) and returns the flags
 * set; the bin shim calls it before the bundles load. It also opts the process in to baselineWasm().
 */
export function tuneV8(env: NodeJS.ProcessEnv = process.env, v8Version: string = process.versions.v8, set: SetFlags = v8.setFlagsFromString): string[] {
  if (!measured(env, v8Version)) return [];
  for (const flag of FLAGS) set(flag);
  marks[TUNED] = true;
  return FLAGS;
}

/**
 * For a run of `bytes(limit)` in all, on the main thread only: keeps wasm in V8's baseline compiler when
 * the run is small enough (`bytes` may stop counting once it is past `limit`). Call it before the wasm
 * is compiled (before the first parse, and before a pool is started: its threads load their bundle
 * under the flags of the moment). Returns whether it did. A no-op unless tuneV8() ran in this process,
 * and then the size is not even asked for.
 */
export function baselineWasm(bytes: (limit: number) => number, set: SetFlags = v8.setFlagsFromString): boolean {
  if (!canChooseBaselineWasm() || bytes(BASELINE_WASM_MAX_BYTES) > BASELINE_WASM_MAX_BYTES) return false;
  return useBaselineWasm(set);
}

/**
 * Sets baseline-only wasm now, for a run that has found out it parses little (src/speed/wasm-tier.ts), on the
 * main thread only. Returns whether it did: not where tuneV8() set nothing, nor twice.
 */
export function useBaselineWasm(set: SetFlags = v8.setFlagsFromString): boolean {
  if (!canChooseBaselineWasm()) return false;
  set('--liftoff-only');
  // The flag and what V8 turns off with it (back to V8 11's defaults): a code cache made with any of
  // them still changed is refused by the next run.
  marks[UNDO] = ['--no-liftoff-only', '--wasm-tier-up', '--wasm-dynamic-tiering'];
  return true;
}

/**
 * Whether a run may still choose baseline-only wasm once it knows how much it parses (src/speed/wasm-tier.ts):
 * the process opted in and has not set the flag yet.
 */
export function canChooseBaselineWasm(): boolean {
  return marks[TUNED] === true && marks[UNDO] === undefined;
}

/**
 * Whether this process runs baseline-only wasm now: a pool thread started meanwhile loads its bundle
 * under that flag, so its code cache is a variant of its own (src/speed/code-cache.ts).
 */
export function baselineWasmOn(): boolean {
  return marks[UNDO] !== undefined;
}

/** Which wasm tiers this run uses, for --verbose: V8's default ones where tuneV8() set nothing. */
export function wasmTiers(): string {
  if (marks[TUNED] !== true) return "V8's defaults";
  return marks[UNDO] !== undefined ? 'baseline compiler only' : 'baseline and optimising compilers';
}

/**
 * Undoes baselineWasm() before a code cache is written: V8 refuses a cache made under other flags than
 * the ones it is read under, and the next run reads it before it knows its size.
 */
export function restoreRunFlags(set: SetFlags = v8.setFlagsFromString): void {
  const undo = marks[UNDO];
  if (!undo) return;
  for (const flag of undo) set(flag);
  delete marks[UNDO];
}

/** For tests: forget what this process was told. */
export function resetMarks(): void {
  delete marks[TUNED];
  delete marks[UNDO];
}
