// What every output format is to the CLI: a Printer gets each file's result as the run left it (fixes
// written, withdrawn or declined), then the end of the run. src/output/formats.ts picks one by name.
import type { Mode } from '../common/mode.js';
import type { Transform } from '../rule-api/transform.js';
import type { FileResult, Finding } from '../common/types.js';
import type { Summary } from './summary.js';

export interface Printer {
  /** The results must carry the decoded text of files with fixes (FileResult.source, see WorkerOptions.keepSource). */
  readonly needsSource: boolean;
  /** One file's result; `shown` is its path as output prints it. */
  file(result: FileResult, shown: string): void;
  /** After the last file, once the summary has counted everything; the CLI prints the summary line after it. */
  end(): void;
}

export interface PrinterOptions {
  mode: Mode;
  /** The rules of the run (SARIF lists them). */
  rules: readonly Transform[];
  unsafeFixes: boolean;
  color: boolean;
  /** --quiet: nothing on stderr but errors. */
  quiet: boolean;
  /** --statistics: findings per rule. */
  statistics: boolean;
  summary: Summary;
  /** Machine output and diffs: stdout, or stderr while stdout carries --stdin-filename's fixed source. */
  out(s: string | Uint8Array): void;
  /** A line on stderr, past the progress bar. */
  log(s: string): void;
  /** stderr. */
  err(s: string): void;
}

/** The findings to report: never the suppressed ones. */
export function unsuppressed(result: FileResult): Finding[] {
  return result.findings.filter((f) => !f.suppressed);
}

/** The findings still open: after an in-place fix, the fixed ones are gone from the code; the other modes report every one. */
export function stillOpen(result: FileResult, mode: Mode): Finding[] {
  const open = unsuppressed(result);
  return mode === 'fix' ? open.filter((f) => !f.applied) : open;
}
