// Facts about the project a file lives in: the target Python version from the nearest pyproject.toml.
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { readSideFile } from './safe-read.js';
import { DEFAULT_TARGET, lowerBound, type PythonVersion } from './version.js';

const cache = new Map<string, PythonVersion>();

/**
 * The target inferred from `requires-python` in the nearest pyproject.toml above `file` (as ruff does);
 * py310 when there is none. A pyproject.toml without `requires-python` stops the search (it is the
 * project root), like ruff's nearest-config rule.
 */
export function inferTarget(file: string): PythonVersion {
  const dir = path.dirname(path.resolve(file));
  return inferForDir(dir);
}

function inferForDir(dir: string): PythonVersion {
  const hit = cache.get(dir);
  if (hit) return hit;
  let result: PythonVersion;
  const spec = readRequiresPython(path.join(dir, 'pyproject.toml'));
  if (spec !== undefined) {
    result = (spec && lowerBound(spec)) || DEFAULT_TARGET;
  } else {
    const parent = path.dirname(dir);
    result = parent === dir ? DEFAULT_TARGET : inferForDir(parent);
  }
  cache.set(dir, result);
  return result;
}

/** undefined: no pyproject.toml here; null: one without a usable requires-python. */
function readRequiresPython(file: string): string | null | undefined {
  const text = readSideFile(file);
  if (text === undefined) return undefined;
  try {
    const data = parseToml(text) as { project?: { 'requires-python'?: unknown } };
    const spec = data.project?.['requires-python'];
    return typeof spec === 'string' ? spec : null;
  } catch {
    return null;
  }
}
