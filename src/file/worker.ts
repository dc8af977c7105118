// One file: read → decode → prefilter → engine → encode. Returns plain data; never throws for a bad file.
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { ignoredRulesFor } from '../config/config.js';
import { decode, encode, type Decoded } from './decode.js';
import { runEngine, triggerIndex } from '../engine/engine.js';
import { initParser, ParseTimeoutError, parserLoaded, setParseTimeout } from '../python/parser.js';
import { runNotebook } from './notebook.js';
import { importStyleFor, inferTarget, lineLengthFor } from '../config/project.js';
import { fileFacts, mayHoldFacts, needsProjectFacts, readsLoopFacts } from '../pytest/facts.js';
import { type ProjectFacts, type PytestFileFacts } from '../common/facts.js';
import { withoutRules } from '../engine/registry.js';
import type { Transform } from '../rule-api/transform.js';
import type { FileResult, Settings } from '../common/types.js';
import { parseTarget } from '../common/version.js';
import { DEFAULT_LIMITS, formatSize, type Limits } from '../common/limits.js';
import { snapshotOf } from '../common/snapshot.js';
import { FACTS_CONDITIONS, factsHold } from '../speed/triggers.js';

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
    if (work === DEFERRED || !('text' in work)) return work;
    if (!parserLoaded()) await initParser();
    return analyse(work, opts);
  } catch (err) {
    if (err instanceof ParseTimeoutError) {
      return skipped(file, 'parse-timeout', `${err.message}, so it was skipped (raise --parse-timeout to process it)`);
    }
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      return skipped(file, 'too-deep', 'is nested too deeply for loopmigrate to analyse; it was left unchanged');
    }
    throw err;
  }
}

interface Prepared {
  file: string;
  bytes: Uint8Array;
  text: string;
  decoded: Decoded;
  notebook: boolean;
  transforms: readonly Transform[];
  active: readonly Transform[];
  pytest: PytestFileFacts | undefined;
}

const NEEDS_FACTS = Symbol('needs project facts');

/**
 * Everything before parsing: a final result for most files, or what the engine needs. `deferred(bytes)`:
 * whether a file that needs parsing waits for the run's wasm tier (src/run/wasm-tier.ts).
 */
function prepare(file: string, bytes: Uint8Array, opts: WorkerOptions, deferred?: (bytes: number) => boolean): FileResult | Prepared | Deferred | typeof NEEDS_FACTS {
  const transforms = opts.settings.perFileIgnores ? withoutRules(opts.transforms, ignoredRulesFor(file, opts.settings.perFileIgnores)) : opts.transforms;
  const notebook = file.endsWith('.ipynb');
  // A file's facts matter when a facts condition may hold for it or a test-suite rule runs on it.
  const lm2 = transforms.some(needsProjectFacts);
  const readsFacts = lm2 || transforms.some(readsLoopFacts);
  let pytest = opts.facts && readsFacts && mayHoldFacts(opts.facts) ? fileFacts(opts.facts, file) : undefined;
  let active = transforms;
  if (opts.prefilter) {
    // Before the facts arrive, ask what this file could need whatever they say: a test-suite rule
    // among the answers means waiting for them; the other rules' answers do not depend on them.
    const waiting = !opts.facts && opts.factsPending !== undefined && lm2;
    const possible = waiting ? FACTS_CONDITIONS : pytest ? FACTS_CONDITIONS.filter((c) => factsHold(c, pytest)) : [];
    active = triggerIndex(transforms, possible).scan(bytes, { notebook, facts: pytest, assumeFacts: waiting }).map((i) => transforms[i] as Transform);
    if (waiting && active.some(needsProjectFacts)) return NEEDS_FACTS;
    // Fast path: no candidate rule and nothing to complain about (valid UTF-8 without NUL bytes).
    if (active.length === 0 && bytes.indexOf(0) === -1 && isUtf8(bytes)) return { path: file, findings: [], warnings: [] };
  } else if (!opts.facts && opts.factsPending !== undefined && lm2) {
    return NEEDS_FACTS;
  }
  if (opts.facts && !pytest && active.some(needsProjectFacts)) pytest = fileFacts(opts.facts, file);
  if (active.length > 0 && deferred?.(bytes.length)) return DEFERRED;
  const decoded = decode(bytes);
  if (!decoded.ok) return skipped(file, decoded.reason, decoded.message);
  const { text } = decoded.value;
  if (active.length === 0) return { path: file, findings: [], warnings: [] };
  if (!Buffer.from(encode(text, decoded.value)).equals(Buffer.from(bytes))) {
    return skipped(file, 'encoding', 'does not survive a decode/encode round trip, so loopmigrate will not rewrite it; convert it to UTF-8');
  }
  return { file, bytes, text, decoded: decoded.value, notebook, transforms, active, pytest };
}

function analyse(work: Prepared, opts: WorkerOptions): FileResult {
  const { file, bytes, text, notebook, transforms, active, pytest } = work;
  const target = (opts.settings.targetVersion && parseTarget(opts.settings.targetVersion)) || inferTarget(file);
  const lineLength = opts.fix ? lineLengthFor(file).length : undefined;
  const importStyle = opts.fix ? importStyleFor(file) : undefined;
  const engineOptions = { transforms, unsafeFixes: opts.settings.unsafeFixes, target, fix: opts.fix, pytest, prefilter: opts.prefilter, lineLength, importStyle };
  const result = notebook ? runNotebook(text, engineOptions) : runEngine(text, { ...engineOptions, active });
  const out: FileResult = { path: file, findings: result.findings, warnings: [] };
  if (result.introduced) out.introduced = result.introduced;
  // A rule asked whether a loop is set elsewhere before the run knew: the runner decides again.
  if (result.readLoopFacts && !opts.facts) out.loopFactsUnknown = true;
  if (pytest && result.findings.length) out.pytest = pytest;
  // SARIF fixes are offsets into the source; a notebook's offsets are into its cells' Python text, not the file.
  if (opts.keepSource && result.findings.some((f) => f.fix) && !notebook) out.source = text;
  if (result.problem) {
    const kind = result.problem.kind;
    const reason = kind === 'syntax-error' ? 'syntax-error' : kind === 'internal' ? 'internal-error' : kind === 'too-deep' ? 'too-deep' : 'fix-reverted';
    out.skipped = { reason, message: result.problem.message };
    return out;
  }
  if (result.fixed !== undefined) {
    out.original = text;
    out.fixed = result.fixed;
    out.originalBytes = Buffer.from(bytes);
    out.fixedBytes = encode(result.fixed, work.decoded);
  }
  return out;
}

function skipped(file: string, reason: NonNullable<FileResult['skipped']>['reason'], message: string): FileResult {
  return { path: file, findings: [], warnings: [], skipped: { reason, message } };
}

export function describeIoError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; check the file permissions';
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'symbolic link loop, or it became a link during the run';
    case 'EROFS':
      return 'read-only file system';
    default:
      return e?.message ?? String(err);
  }
}
