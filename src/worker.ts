// One file: read → decode → prefilter → engine → encode. Returns plain data; never throws for a bad file.
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync } from 'node:fs';
import { ignoredRulesFor } from './config.js';
import { decode, encode } from './decode.js';
import { runEngine, triggered } from './engine.js';
import { ParseTimeoutError, setParseTimeout } from './parser.js';
import { runNotebook } from './notebook.js';
import { inferTarget } from './project.js';
import { fileFacts, type ProjectFacts } from './pytest/facts.js';
import { withoutRules } from './registry.js';
import type { Transform } from './transform.js';
import type { FileResult, FileSnapshot, Settings } from './types.js';
import type { Scanner } from './prefilter.js';
import { parseTarget } from './version.js';
import { DEFAULT_LIMITS, formatSize, type Limits } from './limits.js';
import { snapshotOf } from './snapshot.js';

export interface WorkerOptions {
  settings: Settings;
  transforms: readonly Transform[];
  fix: boolean;
  limits?: Limits;
  /** Facts from the project pre-pass (src/pytest/facts.ts), read-only. */
  facts?: ProjectFacts;
  /** The compiled trigger scan; files it rejects are neither decoded nor parsed. */
  scanner?: Scanner;
}

export function processFile(file: string, opts: WorkerOptions): FileResult {
  const started = performance.now();
  const result = readAndProcess(file, opts);
  result.elapsedMs = performance.now() - started;
  return result;
}

function readAndProcess(file: string, opts: WorkerOptions): FileResult {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  let bytes: Uint8Array;
  let snapshot: FileSnapshot;
  let fd: number | undefined;
  try {
    // The real path is where a fix will be written: a named symlink keeps pointing at the fixed file.
    const realPath = realpathSync(file);
    // Non-blocking and no-follow: a FIFO or a link swapped in after discovery must not hang or redirect us.
    fd = openSync(realPath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    const st = fstatSync(fd);
    if (!st.isFile()) return skipped(file, 'unreadable', 'is not a regular file (a FIFO, socket or device?); it was not read');
    if (st.size > limits.maxFileSize) {
      return skipped(file, 'too-large', `is ${formatSize(st.size)}, over the ${formatSize(limits.maxFileSize)} limit; it was not read (raise --max-file-size to process it)`);
    }
    bytes = readFileSync(fd);
    snapshot = snapshotOf(realPath, st, bytes);
  } catch (err) {
    return skipped(file, 'unreadable', `cannot be read (${describeIoError(err)})`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const result = processBytes(file, bytes, opts);
  result.snapshot = snapshot;
  return result;
}

export function processBytes(file: string, bytes: Uint8Array, opts: WorkerOptions): FileResult {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  setParseTimeout(limits.parseTimeoutMs);
  try {
    return processDecoded(file, bytes, opts);
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

function processDecoded(file: string, bytes: Uint8Array, opts: WorkerOptions): FileResult {
  // Fast path: no trigger and nothing to complain about (valid UTF-8 without NUL bytes).
  if (opts.scanner && !opts.scanner(bytes) && bytes.indexOf(0) === -1 && isUtf8(bytes)) {
    return { path: file, findings: [], warnings: [] };
  }
  const decoded = decode(bytes);
  if (!decoded.ok) return skipped(file, decoded.reason, decoded.message);
  const { text } = decoded.value;
  const transforms = opts.settings.perFileIgnores ? withoutRules(opts.transforms, ignoredRulesFor(file, opts.settings.perFileIgnores)) : opts.transforms;
  if (triggered(text, transforms).length === 0) return { path: file, findings: [], warnings: [] };
  if (!Buffer.from(encode(text, decoded.value)).equals(Buffer.from(bytes))) {
    return skipped(file, 'encoding', 'does not survive a decode/encode round trip, so loopmigrate will not rewrite it; convert it to UTF-8');
  }
  const target = (opts.settings.targetVersion && parseTarget(opts.settings.targetVersion)) || inferTarget(file);
  const pytest = opts.facts && fileFacts(opts.facts, file);
  const engineOptions = { transforms, unsafeFixes: opts.settings.unsafeFixes, target, fix: opts.fix, pytest };
  const result = file.endsWith('.ipynb') ? runNotebook(text, engineOptions) : runEngine(text, engineOptions);
  const out: FileResult = { path: file, findings: result.findings, warnings: [] };
  if (pytest && result.findings.length) out.pytest = pytest;
  // SARIF fixes are offsets into the source; a notebook's offsets are into its cells' Python text, not the file.
  if (result.findings.some((f) => f.fix) && !file.endsWith('.ipynb')) out.source = text;
  if (result.problem) {
    const kind = result.problem.kind;
    const reason = kind === 'syntax-error' ? 'syntax-error' : kind === 'internal' ? 'internal-error' : kind === 'too-deep' ? 'too-deep' : 'fix-reverted';
    out.skipped = { reason, message: result.problem.message };
    return out;
  }
  if (result.fixed !== undefined) {
    out.original = text;
    out.fixed = result.fixed;
    out.originalBytes = bytes;
    out.fixedBytes = encode(result.fixed, decoded.value);
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
