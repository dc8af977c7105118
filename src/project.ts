// Facts about the project a file lives in: the target Python version from what the nearest project
// metadata declares (setup.py, setup.cfg, pyproject.toml).
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { readSideFile } from './safe-read.js';
import { DEFAULT_TARGET, formatTarget, lowerBound, type PythonVersion } from './version.js';

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
  if (declared) {
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

/** What the directory's metadata declares; null: a pyproject.toml that declares nothing (the root); undefined: no metadata. */
function declaredPython(dir: string): Declared | null | undefined {
  const setupPy = readSideFile(path.join(dir, 'setup.py'));
  const fromSetupPy = setupPy === undefined ? undefined : literalKeyword(setupPy, 'python_requires');
  if (fromSetupPy) return { file: 'setup.py', key: 'python_requires', spec: fromSetupPy };
  const setupCfg = readSideFile(path.join(dir, 'setup.cfg'));
  const fromSetupCfg = setupCfg === undefined ? undefined : iniOption(setupCfg, 'options', 'python_requires');
  if (fromSetupCfg) return { file: 'setup.cfg', key: 'python_requires', spec: fromSetupCfg };
  const pyproject = readSideFile(path.join(dir, 'pyproject.toml'));
  if (pyproject === undefined) return setupPy !== undefined || setupCfg !== undefined ? null : undefined;
  try {
    const data = parseToml(pyproject) as { project?: { 'requires-python'?: unknown }; tool?: { poetry?: { dependencies?: { python?: unknown } } } };
    const spec = data.project?.['requires-python'];
    if (typeof spec === 'string') return { file: 'pyproject.toml', key: 'requires-python', spec };
    const poetry = data.tool?.poetry?.dependencies?.python;
    if (typeof poetry === 'string') return { file: 'pyproject.toml', key: 'tool.poetry.dependencies.python', spec: poetry };
  } catch {
    // An unreadable pyproject.toml declares nothing.
  }
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
