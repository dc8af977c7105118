// One file from disk or stdin: read it safely, decide from its bytes which rules can concern it (the
// byte prefilter, waiting for the project facts where a test-suite rule may need them), then decode →
// engine → encode (src/file/pipeline.ts). Returns plain data; never throws for a bad file.
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { triggerIndex } from '../engine/engine.js';
import { initParser, ParserBrokenError, ParserMemoryError, parserAborted, ParseTimeoutError, parserLoaded, setParserMemoryLimit, setParseTimeout } from '../python/parser.js';
import { fileFacts, mayHoldFacts } from '../pytest/facts.js';
import { type ProjectFacts, type PytestFileFacts } from '../common/facts.js';
import { needs, type FileRule, type Transform } from '../rule-api/transform.js';
import type { FileResult, Settings } from '../common/types.js';
import { DEFAULT_LIMITS, formatSize, PARSER_MEMORY_MAX, type Limits } from '../common/limits.js';
import { analyse, decodeSource, isNotebook, roundTripProblem, rulesFor, skipped, type Source } from './pipeline.js';
import { snapshotOf } from '../common/snapshot.js';
import { describeIoError } from '../common/io-errors.js';
import { codingRefusal } from './decode.js';
import { FACTS_CONDITIONS } from '../rule-api/about.js';
import { factsHold } from '../speed/triggers.js';

export interface WorkerOptions {
  settings: Settings;
  transforms: readonly Transform[];
  fix: boolean;
  limits?: Limits;
  /** Facts from the project pre-pass (src/pytest/facts.ts), read-only. */
  facts?: ProjectFacts;
  /**
   * Set while the pre-pass is still running (pool threads start before it ends): a file that a
   * test-suite rule may concern waits for the facts; every other file goes ahead without them.
   */
  factsPending?: Promise<unknown>;
  /**
   * Skip what the triggers rule out (src/speed/triggers.ts): files no rule is a candidate for are neither
   * decoded nor parsed, and a parsed file runs only its candidate rules. False runs every rule on
   * every file (LOOPMIGRATE_PREFILTER=0), which must give the same findings.
   */
  prefilter: boolean;
  /** Return the source of files with fixes (SARIF output describes fixes as offsets into it). */
  keepSource?: boolean;
  /**
   * Set while the run's wasm tier may still be chosen (src/run/wasm-tier.ts): a file that needs parsing
   * before that is deferred, and comes back as DEFERRED.
   */
  tier?: TierChoice;
  /** With `tier`: the share of the run's files claimed so far, once their number is known. */
  claimed?: () => number | undefined;
}

/** The run's choice of wasm tier as a file sees it; the run (src/run/wasm-tier.ts) makes it. */
export interface TierChoice {
  decided(): boolean;
  /** For a file of `bytes` that needs parsing: true, parse it now; false, it was deferred. */
  defer(index: number, bytes: number, share?: number): boolean;
}

/** A file that needs parsing before the run's wasm tier is chosen: it is processed again later. */
export const DEFERRED = 'deferred';
export type Deferred = typeof DEFERRED;

/** `index`: the file's place in the run, which a deferred file is listed by (with opts.tier). */
export async function processFile(file: string, opts: WorkerOptions, index?: number): Promise<FileResult | Deferred> {
  const started = performance.now();
  const result = await readAndProcess(file, opts, index);
  if (result !== DEFERRED) result.elapsedMs = performance.now() - started;
  return result;
}

/**
 * One buffer per thread for the files it reads, most of which are scanned and dropped: allocating a
 * buffer per file cost more than reading it. Files are processed one at a time in a thread, and a
 * result that keeps the bytes copies them (analyse()).
 */
let scratch = Buffer.allocUnsafe(1 << 20);

/** The file's bytes (as many as there are, up to the size fstat gave: a change is caught before any write). */
function readWhole(fd: number, size: number): Uint8Array {
  if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
  let done = 0;
  while (done < size) {
    const n = readSync(fd, scratch, done, size - done, done);
    if (n === 0) break;
    done += n;
  }
  return scratch.subarray(0, done);
}

