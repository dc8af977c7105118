// The pytest configuration file pytest itself would read (pytest's _pytest/config/findpaths.py is the
// reference), its pytest-asyncio options, and minimal text edits that set an option in it while keeping
// the file's comments, order and style. TOML is parsed with smol-toml only to read and to verify edits.
import type { BrokenConfig, ConfigFlavour, PytestConfig } from '../common/facts.js';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { DirectoryListing } from '../discover/discover.js';
import { decodeConfig, iniProblem, parseTomlChecked, type SyntaxProblem } from '../common/config-syntax.js';

/** How the file holds pytest's options. */
export const CONFIG_NAMES = ['pytest.toml', '.pytest.toml', 'pytest.ini', '.pytest.ini', 'pyproject.toml', 'tox.ini', 'setup.cfg'];

function isFile(p: string): boolean {
  try {
    return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

function readBytes(p: string): Buffer | null {
  try {
    return readFileSync(p);
  } catch {
    return null;
  }
}

/**
 * What locateConfig() found from one directory up: a config, the fallback pyproject.toml seen first,
 * or a file pytest reads on its way there and cannot parse (pytest stops on it).
 */
interface Located {
  found: PytestConfig | null;
  fallback: PytestConfig | null;
  broken?: BrokenConfig;
}

/** Per-run memo of locateConfig() by directory: the directories of a tree share their ancestors. */
export type ConfigCache = Map<string, Located>;

/**
 * The config pytest would pick for a run started on `dir`: in `dir` and then each ancestor, the first
 * of CONFIG_NAMES that holds pytest configuration; failing that, the first pyproject.toml seen. pytest
 * parses every candidate it meets on the way, and the other candidates beside the one it picks, and
 * stops with an error on one that does not parse: that file is returned instead (`problem` set).
 */
export function locateConfig(dir: string, cache: ConfigCache = new Map(), listing?: DirectoryListing): PytestConfig | BrokenConfig | null {
  const located = locate(path.resolve(dir), cache, listing);
  return located.broken ?? located.found ?? located.fallback;
}

/** The file is a config pytest cannot read. */
export function isBroken(cfg: PytestConfig | BrokenConfig | null | undefined): cfg is BrokenConfig {
  return cfg !== null && cfg !== undefined && 'problem' in cfg;
}

/** A candidate's config (null: it holds none), or why pytest cannot read it. */
function candidate(p: string): PytestConfig | BrokenConfig | null {
  const bytes = readBytes(p);
  if (bytes === null) return null;
  const decoded = decodeConfig(bytes);
  if ('problem' in decoded) return { path: p, problem: decoded.problem };
  const problem = configProblem(p, decoded.text);
  return problem ? { path: p, problem } : readConfig(p, decoded.text);
}

/** `listing`: what this run's walk saw, so that the directories it listed need no stat per name. */
function locate(base: string, cache: ConfigCache, listing: DirectoryListing | undefined): Located {
  const known = cache.get(base);
  if (known) return known;
  let fallback: PytestConfig | null = null;
  let result: Located | undefined;
  const present = CONFIG_NAMES.filter((name) => (!listing || listing.mayHold(base, name)) && isFile(path.join(base, name)));
  for (const [i, name] of present.entries()) {
    const cfg = candidate(path.join(base, name));
    if (isBroken(cfg)) {
      result = { found: null, fallback, broken: cfg };
      break;
    }
    if (cfg && cfg.flavour !== 'pyproject-none') {
      // pytest reads the other candidates of the directory too (to warn that it ignores them).
      const after = present
        .slice(i + 1)
        .map((n) => candidate(path.join(base, n)))
        .find(isBroken);
      result = after ? { found: null, fallback, broken: after } : { found: cfg, fallback };
      break;
    }
    if (cfg && !fallback) fallback = cfg;
  }
  if (!result) {
    const parent = path.dirname(base);
    const above: Located = parent === base ? { found: null, fallback: null } : locate(parent, cache, listing);
    result = { found: above.found, fallback: fallback ?? above.fallback, ...(above.broken ? { broken: above.broken } : {}) };
  }
  cache.set(base, result);
  return result;
}

/**
 * Why pytest cannot read the file: a TOML or INI syntax error where pytest's parsers find one, a
 * setup.cfg with a `[pytest]` section only (pytest refuses it), a pyproject.toml with both
 * `[tool.pytest]` options and `[tool.pytest.ini_options]`. Null when pytest reads it.
 */
export function configProblem(file: string, text: string): SyntaxProblem | null {
  const name = path.basename(file);
  if (name.endsWith('.toml')) {
    const parsed = parseTomlChecked(text);
    if ('problem' in parsed) return parsed.problem;
    if (name !== 'pyproject.toml') return null;
    const tool = table(table(parsed.data.tool).pytest);
    if (tool.ini_options !== undefined && Object.keys(tool).some((k) => k !== 'ini_options')) {
      return { ...headerPosition(text, 'tool.pytest.ini_options'), message: 'both [tool.pytest] options and [tool.pytest.ini_options], which pytest refuses (keep one of them)' };
    }
    return null;
  }
  const syntax = iniProblem(text);
  if (syntax) return syntax;
  if (name === 'setup.cfg') {
    const sections = parseIni(text);
    if (sections.has('pytest') && !sections.has('tool:pytest')) {
      return { ...headerPosition(text, 'pytest'), message: 'a [pytest] section, which pytest refuses in setup.cfg (rename it to [tool:pytest])' };
    }
  }
  return null;
}

/** Line and column of a section header (1:1 when it is not written as one). */
function headerPosition(text: string, section: string): { line: number; column: number } {
  const lines = text.split(/\r\n|\r|\n/);
  const toml = !section.includes(':') && section.includes('.');
  const index = lines.findIndex((l) => sectionHeader(l, toml) === section);
  return { line: index < 0 ? 1 : index + 1, column: 1 };
}

/** The pytest configuration in a file, or null when the file holds none (pytest skips it). */
export function readConfig(file: string, text: string): PytestConfig | null {
  const name = path.basename(file);
  if (name.endsWith('.toml')) {
    let data: Record<string, unknown>;
    try {
      data = parseToml(text);
    } catch {
      return null;
    }
    if (name === 'pytest.toml' || name === '.pytest.toml') {
      return { path: file, flavour: 'pytest.toml', options: stringify(table(data.pytest)), dependencies: [] };
    }
    const tool = table(table(data.tool).pytest);
    const dependencies = declaredDependencies(data);
    const iniOptions = tool.ini_options;
    const tomlOptions = Object.fromEntries(Object.entries(tool).filter(([k]) => k !== 'ini_options'));
    if (Object.keys(tomlOptions).length > 0) return { path: file, flavour: 'pyproject-toml', options: stringify(tomlOptions), dependencies };
    if (iniOptions !== undefined) return { path: file, flavour: 'pyproject-ini', options: stringify(table(iniOptions)), dependencies };
    return { path: file, flavour: 'pyproject-none', options: {}, dependencies };
  }
  const sections = parseIni(text);
  if (name.endsWith('.ini')) {
    const section = sections.get('pytest');
    if (section) return { path: file, flavour: name === 'tox.ini' ? 'tox.ini' : 'pytest.ini', options: section, dependencies: [] };
    return name === 'pytest.ini' || name === '.pytest.ini' ? { path: file, flavour: 'pytest.ini', options: {}, dependencies: [] } : null;
  }
  if (name.endsWith('.cfg')) {
    const section = sections.get('tool:pytest');
    return section ? { path: file, flavour: 'setup.cfg', options: section, dependencies: [] } : null;
  }
  return null;
}

function table(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function stringify(t: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Array.isArray(v) ? v.map(String).join('\n') : String(v)]));
}

