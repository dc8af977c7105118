// How much fuzzing a run does: a few seconds in `npm test`, more with `npm run fuzz`.
export const LONG = process.env.LOOPMIGRATE_FUZZ === 'long';
export const RUNS = Number(process.env.LOOPMIGRATE_FUZZ_RUNS ?? (LONG ? 5000 : 150));
/** A seed makes a failing CI run reproducible: it is printed with every failure. */
export const SEED = process.env.LOOPMIGRATE_FUZZ_SEED ? Number(process.env.LOOPMIGRATE_FUZZ_SEED) : undefined;