async function readAndProcess(file: string, opts: WorkerOptions, index: number | undefined): Promise<FileResult | Deferred> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  let bytes: Uint8Array;
  let st: Stats;
  let fd: number | undefined;
  // Set when `file` is a symlink named on the command line: a fix goes to the file it points at.
  let linked: string | undefined;
  try {
    // Non-blocking and no-follow: a FIFO or a link swapped in after discovery must not hang or redirect us.
    const flags = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;
    try {
      fd = openSync(file, flags);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOOP') throw err;
      linked = realpathSync(file);
      fd = openSync(linked, flags);
    }
    st = fstatSync(fd);
    if (!st.isFile()) return skipped(file, 'unreadable', 'is not a regular file (a FIFO, socket or device?); it was not read');
    if (st.size > limits.maxFileSize) {
      return skipped(file, 'too-large', `is ${formatSize(st.size)}, over the ${formatSize(limits.maxFileSize)} limit; it was not read (raise --max-file-size to process it)`);
    }
    bytes = readWhole(fd, st.size);
  } catch (err) {
    return skipped(file, 'unreadable', `cannot be read (${describeIoError(err)})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const result = await processBytes(file, bytes, opts, index);
  if (result === DEFERRED) return result;
  // Only a file that may be written needs its snapshot (hashing every file read would cost more than
  // the scan). Taken from the descriptor's stat, so a file replaced since the read fails the check.
  if (result.fixed !== undefined || linked !== undefined) {
    try {
      result.snapshot = snapshotOf(linked ?? realpathSync.native(file), st, bytes);
    } catch (err) {
      return skipped(file, 'unreadable', `cannot be read (${describeIoError(err)})`);
    }
  }
  return result;
}

/** Decides from the bytes whether the file needs parsing; the parser is loaded on the first one that does. */
export async function processBytes(file: string, bytes: Uint8Array, opts: WorkerOptions): Promise<FileResult>;
export async function processBytes(file: string, bytes: Uint8Array, opts: WorkerOptions, index: number | undefined): Promise<FileResult | Deferred>;
export async function processBytes(file: string, bytes: Uint8Array, opts: WorkerOptions, index?: number): Promise<FileResult | Deferred> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  setParseTimeout(limits.parseTimeoutMs);
  setParserMemoryLimit(limits.parserMemory);
  try {
    // While the run's wasm tier is being chosen, a file to parse is deferred before it is even decoded.
    const tier = opts.tier;
    const deferred = tier && index !== undefined ? (n: number) => !tier.defer(index, n, opts.claimed?.()) : undefined;
    let work = prepare(file, bytes, opts, deferred);
    if (work === NEEDS_FACTS) {
      // The file is a candidate for a test-suite rule, so it will most likely be parsed: load the
      // parser while the facts are on their way (a failure shows on the first file that parses).
      if (!parserLoaded() && (tier?.decided() ?? true)) await initParser().catch(() => {});
      await opts.factsPending;
      work = prepare(file, bytes, opts, deferred);
    }
    if (work === NEEDS_FACTS) throw new Error('the project facts never arrived');
    if (work === DEFERRED || !('transforms' in work)) return work;
    if (!parserLoaded()) await initParser();
    return analyse(work.source, {
      settings: opts.settings,
      transforms: work.transforms,
      active: work.active,
      fix: opts.fix,
      prefilter: opts.prefilter,
      pytest: work.pytest,
      keepSource: opts.keepSource,
      factsKnown: opts.facts !== undefined,
    });
  } catch (err) {
    if (err instanceof ParseTimeoutError) {
      return skipped(file, 'parse-timeout', `${err.message}, so it was skipped (raise --parse-timeout to process it)`);
    }
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      return skipped(file, 'too-deep', 'is nested too deeply for loopmigrate to analyse; it was left unchanged');
    }
    if (err instanceof ParserMemoryError) {
      return skipped(file, 'too-large', `${err.message}, so it was skipped (raise LOOPMIGRATE_PARSER_MEMORY, up to ${PARSER_MEMORY_MAX / 1024 ** 2}M, to process it)`);
    }
    if (err instanceof ParserBrokenError) {
      return skipped(file, 'too-large', `was not parsed: ${err.message} on an earlier file of this run; run loopmigrate on this file again`);
    }
    const aborted = parserAborted(err);
    if (aborted) return skipped(file, 'too-large', `could not be parsed: ${aborted}, so it was skipped; check that it is a Python source file, or lower --max-file-size`);
    throw err;
  }
}

interface Prepared {
  source: Source;
  transforms: readonly FileRule[];
  active: readonly FileRule[];
  pytest: PytestFileFacts | undefined;
}

const NEEDS_FACTS = Symbol('needs project facts');

/**
 * Everything before parsing: a final result for most files, or what the engine needs. `deferred(bytes)`:
 * whether a file that needs parsing waits for the run's wasm tier (src/run/wasm-tier.ts).
 */
function prepare(file: string, bytes: Uint8Array, opts: WorkerOptions, deferred?: (bytes: number) => boolean): FileResult | Prepared | Deferred | typeof NEEDS_FACTS {
  const transforms = rulesFor(file, opts.settings, opts.transforms);
  const notebook = isNotebook(file);
  // A file's facts matter when a facts condition may hold for it or a test-suite rule runs on it.
  const suite = transforms.some(waitsForFacts);
  const readsFacts = suite || transforms.some((t) => needs(t, 'loop-facts'));
  let pytest = opts.facts && readsFacts && mayHoldFacts(opts.facts) ? fileFacts(opts.facts, file) : undefined;
  let active = transforms;
  if (opts.prefilter) {
    // Before the facts arrive, ask what this file could need whatever they say: a test-suite rule
    // among the answers means waiting for them; the other rules' answers do not depend on them.
    const waiting = !opts.facts && opts.factsPending !== undefined && suite;
    const possible = waiting ? FACTS_CONDITIONS : pytest ? FACTS_CONDITIONS.filter((c) => factsHold(c, pytest)) : [];
    active = triggerIndex(transforms, possible)
      .scan(bytes, { notebook, facts: pytest, assumeFacts: waiting })
      .map((i) => transforms[i] as FileRule);
    if (waiting && active.some(waitsForFacts)) return NEEDS_FACTS;
    // Fast path: no candidate rule and nothing to complain about (valid UTF-8 without NUL bytes, no coding declaration Python refuses).
    if (active.length === 0 && bytes.indexOf(0) === -1 && isUtf8(bytes)) {
      const refused = codingRefusal(bytes);
      return refused ? skipped(file, 'encoding', refused) : notParsed(file);
    }
  } else if (!opts.facts && opts.factsPending !== undefined && suite) {
    return NEEDS_FACTS;
  }
  if (opts.facts && !pytest && active.some(waitsForFacts)) pytest = fileFacts(opts.facts, file);
  if (active.length > 0 && deferred?.(bytes.length)) return DEFERRED;
  const source = decodeSource(file, bytes);
  if (!('text' in source)) return source;
  if (active.length === 0) return notParsed(file);
  return roundTripProblem(source) ?? { source, transforms, active, pytest };
}

/** The result of a file no rule can concern: it is not parsed. */
function notParsed(file: string): FileResult {
  return { path: file, findings: [], warnings: [], notParsed: true };
}

/** A rule reading the test-suite facts: a file it may concern waits for them. */
function waitsForFacts(t: FileRule): boolean {
  return needs(t, 'project-facts');
}
