// Paths → the Python files to process: .gitignore rules (nested ones too), ruff-like default
// excludes, symlinks not followed unless named. A file named explicitly is always processed, unless
// --force-exclude applies the excludes to named paths too (as ruff's flag does, for pre-commit).
import { lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { readSideFile } from '../common/safe-read.js';

export const DEFAULT_EXCLUDES = [
  '.bzr',
  '.direnv',
  '.eggs',
  '.git',
  '.git-rewrite',
  '.hg',
  '.ipynb_checkpoints',
  '.mypy_cache',
  '.nox',
  '.pants.d',
  '.pyenv',
  '.pytest_cache',
  '.pytype',
  '.ruff_cache',
  '.svn',
  '.tox',
  '.venv',
  '.vscode',
  '__pypackages__',
  '_build',
  'buck-out',
  'build',
  'dist',
  'node_modules',
  'site-packages',
  'venv',
  '__pycache__',
];

/** Notebooks count: their code cells are Python (see src/file/notebook.ts). */
export const PYTHON_EXTENSIONS = ['.py', '.ipynb'];

export interface DiscoverProblem {
  path: string;
  message: string;
  /** Something was skipped but the run is complete (a .gitignore pattern that cannot be used): a warning, not an error. */
  warning?: boolean;
}

export interface DiscoverOptions {
  /** Extra directory/file names to skip (matched against each path component). */
  exclude?: string[];
  /** False when a config's `exclude` replaces DEFAULT_EXCLUDES (as ruff's `exclude` does). */
  defaultExcludes?: boolean;
  /** Config globs: true for a walked path to skip (explicitly named files are still processed). */
  isExcluded?: (abs: string, isDir: boolean) => boolean;
  extensions?: string[];
  onProblem?: (p: DiscoverProblem) => void;
  /** Records, for each directory walked, which of its names it listed (see DirectoryListing). */
  listing?: DirectoryListing;
  /** --force-exclude: paths named in `paths` are excluded like walked ones (see isForceExcluded). */
  forceExclude?: boolean;
  /** With forceExclude: the project root (the config file's directory, else the current directory). */
  root?: string;
  /** With forceExclude: called for each named path that is excluded. */
  onForceExcluded?: (abs: string) => void;
}

/**
 * Which names of interest (config files) the directories a walk listed hold, so that later lookups of
 * those names (the pytest config search) need no stat for the directories the walk has seen: in a big
 * tree most directories have none. Only the interesting names are kept, never whole listings.
 */
export class DirectoryListing {
  private readonly dirs = new Map<string, string[]>();

  constructor(private readonly interesting: ReadonlySet<string>) {}

  record(dir: string, entries: readonly Dirent[]): void {
    const present: string[] = [];
    for (const e of entries) if (this.interesting.has(e.name)) present.push(e.name);
    this.dirs.set(dir, present);
  }

  /** False when `name` is known to be absent from `dir` (listed by this run's walk); true when it may exist. */
  mayHold(dir: string, name: string): boolean {
    const present = this.dirs.get(dir);
    return present === undefined || !this.interesting.has(name) || present.includes(name);
  }
}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

/** Yields absolute file paths, in a stable order (sorted per directory). */
export function* discover(paths: string[], opts: DiscoverOptions = {}): Generator<string> {
  const excludes = excludedNames(opts);
  const isExcluded = opts.isExcluded ?? (() => false);
  const exts = opts.extensions ?? PYTHON_EXTENSIONS;
  const seen = new Set<string>();
  const report = opts.onProblem ?? (() => {});
  for (const given of paths) {
    const abs = path.resolve(given);
    let st;
    try {
      st = statSync(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      report({ path: abs, message: code === 'ENOENT' ? 'no such file or directory' : code === 'ELOOP' ? 'symbolic link loop' : `cannot be read (${code})` });
      continue;
    }
    if (opts.forceExclude && isForceExcluded(abs, st.isDirectory(), opts)) {
      opts.onForceExcluded?.(abs);
      continue;
    }
    if (st.isFile()) {
      if (!seen.has(abs)) {
        seen.add(abs);
        yield abs;
      }
      continue;
    }
    if (!st.isDirectory()) {
      report({ path: abs, message: 'is neither a file nor a directory' });
      continue;
    }
    const layers = ancestorIgnores(abs, report);
    yield* walk(abs, layers, excludes, isExcluded, exts, seen, report, opts.listing);
  }
}

function excludedNames(opts: DiscoverOptions): Set<string> {
  return new Set([...(opts.defaultExcludes === false ? [] : DEFAULT_EXCLUDES), ...(opts.exclude ?? [])]);
}

/**
 * --force-exclude (ruff's semantics): whether a path named on the command line (or --stdin-filename) is
 * excluded as the walk would exclude it, by the default excludes or the config's globs, itself or
 * through one of its directories below the project root. The root itself is never excluded, and of a
 * path outside it only the path itself is looked at. .gitignore files apply to walked paths only, as
 * for ruff.
 */
export function isForceExcluded(abs: string, isDir: boolean, opts: DiscoverOptions): boolean {
  const excludes = excludedNames(opts);
  const isExcluded = opts.isExcluded ?? (() => false);
  const root = path.resolve(opts.root ?? '.');
  const matches = (p: string, dir: boolean) => excludes.has(path.basename(p)) || isExcluded(p, dir);
  const inside = (p: string) => {
    const rel = path.relative(root, p);
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
  };
  if (!inside(abs)) return abs !== root && matches(abs, isDir);
  for (let p = abs, dir = isDir; inside(p); p = path.dirname(p), dir = true) if (matches(p, dir)) return true;
  return false;
}

/** The walk follows no links, so it cannot come back to a directory it is in: it needs no cycle check. */
function* walk(
  dir: string,
  parentLayers: IgnoreLayer[],
  excludes: Set<string>,
  isExcluded: (abs: string, isDir: boolean) => boolean,
  exts: string[],
  seen: Set<string>,
  report: (p: DiscoverProblem) => void,
  listing: DirectoryListing | undefined,
): Generator<string> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    report({ path: dir, message: `directory cannot be read (${(err as NodeJS.ErrnoException).code}); its files were not checked` });
    return;
  }
  listing?.record(dir, entries);
  // Most directories have no .gitignore: the listing says so without asking the file system.
  const layers = entries.some((e) => e.name === '.gitignore') ? withIgnoreFile(dir, parentLayers, report) : parentLayers;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (excludes.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    // Links are not followed while walking: they may lead outside the given roots or loop.
    if (entry.isSymbolicLink()) continue;
    const isDir = entry.isDirectory();
    if (isIgnored(full, isDir, layers) || isExcluded(full, isDir)) continue;
    if (isDir) {
      yield* walk(full, layers, excludes, isExcluded, exts, seen, report, listing);
    } else if (entry.isFile() && exts.some((e) => entry.name.endsWith(e))) {
      if (!seen.has(full)) {
        seen.add(full);
        yield full;
      }
    }
  }
}

