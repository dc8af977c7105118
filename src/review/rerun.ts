// Re-running the engine on a file the runner already fixed, with fewer rules or fewer fixes: the
// building block of --interactive and --patch-dir, which both need intermediate versions of a file.
import { decode, encode } from '../file/decode.js';
import { runEngine, type EngineOptions } from '../engine/engine.js';
import { runNotebook } from '../file/notebook.js';
import { importStyleFor, inferTarget, lineLengthFor } from '../config/project.js';
import type { Transform } from '../rule-api/transform.js';
import type { FileResult, Finding, Settings } from '../common/types.js';
import { parseTarget } from '../common/version.js';

export interface Rerun {
  /** The text after the chosen fixes (the original when none applied). */
  text: string;
  findings: Finding[];
}

export interface RerunOptions {
  settings: Settings;
  transforms: readonly Transform[];
  accept?: EngineOptions['accept'];
  /** The test-suite facts of the full run (FileResult.pytest). */
  pytest?: EngineOptions['pytest'];
}

export function rerun(file: string, original: string, opts: RerunOptions): Rerun {
  const target = (opts.settings.targetVersion && parseTarget(opts.settings.targetVersion)) || inferTarget(file);
  const engineOptions: EngineOptions = { transforms: opts.transforms, unsafeFixes: opts.settings.unsafeFixes, target, fix: true, accept: opts.accept, pytest: opts.pytest, lineLength: lineLengthFor(file).length, importStyle: importStyleFor(file) };
  // A notebook's text is its JSON, as in the full run (src/file/worker.ts): its cells go through the engine.
  const result = isNotebook(file) ? runNotebook(original, engineOptions) : runEngine(original, engineOptions);
  // A problem (a revert, a fixpoint overrun) means "no fixes", as in the full run.
  return { text: result.problem ? original : (result.fixed ?? original), findings: result.findings };
}

export function isNotebook(file: string): boolean {
  return file.endsWith('.ipynb');
}

/** The bytes to write for `text`, encoded like the file's original bytes (BOM, latin-1 cookie). */
export function encodeLike(result: FileResult, text: string): Uint8Array {
  if (!result.originalBytes) throw new Error('encodeLike needs the original bytes');
  const decoded = decode(result.originalBytes);
  if (!decoded.ok) throw new Error('the original bytes no longer decode');
  return encode(text, decoded.value);
}

/** Identity of a finding within one text: rule and range. */
export function findingKey(f: Pick<Finding, 'code' | 'start' | 'end'>): string {
  return `${f.code}:${f.start}:${f.end}`;
}

export function isApplicable(f: Finding, unsafeFixes: boolean): boolean {
  return f.fix !== null && (f.fix.safety === 'safe' || unsafeFixes);
}