function declaredDependencies(data: Record<string, unknown>): string[] {
  const project = table(data.project);
  const out: unknown[] = [];
  if (Array.isArray(project.dependencies)) out.push(...(project.dependencies as unknown[]));
  for (const group of Object.values(table(project['optional-dependencies']))) if (Array.isArray(group)) out.push(...(group as unknown[]));
  for (const group of Object.values(table(data['dependency-groups']))) if (Array.isArray(group)) out.push(...(group as unknown[]));
  const poetry = table(table(data.tool).poetry);
  out.push(...Object.keys(table(poetry.dependencies)), ...Object.keys(table(poetry['dev-dependencies'])));
  for (const group of Object.values(table(poetry.group))) out.push(...Object.keys(table(table(group).dependencies)));
  return out.filter((d): d is string => typeof d === 'string').map((d) => d.toLowerCase());
}

/** The sections of an ini file as iniconfig reads them: `key = value` / `key: value`, indented continuation lines. */
function parseIni(text: string): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>();
  let current: Record<string, string> | null = null;
  let lastKey: string | null = null;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (/^\s*([#;].*)?$/.test(line)) continue;
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header?.[1]) {
      current = {};
      sections.set(header[1].trim(), current);
      lastKey = null;
      continue;
    }
    if (!current) continue;
    if (/^\s/.test(line) && lastKey) {
      current[lastKey] = `${current[lastKey] ?? ''}\n${line.trim()}`;
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (kv?.[1]) {
      lastKey = kv[1].trim();
      current[lastKey] = (kv[2] ?? '').trim();
    }
  }
  return sections;
}

/** The section header each flavour keeps pytest's options under. */
export function sectionName(flavour: ConfigFlavour): string {
  switch (flavour) {
    case 'pytest.toml':
    case 'pytest.ini':
    case 'tox.ini':
      return 'pytest';
    case 'pyproject-toml':
      return 'tool.pytest';
    case 'pyproject-ini':
    case 'pyproject-none':
      return 'tool.pytest.ini_options';
    case 'setup.cfg':
      return 'tool:pytest';
  }
}

export interface ConfigEditResult {
  text: string;
  /** Offset of the first changed line in the new text (for the finding's position). */
  at: number;
}

/**
 * Set `key = value` for each entry in the config's pytest section: replace the value of a key that is
 * there, append new keys after the section's last option, or add the section at the end of the file
 * when there is none. Null when the file is laid out in a way this cannot edit safely (e.g. the table
 * written inline); the caller then reports the manual step instead.
 */
/** How the section's first option line writes itself: the separator with its spacing, and TOML's string quote. */
function optionStyle(lines: string[], toml: boolean): { sep: string; quote: "'" | '"' } {
  let sep: string | null = null;
  let quote: "'" | '"' | null = null;
  for (const text of lines) {
    if (/^\s*\[/.test(text)) break;
    const m = /^[A-Za-z_][\w.-]*(\s*[=:]\s*)(\S?)/.exec(text);
    // `markers =` with its values on continuation lines says nothing about the space after `=`.
    if (!m || m[2] === '') continue;
    const found = m[1] ?? '';
    if (toml && found.includes(':')) continue;
    sep ??= found.length > 0 ? found : null;
    if (toml && quote === null && (m[2] === "'" || m[2] === '"')) quote = m[2];
    if (sep && (quote || !toml)) break;
  }
  return { sep: sep ?? ' = ', quote: quote ?? '"' };
}

/** A TOML string: literal ('...') when the file writes them and the value allows it, else basic. */
function quoteToml(value: string, quote: "'" | '"'): string {
  return quote === "'" && !/['\n]/.test(value) ? `'${value}'` : JSON.stringify(value);
}

export function setOptions(cfg: PytestConfig, text: string, entries: ReadonlyArray<readonly [string, string]>): ConfigEditResult | null {
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const toml = cfg.path.endsWith('.toml');
  const section = sectionName(cfg.flavour);
  const lines = splitLines(text);
  const headerIndex = lines.findIndex((l) => sectionHeader(l.text, toml) === section);
  // The file's own way of writing an option (`key = value` or `key=value`, `:` in ini files, TOML quotes).
  const style = optionStyle(lines.map((l) => l.text).slice(headerIndex >= 0 ? headerIndex + 1 : 0), toml);
  const line = (k: string, v: string) => `${k}${style.sep}${toml ? quoteToml(v, style.quote) : v}`;
  let out: string;
  let at: number;
  if (headerIndex < 0) {
    const hasSection = cfg.flavour !== 'pyproject-none' && Object.keys(cfg.options).length > 0;
    if (hasSection && cfg.flavour !== 'pytest.ini') return null;
    const body = entries.map(([k, v]) => line(k, v) + eol).join('');
    const sep = text.length === 0 ? '' : /(\r\n|\n|\r)$/.test(text) ? eol : eol + eol;
    at = text.length + sep.length;
    out = text + sep + `[${section}]` + eol + body;
  } else {
    let end = headerIndex + 1;
    while (end < lines.length && !/^\s*\[/.test(lines[end]?.text ?? '')) end++;
    let lastOption = headerIndex;
    for (let i = headerIndex + 1; i < end; i++) if (!/^\s*([#;].*)?$/.test(lines[i]?.text ?? '')) lastOption = i;
    const replaced = new Map<number, string>();
    const added: string[] = [];
    for (const [k, v] of entries) {
      let found = -1;
      for (let i = headerIndex + 1; i < end; i++) {
        const m = /^([A-Za-z_][\w.-]*)\s*[=:]/.exec(lines[i]?.text ?? '');
        if (m?.[1] === k) found = i;
      }
      if (found >= 0) replaced.set(found, line(k, v));
      else added.push(line(k, v));
    }
    const pieces: string[] = [];
    at = -1;
    let offset = 0;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      if (!l) continue;
      const rep = replaced.get(i);
      if (rep !== undefined) {
        if (at < 0) at = offset;
        pieces.push(rep + (l.eol || eol));
        offset += rep.length + (l.eol || eol).length;
      } else {
        pieces.push(l.text + l.eol);
        offset += l.text.length + l.eol.length;
      }
      if (i === lastOption && added.length) {
        if (!l.eol) {
          pieces.push(eol);
          offset += eol.length;
        }
        if (at < 0) at = offset;
        const block = added.map((a) => a + eol).join('');
        pieces.push(block);
        offset += block.length;
      }
    }
    out = pieces.join('');
    if (at < 0) at = 0;
  }
  return verify(cfg, out, entries) ? { text: out, at } : null;
}

function verify(cfg: PytestConfig, text: string, entries: ReadonlyArray<readonly [string, string]>): boolean {
  if (configProblem(cfg.path, text)) return false;
  const after = readConfig(cfg.path, text);
  if (!after) return false;
  return entries.every(([k, v]) => after.options[k] === v);
}

function splitLines(text: string): Array<{ text: string; eol: string }> {
  const parts = text.split(/(\r\n|\r|\n)/);
  const out: Array<{ text: string; eol: string }> = [];
  for (let i = 0; i < parts.length; i += 2) out.push({ text: parts[i] ?? '', eol: parts[i + 1] ?? '' });
  if (out.length > 1 && out[out.length - 1]?.text === '' && out[out.length - 1]?.eol === '') out.pop();
  return out;
}

function sectionHeader(line: string, toml: boolean): string | null {
  const m = toml ? /^\s*\[\s*([^\][]+?)\s*\]\s*(#.*)?$/.exec(line) : /^\[([^\]]+)\]/.exec(line);
  return m?.[1]
    ? m[1]
        .replace(/\s*\.\s*/g, '.')
        .replace(/"/g, '')
        .trim()
    : null;
}
