// Scenario manifests (test/e2e/scenarios/<name>/scenario.json) and the steps the suite runs on them.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { type RunResult, run } from './process.js';
import { repoRoot, type Stack } from './stack.js';

export const scenariosDir = join(repoRoot, 'test', 'e2e', 'scenarios');
const cli = join(repoRoot, 'bin', 'loopmigrate.js');

export interface Expectation {
  /** true: the command must exit non-zero; false: it must exit 0. */
  fails: boolean;
  /** A specific exit code (e.g. pytest's 1 for failed tests, 3 for an internal error). */
  exitCode?: number;
  /** Substrings that must appear in stdout + stderr. */
  output?: string[];
  /** The exact stdout. */
  stdout?: string;
  /**
   * Passing runs must leave stderr empty (no "Exception ignored", no leaked-loop ResourceWarning)
   * unless this is set.
   */
  allowStderr?: boolean;
}

export interface Manifest {
  description: string;
  /** Rule codes the migration needs; empty for already-modern code. */
  rules: string[];
  unsafeFixes: boolean;
  /**
   * argv as a user types it in the project directory. "python" becomes the stack's interpreter
   * run with `-W error`; "pytest" becomes `python -W error -m pytest -W error -p no:cacheprovider -q`.
   */
  command: string[];
  expectBefore: Expectation;
  /** Must pass (exit 0) after the migration; `fails` is implied false. */
  expectAfter: Omit<Expectation, 'fails'>;
  /** What the user passes to loopmigrate, relative to the project; default ["."]. */
  paths?: string[];
  /** Flags the user passes to loopmigrate besides --unsafe-fixes (e.g. --edit-config). */
  flags?: string[];
  /** Send SIGINT once stdout contains this text (long-running services). */
  interruptWhen?: string;
  /**
   * Sites the tool must report without editing anything (`path:line:col: CODE`, as text output prints
   * them): code whose right migration the tool cannot prove. after/ is then the manual fix the
   * finding's suggestion describes, and the fix run's status defaults to 1.
   */
  reports?: string[];
  /**
   * An older CPython ("3.8") the project still supports (its declared target): the legacy code and the
   * migrated code must both meet expectAfter there too, run with the bare interpreter (python commands
   * only: the pinned stack needs 3.12 or newer).
   */
  alsoOn?: string;
  /** Exit status loopmigrate's fix run must return; default 0 (everything fixed). */
  toolExit?: number;
  timeoutSeconds?: number;
}

