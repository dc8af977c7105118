// When V8 optimises our JavaScript. A run is short and keeps both cores busy (the main thread and a
// pool thread per extra core), so the optimising compiler's background threads compete with the work
// itself: on the sparse benchmark corpus they took ~450 ms of a run's ~1.45 s of CPU, most of it
// compiling functions that ran for a few files and deoptimised as the next file brought other shapes.
// V8 counts the bytecode a function has run and optimises it once that passes a budget (66 KB in
// V8 11); a 16 times larger budget leaves only the really hot loops to the optimiser. Measured on the
// benchmark corpora with Node 20 (V8 11.3), 15 interleaved runs each: wall time -11% (sparse) and -9%
// (dense), CPU -11%, and -9% on four copies of the sparse corpus. Other V8 versions tier differently
// (Node 22's has Maglev on), so they keep their defaults until measured. LOOPMIGRATE_V8_TUNING=0 turns
// it off.
import v8 from 'node:v8';

/** The V8 major versions the flags below were measured on. */
const MEASURED = new Set(['11']);

const FLAGS = ['--interrupt-budget=1081344'];

/**
 * Sets the flags for this process (the pool's threads share them) and returns them; call it before the
 * bundles load. Only the tiering changes: no flag here affects what a run computes.
 */
export function tuneV8(env: NodeJS.ProcessEnv = process.env, v8Version: string = process.versions.v8, set: (flag: string) => void = v8.setFlagsFromString): string[] {
  if (env.LOOPMIGRATE_V8_TUNING === '0' || !MEASURED.has(v8Version.split('.')[0] ?? '')) return [];
  for (const flag of FLAGS) set(flag);
  return FLAGS;
}
