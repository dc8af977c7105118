// Plain data that crosses module (and later thread) boundaries: no tree-sitter objects in here.
import type { PytestFileFacts } from './facts.js';

export type Safety = 'safe' | 'unsafe';

/** A replacement of source[start, end) by text; offsets are UTF-16 indices into the original text. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  readonly safety: Safety;
  readonly edits: readonly Edit[];
}

/**
 * One thing a rule reports, with what the run made of it. An immutable value: a rule builds it
 * (FileContext.finding; the project pass those of its config edits), and every later step (a
 * suppression, the fix loop's verdict, a notebook cell, a fix that is not written after all) makes a
 * new one through src/engine/findings.ts.
 */
export interface Finding {
  readonly code: string;
  readonly name: string;
  readonly message: string;
  /** Offsets into the original text of the pass that produced the finding. */
  readonly start: number;
  readonly end: number;
  /** 1-based line and column (UTF-16 units), as editors and ruff report them. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly fix: Fix | null;
  /** Set when a fix exists but the target version is too old for it, e.g. 'py311'. */
  readonly fixNeedsTarget?: string;
  /**
   * True when the run resolved the finding: the fixed text no longer has it (written, or in --dry-run
   * and --patch output). Judged from the final text, not from which edits were accepted.
   */
  readonly applied: boolean;
  /** Why a finding whose fix this run was allowed to apply is still open. */
  readonly notFixed?: string;
  /** Set when --verify reverted the finding's fix: what broke, as notFixed says, with the evidence. */
  readonly reverted?: RevertedFix;
  /** Display-only code showing the manual fix for this site (report rules); never applied. */
  readonly suggestion?: string;
  /** 1-based notebook cell (all cells counted) when the file is a .ipynb; line/endLine are then within the cell. */
  readonly cell?: number;
  /** Set when a `# loopmigrate: ignore`/`# noqa` comment silences the finding: no fix, no exit status. */
  readonly suppressed?: boolean;
}

/** Why --verify reverted a fix: the test or command it broke, a few lines of the failing output, the run's log. */
export interface RevertedFix {
  /** The first newly failing test id, else the command; null when the search ran out of runs first. */
  readonly brokeBy: string | null;
  readonly excerpt: string;
  readonly log: string | null;
}

export type TargetVersion = `py3${number}`;

export interface Settings {
  select: string[];
  ignore: string[];
  unsafeFixes: boolean;
  /** Explicit --target-version; when undefined it is inferred per file from pyproject.toml. */
  targetVersion?: TargetVersion;
  /** From the config's per-file-ignores: rules disabled for files a glob matches. */
  perFileIgnores?: PerFileIgnore[];
}

/** One per-file-ignores entry: a gitignore-style glob relative to `base` (the config file's directory). */
export interface PerFileIgnore {
  base: string;
  pattern: string;
  rules: string[];
}

export type SkipReason =
  | 'binary'
  | 'encoding'
  | 'syntax-error'
  | 'too-large'
  | 'unreadable'
  | 'fix-reverted'
  | 'changed-during-run'
  | 'write-failed'
  | 'unsafe-path'
  | 'parse-timeout'
  | 'outside-cwd'
  | 'internal-error'
  | 'too-deep'
  | 'dirty'
  | 'invalid-config';

/** A file as it was read: writes go to realPath, and only while none of the rest has changed. */
export interface FileSnapshot {
  realPath: string;
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  sha256: string;
}

export interface FileResult {
  /** Path as given to the runner (absolute). */
  path: string;
  readonly findings: readonly Finding[];
  /** Original and fixed text (decoded), present only when fixes changed the file. */
  original?: string;
  fixed?: string;
  /** The bytes to write when fixed is set, encoded like the original. */
  fixedBytes?: Uint8Array;
  originalBytes?: Uint8Array;
  /** Set whenever the file was read, so a fix can be written back safely. */
  snapshot?: FileSnapshot;
  /** `at`: where the file stops parsing (a config file), printed as `path:line:col: message` like ruff. */
  skipped?: { reason: SkipReason; message: string; at?: { line: number; column: number } };
  /** The decoded text the findings' offsets refer to, present when a finding carries a fix (for SARIF fixes). */
  source?: string;
  /** Wall-clock time spent on the file (for --verbose). */
  elapsedMs?: number;
  /** Set on a project edit (a pytest config change planned from the project facts, not a Python file). */
  projectEdit?: boolean;
  /** The test-suite facts the file's rules saw, so a re-run (--interactive, --patch-dir) sees the same. */
  pytest?: PytestFileFacts;
  /** Non-fatal notes (e.g. fixpoint cap, reverted fixes). */
  warnings: string[];
  /** Findings the fixed text has that none of `findings` account for (see EngineResult.introduced). */
  introduced?: number;
  /**
   * Settings files of the project (pyproject.toml, ruff.toml, setup.cfg, tox.ini) that did not parse
   * when this file's settings were read, with what was assumed instead: the run reports each once.
   */
  configProblems?: Array<{ path: string; problem: { line: number; column: number; message: string }; assumed: string }>;
  /** A rule read the loop facts (PytestFileFacts.loopSetElsewhere) before they were known. */
  loopFactsUnknown?: boolean;
  /**
   * No selected rule can concern the file (none of their names occur in it: the byte prefilter), so it
   * was not parsed and its syntax was not checked.
   */
  notParsed?: boolean;
}