export interface Scenario {
  name: string;
  dir: string;
  manifest: Manifest;
  /** Already modern: no after/ directory; loopmigrate must leave it byte-identical. */
  noop: boolean;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function validate(name: string, raw: unknown): Manifest {
  const m = raw as Partial<Manifest>;
  const problems: string[] = [];
  if (typeof m.description !== 'string') problems.push('description must be a string');
  if (!isStringArray(m.rules)) problems.push('rules must be an array of codes');
  if (typeof m.unsafeFixes !== 'boolean') problems.push('unsafeFixes must be a boolean');
  if (!isStringArray(m.command) || m.command.length === 0) problems.push('command must be a non-empty argv');
  else if (m.command[0] !== 'python' && m.command[0] !== 'pytest') problems.push('command must start with python or pytest');
  if (typeof m.expectBefore?.fails !== 'boolean') problems.push('expectBefore.fails must be a boolean');
  if (typeof m.expectAfter !== 'object' || m.expectAfter === null) problems.push('expectAfter must be an object');
  if (m.paths !== undefined && !isStringArray(m.paths)) problems.push('paths must be an array of strings');
  if (m.flags !== undefined && !isStringArray(m.flags)) problems.push('flags must be an array of strings');
  if (m.alsoOn !== undefined && (typeof m.alsoOn !== 'string' || m.command?.[0] !== 'python')) problems.push('alsoOn must be a version like "3.8", for python commands');
  if (m.reports !== undefined && (!isStringArray(m.reports) || m.reports.length === 0)) problems.push('reports must be a non-empty array of path:line:col: CODE');
  if (problems.length > 0) throw new Error(`scenario ${name}: ${problems.join('; ')}`);
  return m as Manifest;
}

export function loadScenarios(): Scenario[] {
  return readdirSync(scenariosDir)
    .filter((name) => statSync(join(scenariosDir, name)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(scenariosDir, name);
      const manifest = validate(name, JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')));
      const noop = !existsSync(join(dir, 'after'));
      if (noop && manifest.rules.length > 0) {
        throw new Error(`scenario ${name}: lists rules but has no after/ (hand-migrated reference)`);
      }
      if (!existsSync(join(dir, 'before'))) throw new Error(`scenario ${name}: missing before/`);
      return { name, dir, manifest, noop };
    });
}

/** Rule codes the built CLI knows, from `loopmigrate --list-rules` (one rule per line, code first). */
export function listRules(): { rules: Set<string>; error?: string } {
  try {
    const out = execFileSync(process.execPath, [cli, '--list-rules'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    const rules = new Set<string>();
    for (const line of out.split('\n')) {
      const m = /^\s*(LM\d{3})\b/.exec(line);
      if (m?.[1]) rules.add(m[1]);
    }
    return { rules };
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    const detail = (e.stderr || e.message).trim().split('\n')[0] ?? '';
    return { rules: new Set(), error: `\`loopmigrate --list-rules\` failed: ${detail}` };
  }
}

/** A private copy of before/ (or after/) in a fresh temp directory; returns the project dir. */
export function copyProject(scenario: Scenario, which: 'before' | 'after', tempDirs: string[]): string {
  const base = mkdtempSync(join(tmpdir(), `lm-e2e-${scenario.name}-`));
  tempDirs.push(base);
  const project = join(base, 'project');
  cpSync(join(scenario.dir, which), project, { recursive: true });
  return project;
}

export function removeTempDirs(tempDirs: string[]): void {
  if (process.env.LOOPMIGRATE_E2E_KEEP) return;
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
}

/** Every file under dir, by "/"-separated relative path, with its exact bytes. */
export function snapshotTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else files.set(relative(dir, p).split(sep).join('/'), readFileSync(p));
    }
  };
  walk(dir);
  return files;
}

/** Paths whose bytes differ between two snapshots (added, removed or changed). */
export function changedPaths(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const out: string[] = [];
  for (const [p, bytes] of a) {
    const other = b.get(p);
    if (!other || !other.equals(bytes)) out.push(p);
  }
  for (const p of b.keys()) if (!a.has(p)) out.push(p);
  return out.sort();
}

const PYTHON_ENV: Record<string, string | undefined> = {
  // No __pycache__ in the project: the tree comparisons must see only loopmigrate's writes.
  PYTHONDONTWRITEBYTECODE: '1',
  PYTHONUNBUFFERED: '1',
  PYTHONHASHSEED: '0',
  PYTHONWARNINGS: undefined,
  PYTHONPATH: undefined,
  PYTHONSTARTUP: undefined,
  PYTEST_ADDOPTS: undefined,
  PYTEST_PLUGINS: undefined,
  PYTEST_DISABLE_PLUGIN_AUTOLOAD: undefined,
  PY_COLORS: '0',
  NO_COLOR: '1',
  COLUMNS: '120',
};

export function runScenarioCommand(stack: Stack, manifest: Pick<Manifest, 'command' | 'interruptWhen' | 'timeoutSeconds'>, project: string): Promise<RunResult> {
  const [head, ...rest] = manifest.command;
  const argv = head === 'pytest' ? ['-W', 'error', '-m', 'pytest', '-W', 'error', '-p', 'no:cacheprovider', '-q', ...rest] : ['-W', 'error', ...rest];
  return run(stack.python, argv, {
    cwd: project,
    env: PYTHON_ENV,
    timeoutMs: (manifest.timeoutSeconds ?? 60) * 1000,
    interruptWhen: manifest.interruptWhen,
  });
}

export function runLoopmigrate(args: string[], cwd: string): Promise<RunResult> {
  return run(process.execPath, [cli, ...args], { cwd, timeoutMs: 120_000, env: { NO_COLOR: '1', FORCE_COLOR: undefined } });
}

/** Problems with a run against an expectation; empty when it meets it. */
export function unmet(r: RunResult, exp: Expectation): string[] {
  const problems: string[] = [];
  if (r.timedOut) problems.push('timed out');
  if (exp.exitCode !== undefined && r.code !== exp.exitCode) problems.push(`exit ${r.code}, expected ${exp.exitCode}`);
  if (exp.fails && r.code === 0) problems.push('exit 0, expected a failure');
  if (!exp.fails && r.code !== 0) problems.push(`exit ${r.code}, expected 0`);
  if (!exp.fails && !exp.allowStderr && r.stderr !== '') problems.push('stderr is not empty');
  const all = r.stdout + r.stderr;
  for (const text of exp.output ?? []) if (!all.includes(text)) problems.push(`output lacks ${JSON.stringify(text)}`);
  if (exp.stdout !== undefined && r.stdout !== exp.stdout) {
    problems.push(`stdout is ${JSON.stringify(r.stdout)}, expected ${JSON.stringify(exp.stdout)}`);
  }
  return problems;
}

/**
 * How loopmigrate's result differs from the hand-migrated reference (after/), as unified diffs;
 * empty when identical. Context for failure messages only: the tool may format a fix differently
 * from the reference and still be right, which is what running the code decides.
 */
export function diffAgainstReference(scenario: Scenario, migrated: Map<string, Buffer>): string {
  const reference = snapshotTree(join(scenario.dir, 'after'));
  return changedPaths(reference, migrated)
    .map((p) => createTwoFilesPatch(`reference/${p}`, `loopmigrate/${p}`, reference.get(p)?.toString('utf8') ?? '', migrated.get(p)?.toString('utf8') ?? ''))
    .join('');
}
