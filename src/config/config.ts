// Project configuration: `[tool.loopmigrate]` in pyproject.toml, or the same keys at the top level of
// loopmigrate.toml / .loopmigrate.toml (ruff's file names, order and nearest-file rule).
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { unknownSelectors } from '../engine/registry.js';
import type { PerFileIgnore, TargetVersion } from '../common/types.js';
import { SUPPORTED_TARGETS } from '../common/version.js';
import { readSideBytes } from '../common/safe-read.js';
import { decodeConfig, parseTomlChecked } from '../common/config-syntax.js';

/** Checked in this order in each directory; the first that applies wins (ruff: .ruff.toml, ruff.toml, pyproject.toml). */
export const CONFIG_FILES = ['.loopmigrate.toml', 'loopmigrate.toml', 'pyproject.toml'] as const;

export interface Config {
  /** Absolute path of the file the settings came from. */
  file: string;
  select?: string[];
  ignore?: string[];
  unsafeFixes?: boolean;
  targetVersion?: TargetVersion;
  /** Gitignore-style globs relative to the config file's directory. */
  exclude?: string[];
  extendExclude?: string[];
  /** Apply the excludes to paths named on the command line too (--force-exclude). */
  forceExclude?: boolean;
  perFileIgnores: PerFileIgnore[];
}

/** A configuration problem: the message names the file, the key and what is accepted. */
export class ConfigError extends Error {}

const KEYS = ['select', 'ignore', 'unsafe-fixes', 'target-version', 'exclude', 'extend-exclude', 'force-exclude', 'per-file-ignores'] as const;

/**
 * The configuration for a run over `paths`: the nearest config file at or above their common ancestor
 * (a pyproject.toml counts only when it has a [tool.loopmigrate] table), or `explicit` when given.
 */