function isIgnored(full: string, isDir: boolean, layers: IgnoreLayer[]): boolean {
  for (const layer of layers) {
    const rel = path.relative(layer.base, full).split(path.sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (layer.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/**
 * Patterns at least this long are compiled on their own first: git takes a pattern of any length, but
 * the regular expression built from a long one can exceed what V8 compiles ("Regular expression too
 * large", at about 50,000 characters), which would end the run. Such a pattern is skipped with a warning.
 */
const CHECKED_IGNORE_PATTERN = 1024;

function withIgnoreFile(dir: string, layers: IgnoreLayer[], report: (p: DiscoverProblem) => void): IgnoreLayer[] {
  const file = path.join(dir, '.gitignore');
  const text = readSideFile(file);
  if (text === undefined) return layers;
  const rules = ignore();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.length >= CHECKED_IGNORE_PATTERN) {
      try {
        ignore().add(line).ignores('x');
      } catch (err) {
        const why = (err as Error).message.split(': ').pop() ?? 'it cannot be compiled';
        report({ path: file, message: `line ${i + 1}: a pattern of ${line.length} characters is skipped (${why}); the files it names are not excluded`, warning: true });
        continue;
      }
    }
    rules.add(line);
  }
  return [...layers, { base: dir, rules }];
}

/** .gitignore files above a directory, up to the enclosing git repository's root (as git reads them). */
function ancestorIgnores(dir: string, report: (p: DiscoverProblem) => void): IgnoreLayer[] {
  if (isRepoRoot(dir)) return [];
  const chain: string[] = [];
  let cur = path.dirname(dir);
  while (true) {
    chain.unshift(cur);
    if (isRepoRoot(cur)) break;
    const parent = path.dirname(cur);
    if (parent === cur) return [];
    cur = parent;
  }
  return chain.reduce<IgnoreLayer[]>((layers, d) => withIgnoreFile(d, layers, report), []);
}

function isRepoRoot(dir: string): boolean {
  try {
    lstatSync(path.join(dir, '.git'));
    return true;
  } catch {
    return false;
  }
}
