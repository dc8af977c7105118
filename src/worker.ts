// One file: read → decode → prefilter → engine → encode. Returns plain data; never throws for a bad file.
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { ignoredRulesFor } from './config.js';
import { decode, encode } from './decode.js';
import { runEngine, triggered } from './engine.js';
import { inferTarget } from './project.js';
import { withoutRules } from './registry.js';
import type { Transform } from './transform.js';
import type { FileResult, Settings } from './types.js';
import type { Scanner } from './prefilter.js';
import { parseTarget } from './version.js';

export interface WorkerOptions {
  settings: Settings;
  transforms: readonly Transform[];
  fix: boolean;
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
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    return skipped(file, 'unreadable', `cannot be read (${describeIoError(err)})`);
  }
  return processBytes(file, bytes, opts);
}

export function processBytes(file: string, bytes: Uint8Array, opts: WorkerOptions): FileResult {
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
  const result = runEngine(text, { transforms, unsafeFixes: opts.settings.unsafeFixes, target, fix: opts.fix });
  const out: FileResult = { path: file, findings: result.findings, warnings: [] };
  if (result.findings.some((f) => f.fix)) out.source = text;
  if (result.problem) {
    const reason = result.problem.kind === 'syntax-error' ? 'syntax-error' : 'fix-reverted';
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
      return 'symbolic link loop';
    case 'EROFS':
      return 'read-only file system';
    default:
      return e?.message ?? String(err);
  }
}
