// Facts about the project a file lives in: the target Python version from what the nearest project
// metadata declares (setup.py, setup.cfg, pyproject.toml).
import { existsSync, readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { ImportStyle } from '../python/imports.js';
import { readSideBytes, readSideFile } from '../common/safe-read.js';
import { DEFAULT_TARGET, formatTarget, lowerBound, parseTarget, SUPPORTED_TARGETS, type PythonVersion } from '../common/version.js';
import { decodeConfig, iniProblem, parseTomlChecked, type SyntaxProblem } from '../common/config-syntax.js';

/** A settings file of the project that does not parse (see takeSideConfigProblems). */
export interface SideConfigProblem {
  path: string;
  problem: SyntaxProblem;
  /** What loopmigrate assumed instead of what the file says. */
  assumed: string;
}

const sideProblems: SideConfigProblem[] = [];
const sideTexts = new Map<string, { text: string } | { problem: SyntaxProblem } | undefined>();

/** Where the target is unknown (its declaration does not parse): the oldest target, so no fix needs more. */
const OLDEST_TARGET = parseTarget(SUPPORTED_TARGETS[0]) ?? DEFAULT_TARGET;

/**
 * A side file's text, checked once per run (per thread): a TOML file must parse as TOML, setup.cfg and
 * tox.ini as INI the way pytest reads them. One that does not is recorded for the run to report, and
 * reads as `null`; a missing one as undefined.
 */
function sideText(file: string, assumed: string): string | null | undefined {
  if (!sideTexts.has(file)) {
    const bytes = readSideBytes(file);
    let read: { text: string } | { problem: SyntaxProblem } | undefined;
    if (bytes !== undefined) {
      read = decodeConfig(bytes);
      if ('text' in read) {
        const text = read.text;
        const toml = file.endsWith('.toml') ? parseTomlChecked(text) : undefined;
        const problem = toml ? ('problem' in toml ? toml.problem : null) : iniProblem(text);
        if (problem) read = { problem };
      }
      if ('problem' in read) sideProblems.push({ path: file, problem: read.problem, assumed });
    }
    sideTexts.set(file, read);
  }
  const read = sideTexts.get(file);
  return read === undefined ? undefined : 'text' in read ? read.text : null;
}

function sideToml(file: string, assumed: string): Record<string, unknown> | null | undefined {
  const text = sideText(file, assumed);
  if (typeof text !== 'string') return text;
  const parsed = parseTomlChecked(text);
  return 'data' in parsed ? parsed.data : null;
}

/** The settings files found not to parse since the last call (each once per thread), for the file's result. */
export function takeSideConfigProblems(): SideConfigProblem[] {
  return sideProblems.splice(0);
}

const ASSUMED_TARGET = `until it parses, loopmigrate takes the project for one that must run on Python ${OLDEST_TARGET.join('.')} and applies no fix that needs a newer one`;
const ASSUMED_STYLE = 'until it parses, loopmigrate writes fixes in its default style (line length 88, isort order)';

export interface InferredTarget {
  version: PythonVersion;
  /** Where it was read, for --verbose: `setup.cfg python_requires ">=3.8"`; undefined for the default. */
  from?: string;
}

const cache = new Map<string, InferredTarget>();

/**
 * The target inferred from the Python a project declares, in the nearest directory above `file` that
 * declares one: `python_requires` as a literal keyword in setup.py, `python_requires` in setup.cfg's
 * `[options]`, `requires-python` in pyproject.toml (PEP 621: setuptools, flit, hatch, PDM), Poetry's
 * `python` dependency; in that order of trust. A pyproject.toml that declares none stops the search (it
 * is the project root, like ruff's nearest-config rule). py310 when nothing is declared.
 */
export function inferTarget(file: string): PythonVersion {
  return inferredTarget(file).version;
}

export function inferredTarget(file: string): InferredTarget {
  return inferForDir(path.dirname(path.resolve(file)));
}

function inferForDir(dir: string): InferredTarget {
  const hit = cache.get(dir);
  if (hit) return hit;
  let result: InferredTarget | undefined;
  const declared = declaredPython(dir);
  if (declared === 'broken') result = { version: OLDEST_TARGET, from: `${dir} (its project metadata does not parse)` };
  else if (declared) {
    const version = lowerBound(declared.spec);
    result = version ? { version, from: `${path.join(dir, declared.file)} ${declared.key} "${declared.spec}"` } : { version: DEFAULT_TARGET };
  } else if (declared === null) result = { version: DEFAULT_TARGET };
  else {
    const parent = path.dirname(dir);
    result = parent === dir ? { version: DEFAULT_TARGET } : inferForDir(parent);
  }
  cache.set(dir, result);
  return result;
}

interface Declared {
  file: string;
  key: string;
  spec: string;
}

/**
 * What the directory's metadata declares; null: a pyproject.toml that declares nothing (the root);
 * undefined: no metadata; 'broken': metadata that does not parse (the declaration is unknown).
 */
function declaredPython(dir: string): Declared | null | undefined | 'broken' {
  const setupPy = readSideFile(path.join(dir, 'setup.py'));
  const fromSetupPy = setupPy === undefined ? undefined : literalKeyword(setupPy, 'python_requires');
  if (fromSetupPy) return { file: 'setup.py', key: 'python_requires', spec: fromSetupPy };
  const setupCfg = sideText(path.join(dir, 'setup.cfg'), ASSUMED_TARGET);
  if (setupCfg === null) return 'broken';
  const fromSetupCfg = setupCfg === undefined ? undefined : iniOption(setupCfg, 'options', 'python_requires');
  if (fromSetupCfg) return { file: 'setup.cfg', key: 'python_requires', spec: fromSetupCfg };
  const data = sideToml(path.join(dir, 'pyproject.toml'), ASSUMED_TARGET) as
    { project?: { 'requires-python'?: unknown }; tool?: { poetry?: { dependencies?: { python?: unknown } } } } | null | undefined;
  if (data === null) return 'broken';
  if (data === undefined) return setupPy !== undefined || setupCfg !== undefined ? null : undefined;
  const spec = data.project?.['requires-python'];
  if (typeof spec === 'string') return { file: 'pyproject.toml', key: 'requires-python', spec };
  const poetry = data.tool?.poetry?.dependencies?.python;
  if (typeof poetry === 'string') return { file: 'pyproject.toml', key: 'tool.poetry.dependencies.python', spec: poetry };
  return null;
}

/** `python_requires=">=3.8"` written as a literal string keyword in setup.py (never executed). */
function literalKeyword(source: string, key: string): string | undefined {
  const m = new RegExp(`\\b${key}\\s*=\\s*(?:"([^"\\n]*)"|'([^'\\n]*)')`).exec(source);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** A `key = value` option of an INI section (setup.cfg), continuation lines ignored. */
function iniOption(text: string, section: string, key: string): string | undefined {
  let inSection = false;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    if (header) {
      inSection = header[1]?.trim() === section;
      continue;
    }
    if (!inSection) continue;
    const m = new RegExp(`^${key}\\s*[=:]\\s*(.*?)\\s*$`).exec(line);
    if (m?.[1]) return m[1].replace(/^["']|["']$/g, '');
  }
  return undefined;
}

/** The --verbose line: which declaration set the target for files under `dir`. */
export function describeInferredTarget(file: string): string {
  const t = inferredTarget(file);
  return t.from ? `${formatTarget(t.version)} from ${t.from}` : `${formatTarget(t.version)} (nothing declared; the default)`;
}

export interface LineLength {
  length: number;
  /** Where it was read (`pyproject.toml [tool.ruff] line-length`); undefined for the default. */
  from?: string;
}

const lineLengths = new Map<string, LineLength>();

/** black's and ruff's default. */
export const DEFAULT_LINE_LENGTH = 88;

/**
 * The line length the project's formatter or linter holds code to, from the nearest directory above
 * `file` that configures one: ruff.toml / .ruff.toml `line-length`, pyproject.toml `[tool.ruff]` then
 * `[tool.black]` `line-length`, then flake8's `max-line-length` in setup.cfg, tox.ini or .flake8.
 * A pyproject.toml stops the search (the project root). 88 when nothing says otherwise.
 */
export function lineLengthFor(file: string): LineLength {
  return lineLengthForDir(path.dirname(path.resolve(file)));
}

function lineLengthForDir(dir: string): LineLength {
  const hit = lineLengths.get(dir);
  if (hit) return hit;
  let result = configuredLineLength(dir);
  if (!result) {
    const parent = path.dirname(dir);
    const root = sideText(path.join(dir, 'pyproject.toml'), ASSUMED_STYLE) !== undefined;
    result = root || parent === dir ? { length: DEFAULT_LINE_LENGTH } : lineLengthForDir(parent);
  }
  lineLengths.set(dir, result);
  return result;
}

function configuredLineLength(dir: string): LineLength | undefined {
  const valid = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 40 && n <= 400;
  for (const name of ['ruff.toml', '.ruff.toml']) {
    // One that does not parse says nothing (and is reported).
    const n = sideToml(path.join(dir, name), ASSUMED_STYLE)?.['line-length'];
    if (valid(n)) return { length: n, from: `${name} line-length` };
  }
  const tool = sideToml(path.join(dir, 'pyproject.toml'), ASSUMED_STYLE)?.tool as Record<string, { 'line-length'?: unknown } | undefined> | undefined;
  for (const name of ['ruff', 'black']) {
    const n = tool?.[name]?.['line-length'];
    if (valid(n)) return { length: n, from: `pyproject.toml [tool.${name}] line-length` };
  }
  for (const name of ['setup.cfg', 'tox.ini', '.flake8']) {
    // flake8 reads .flake8 with configparser, which takes what pytest's INI parser refuses: read as it is.
    const text = name === '.flake8' ? readSideFile(path.join(dir, name)) : sideText(path.join(dir, name), ASSUMED_STYLE);
    if (typeof text !== 'string') continue;
    const raw = iniOption(text, 'flake8', 'max-line-length') ?? iniOption(text, 'flake8', 'max_line_length');
    const n = raw === undefined ? NaN : Number(raw);
    if (valid(n)) return { length: n, from: `${name} [flake8] max-line-length` };
  }
  return undefined;
}

const importStyles = new Map<string, ImportStyle>();

/**
 * How the project's isort (or ruff's `I` rules) sorts imports, for the imports fixes add: the
 * first-party modules (what sits in the project root or its `src/`, ruff's `src` setting, the file's
 * own top-level package, and `known-first-party`, less `known-third-party`), and force-sort-within-sections (also set by isort's
 * google profile). Settings come from the nearest of `[tool.ruff.lint.isort]` / `[tool.ruff.isort]`
 * (pyproject.toml, ruff.toml), `[tool.isort]`, `.isort.cfg`, and `[isort]` in setup.cfg or tox.ini; the
 * root is the nearest directory above the file with pyproject.toml, setup.py, setup.cfg or `.git`.
 */
export function importStyleFor(file: string): ImportStyle {
  const dir = path.dirname(path.resolve(file));
  const hit = importStyles.get(dir);
  if (hit) return hit;
  const root = projectRoot(dir);
  const settings = isortSettings(dir, root);
  const firstParty = new Set(settings.knownFirstParty);
  for (const src of [root, path.join(root, 'src'), ...settings.src.map((s) => path.resolve(root, s))]) {
    for (const entry of listDir(src)) {
      if (entry.isDirectory() && /^[A-Za-z_]\w*$/.test(entry.name)) firstParty.add(entry.name);
      else if (entry.isFile() && /^[A-Za-z_]\w*\.pyi?$/.test(entry.name)) firstParty.add(entry.name.replace(/\.pyi?$/, ''));
    }
  }
  // The file's own top-level package (ruff's detect-same-package).
  let pkg = dir;
  while (existsSync(path.join(path.dirname(pkg), '__init__.py')) && path.dirname(pkg) !== pkg) pkg = path.dirname(pkg);
  if (existsSync(path.join(pkg, '__init__.py'))) firstParty.add(path.basename(pkg));
  const style: ImportStyle = { firstParty, forceSortWithinSections: settings.forceSort, thirdParty: new Set(settings.knownThirdParty) };
  importStyles.set(dir, style);
  return style;
}

function listDir(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function projectRoot(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (['pyproject.toml', 'setup.py', 'setup.cfg', '.git'].some((m) => existsSync(path.join(d, m)))) return d;
    if (path.dirname(d) === d) return dir;
  }
}

interface IsortSettings {
  knownFirstParty: string[];
  knownThirdParty: string[];
  forceSort: boolean;
  src: string[];
}

function isortSettings(dir: string, root: string): IsortSettings {
  for (let d = dir; ; d = path.dirname(d)) {
    const found = isortSettingsIn(d);
    if (found) return found;
    if (d === root || path.dirname(d) === d) return { knownFirstParty: [], knownThirdParty: [], forceSort: false, src: [] };
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : []);
const truthy = (v: unknown): boolean => v === true || (typeof v === 'string' && /^(true|1|yes)$/i.test(v.trim()));

function isortSettingsIn(dir: string): IsortSettings | undefined {
  type Table = Record<string, unknown>;
  const fromRuff = (ruff: Table | undefined): IsortSettings | undefined => {
    if (!ruff) return undefined;
    const isort = ((ruff.lint as Table | undefined)?.isort ?? ruff.isort) as Table | undefined;
    const src = strings(ruff.src);
    if (!isort && src.length === 0) return undefined;
    return { knownFirstParty: strings(isort?.['known-first-party']), knownThirdParty: strings(isort?.['known-third-party']), forceSort: truthy(isort?.['force-sort-within-sections']), src };
  };
  const fromIsort = (isort: Table | undefined): IsortSettings | undefined => {
    if (!isort) return undefined;
    const force = isort.force_sort_within_sections ?? isort['force-sort-within-sections'];
    return {
      knownFirstParty: strings(isort.known_first_party ?? isort['known-first-party']),
      knownThirdParty: strings(isort.known_third_party ?? isort['known-third-party']),
      forceSort: force !== undefined ? truthy(force) : isort.profile === 'google',
      src: strings(isort.src_paths),
    };
  };
  for (const name of ['ruff.toml', '.ruff.toml']) {
    const data = sideToml(path.join(dir, name), ASSUMED_STYLE);
    const found = data ? fromRuff(data) : undefined;
    if (found) return found;
  }
  const pyTool = sideToml(path.join(dir, 'pyproject.toml'), ASSUMED_STYLE)?.tool as Table | undefined;
  const fromPyproject = fromRuff(pyTool?.ruff as Table | undefined) ?? fromIsort(pyTool?.isort as Table | undefined);
  if (fromPyproject) return fromPyproject;
  for (const [name, section] of [
    ['.isort.cfg', 'settings'],
    ['setup.cfg', 'isort'],
    ['tox.ini', 'isort'],
  ] as const) {
    // isort reads .isort.cfg with configparser, which takes what pytest's INI parser refuses: read as it is.
    const text = name === '.isort.cfg' ? readSideFile(path.join(dir, name)) : sideText(path.join(dir, name), ASSUMED_STYLE);
    if (typeof text !== 'string' || !new RegExp(`^\\s*\\[${section}\\]`, 'm').test(text)) continue;
    const get = (key: string) => iniOption(text, section, key) ?? iniOption(text, section, key.replace(/_/g, '-'));
    return fromIsort({
      known_first_party: get('known_first_party'),
      known_third_party: get('known_third_party'),
      force_sort_within_sections: get('force_sort_within_sections'),
      profile: get('profile'),
      src_paths: get('src_paths'),
    });
  }
  return undefined;
}