export function loadConfig(paths: string[], explicit?: string): Config | undefined {
  if (explicit !== undefined) {
    const file = path.resolve(explicit);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      throw new ConfigError(`${explicit}: the config file cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    return parseConfig(file, bytes) ?? { file, perFileIgnores: [] };
  }
  for (let dir = commonAncestor(paths); ; dir = path.dirname(dir)) {
    for (const name of CONFIG_FILES) {
      const file = path.join(dir, name);
      // Found, not named: a FIFO or device under a config name must not hang the run.
      const bytes = readSideBytes(file);
      if (bytes === undefined) continue;
      const config = parseConfig(file, bytes);
      if (config) return config;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The deepest directory containing every path (a file counts as its directory). */
export function commonAncestor(paths: string[]): string {
  const dirs = (paths.length ? paths : ['.']).map((p) => {
    const abs = path.resolve(p);
    try {
      return statSync(abs).isDirectory() ? abs : path.dirname(abs);
    } catch {
      return path.dirname(abs);
    }
  });
  let common = dirs[0] ?? process.cwd();
  for (const d of dirs.slice(1)) {
    while (common !== path.dirname(common) && path.relative(common, d).startsWith('..')) common = path.dirname(common);
  }
  return common;
}

/**
 * Undefined for a pyproject.toml without [tool.loopmigrate] (it does not configure loopmigrate). A file
 * that may hold loopmigrate's settings and does not parse stops the run, as ruff stops on its own
 * config: `path:line:col: message`.
 */
export function parseConfig(file: string, content: Uint8Array): Config | undefined {
  const shown = displayConfigPath(file);
  const isPyproject = path.basename(file) === 'pyproject.toml';
  // Another tool's broken pyproject.toml above the project must not stop loopmigrate (the pytest pre-pass
  // reports it when pytest reads it).
  if (isPyproject && !Buffer.from(content).includes('loopmigrate')) return undefined;
  const decoded = decodeConfig(content);
  const parsed = 'problem' in decoded ? decoded : parseTomlChecked(decoded.text);
  if ('problem' in parsed) {
    const { line, column, message } = parsed.problem;
    throw new ConfigError(`${shown}:${line}:${column}: ${message}; loopmigrate reads its settings from this file, so it checked and changed nothing`);
  }
  const data = parsed.data;
  let table: unknown = data;
  if (isPyproject) {
    const tool = data.tool;
    table = isTable(tool) ? tool.loopmigrate : undefined;
    if (table === undefined) return undefined;
  }
  const where = isPyproject ? '[tool.loopmigrate]' : 'top level';
  if (!isTable(table)) throw new ConfigError(`${shown}: [tool.loopmigrate] must be a table`);
  const config: Config = { file, perFileIgnores: [] };
  const fail = (key: string, accepted: string): never => {
    throw new ConfigError(`${shown}: invalid value for '${key}' (${where}); expected ${accepted}`);
  };
  for (const [key, value] of Object.entries(table)) {
    switch (key) {
      case 'select':
      case 'ignore': {
        const list = stringList(value) ?? fail(key, 'a list of rule codes, prefixes or names, e.g. ["LM1", "LM201"]');
        checkSelectors(shown, key, list);
        config[key] = list;
        break;
      }
      case 'unsafe-fixes':
        config.unsafeFixes = typeof value === 'boolean' ? value : fail(key, 'true or false');
        break;
      case 'force-exclude':
        config.forceExclude = typeof value === 'boolean' ? value : fail(key, 'true or false');
        break;
      case 'target-version':
        if (typeof value !== 'string' || !(SUPPORTED_TARGETS as readonly string[]).includes(value)) {
          fail(key, `one of ${SUPPORTED_TARGETS.map((t) => `"${t}"`).join(', ')}`);
        }
        config.targetVersion = value as TargetVersion;
        break;
      case 'exclude':
      case 'extend-exclude': {
        const list = stringList(value) ?? fail(key, 'a list of gitignore-style globs, e.g. ["generated/", "*_pb2.py"]');
        if (key === 'exclude') config.exclude = list;
        else config.extendExclude = list;
        break;
      }
      case 'per-file-ignores': {
        const accepted = 'a table of glob = list of rule codes, e.g. { "tests/**" = ["LM2"] }';
        if (!isTable(value)) fail(key, accepted);
        for (const [pattern, codes] of Object.entries(value as Record<string, unknown>)) {
          const list = stringList(codes) ?? fail(`${key}."${pattern}"`, 'a list of rule codes, prefixes or names');
          checkSelectors(shown, `${key}."${pattern}"`, list);
          config.perFileIgnores.push({ base: path.dirname(file), pattern, rules: list });
        }
        break;
      }
      default:
        throw new ConfigError(`${shown}: unknown key '${key}' (${where}); accepted keys: ${KEYS.join(', ')}`);
    }
  }
  return config;
}

function checkSelectors(shown: string, key: string, list: string[]): void {
  const unknown = unknownSelectors(list);
  if (unknown.length) {
    throw new ConfigError(`${shown}: unknown rule selector ${unknown.map((u) => `'${u}'`).join(', ')} in '${key}'; use codes (LM101), prefixes (LM1) or names (loopmigrate --list-rules)`);
  }
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((s) => typeof s === 'string') ? v : undefined;
}

function displayConfigPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return (rel && !rel.startsWith('..') ? rel : file).split(path.sep).join('/');
}

/** A predicate for discovery: true for paths the config's exclude/extend-exclude globs match. */
export function excludeMatcher(config: Config): ((abs: string, isDir: boolean) => boolean) | undefined {
  const globs = [...(config.exclude ?? []), ...(config.extendExclude ?? [])];
  if (globs.length === 0) return undefined;
  return globMatcher(path.dirname(config.file), globs);
}

function globMatcher(base: string, globs: string[]): (abs: string, isDir: boolean) => boolean {
  const rules: Ignore = ignore().add(globs);
  return (abs, isDir) => {
    const rel = path.relative(base, abs).split(path.sep).join('/');
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    return rules.ignores(isDir ? `${rel}/` : rel);
  };
}

const perFileCache = new Map<string, (abs: string, isDir: boolean) => boolean>();

/** The rule selectors that per-file-ignores disable for `file`. */
export function ignoredRulesFor(file: string, entries: readonly PerFileIgnore[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const key = `${e.base}\0${e.pattern}`;
    let match = perFileCache.get(key);
    if (!match) perFileCache.set(key, (match = globMatcher(e.base, [e.pattern])));
    if (match(path.resolve(file), false)) out.push(...e.rules);
  }
  return out;
}
