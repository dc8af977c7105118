// One file's bytes through the engine, the same way for every caller:
//   decode (PEP 263, BOM) → a notebook's code cells or the Python text → engine → encode like the original
// src/file/worker.ts reads the files of the pool threads and of --stdin-filename and decides from their
// bytes which rules can concern them before it calls analyse(); the review modes (--interactive,
// --patch-dir) call rerun() to run a file again with fewer rules or fewer fixes. Nothing outside this
// folder runs the engine on a file's text, so no caller can forget a step (a notebook's cells, the
// per-file-ignores, the project's line length).
import { ignoredRulesFor } from '../config/config.js';
import { importStyleFor, inferTarget, lineLengthFor, takeSideConfigProblems } from '../config/project.js';
import { runEngine, triggered, type EngineOptions } from '../engine/engine.js';
import { withoutRules } from '../engine/registry.js';
import { unapplied } from '../engine/findings.js';
import { fileRules, type FileRule, type Transform } from '../rule-api/transform.js';
import type { PytestFileFacts } from '../common/facts.js';
import type { FileResult, Settings, SkipReason } from '../common/types.js';
import { parseTarget } from '../common/version.js';
import { decode, encode, type Decoded } from './decode.js';
import { runNotebook } from './notebook.js';

/** A file decoded for the engine. */
export interface Source {
  file: string;
  bytes: Uint8Array;
  text: string;
  decoded: Decoded;
  /** A Jupyter notebook: the text is its JSON, and the engine sees its code cells. */
  notebook: boolean;
}

/** What one run of the pipeline does with a file, besides its text. */
export interface FileRun {
  settings: Settings;
  /** The rules of the file (rulesFor()). */
  transforms: readonly FileRule[];
  /** Of those, the ones the byte scan found candidates for: the first pass of a Python file runs only these. */
  active?: readonly FileRule[];
  /** False: findings only (--check). */
  fix: boolean;
  /** False runs every rule on every pass, whatever the triggers say (LOOPMIGRATE_PREFILTER=0). */
  prefilter: boolean;
  /** The test-suite facts for this file. */
  pytest?: PytestFileFacts;
  /** Narrows which fixes are applied (--interactive). */
  accept?: EngineOptions['accept'];
  /** Return the decoded text of a file with fixes (SARIF output describes fixes as offsets into it). */
  keepSource?: boolean;
  /** The run knows the project facts: a rule that read the loop facts without them has the file done again. */
  factsKnown: boolean;
}

export function isNotebook(file: string): boolean {
  return file.endsWith('.ipynb');
}

/**
 * The rules that run on `file`: the run's file rules (project rules plan their edits in the run's
 * project pass), less those its per-file-ignores disable.
 */
export function rulesFor(file: string, settings: Settings, transforms: readonly Transform[]): readonly FileRule[] {
  const rules = fileRules(transforms);
  return settings.perFileIgnores ? withoutRules(rules, ignoredRulesFor(file, settings.perFileIgnores)) : rules;
}

/** The file's text, or the result of a file that does not decode. */
export function decodeSource(file: string, bytes: Uint8Array): Source | FileResult {
  const decoded = decode(bytes);
  if (!decoded.ok) return skipped(file, decoded.reason, decoded.message);
  return { file, bytes, text: decoded.value.text, decoded: decoded.value, notebook: isNotebook(file) };
}

/** The result of a file whose text would not encode back to its bytes (never rewritten), or undefined. */
export function roundTripProblem(source: Source): FileResult | undefined {
  if (Buffer.from(encode(source.text, source.decoded)).equals(Buffer.from(source.bytes))) return undefined;
  return skipped(source.file, 'encoding', 'does not survive a decode/encode round trip, so loopmigrate will not rewrite it; convert it to UTF-8');
}

/** The engine on the file's text (a notebook's code cells), the fixed text encoded like the original. */
export function analyse(source: Source, run: FileRun): FileResult {
  const { file, bytes, text, notebook } = source;
  const target = (run.settings.targetVersion && parseTarget(run.settings.targetVersion)) || inferTarget(file);
  const lineLength = run.fix ? lineLengthFor(file).length : undefined;
  const importStyle = run.fix ? importStyleFor(file) : undefined;
  const engineOptions: EngineOptions = {
    transforms: run.transforms,
    unsafeFixes: run.settings.unsafeFixes,
    target,
    fix: run.fix,
    pytest: run.pytest,
    prefilter: run.prefilter,
    lineLength,
    importStyle,
    accept: run.accept,
  };
  const result = notebook ? runNotebook(text, engineOptions) : runEngine(text, { ...engineOptions, active: run.active });
  const out: FileResult = { path: file, findings: result.findings, warnings: [] };
  const sideProblems = takeSideConfigProblems();
  if (sideProblems.length) out.configProblems = sideProblems;
  if (result.notParsed) out.notParsed = true;
  if (result.introduced) out.introduced = result.introduced;
  // A rule asked whether a loop is set elsewhere before the run knew: the runner decides again.
  if (result.readLoopFacts && !run.factsKnown) out.loopFactsUnknown = true;
  if (run.pytest && result.findings.length) out.pytest = run.pytest;
  // SARIF fixes are offsets into the source; a notebook's offsets are into its cells' Python text, not the file.
  if (run.keepSource && result.findings.some((f) => f.fix) && !notebook) out.source = text;
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
    out.fixedBytes = encode(result.fixed, source.decoded);
  }
  return out;
}

/**
 * The file again, from the bytes the full run read, with other rules or fewer fixes: --patch-dir's
 * stages and --interactive's previews and final text. The same pipeline as the full run, with the
 * test-suite facts its rules saw; the fixed text is the original when no fix applied.
 */
export function rerun(result: FileResult, run: { settings: Settings; transforms: readonly Transform[]; accept?: EngineOptions['accept'] }): FileResult {
  if (!result.originalBytes) throw new Error(`${result.path}: a re-run needs the bytes the run read`);
  const source = decodeSource(result.path, result.originalBytes);
  if (!('text' in source)) return source;
  return analyse(source, {
    settings: run.settings,
    transforms: rulesFor(result.path, run.settings, run.transforms),
    accept: run.accept,
    fix: true,
    prefilter: true,
    pytest: result.pytest,
    factsKnown: true,
  });
}

/** Whether `rule` can concern `text`, a version of the file's text (its triggers hold there). */
export function mayConcern(result: FileResult, text: string, rule: FileRule): boolean {
  return triggered(text, [rule], result.pytest, isNotebook(result.path)).length > 0;
}

/**
 * The result when its fixed text is not used after all (the write was refused or failed, --interactive
 * declined every fix, a patch cannot hold the file): no finding counts as applied. The texts stay.
 */
export function withdrawn(result: FileResult): FileResult {
  return { ...result, findings: unapplied(result.findings) };
}

export function skipped(file: string, reason: SkipReason, message: string): FileResult {
  return { path: file, findings: [], warnings: [], skipped: { reason, message } };
}
