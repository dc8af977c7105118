// Python versions as [major, minor] and the py3XY spelling ruff uses for --target-version.
export type PythonVersion = readonly [number, number];

export const SUPPORTED_TARGETS = ['py37', 'py38', 'py39', 'py310', 'py311', 'py312', 'py313', 'py314'] as const;
export const DEFAULT_TARGET: PythonVersion = [3, 10];

export function parseTarget(text: string): PythonVersion | null {
  const m = /^py3(\d{1,2})$/.exec(text.trim());
  return m ? [3, Number(m[1])] : null;
}

export function parseVersion(text: string): PythonVersion | null {
  const m = /^(\d+)\.(\d+)/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2])] : null;
}

export function formatTarget(v: PythonVersion): string {
  return `py${v[0]}${v[1]}`;
}

export function formatVersion(v: PythonVersion): string {
  return `${v[0]}.${v[1]}`;
}

export function compareVersions(a: PythonVersion, b: PythonVersion): number {
  return a[0] - b[0] || a[1] - b[1];
}

/**
 * The lowest Python a `requires-python` specifier admits, as ruff infers the target from it:
 * `>=3.9`, `>=3.8,<4`, `~=3.11`, `==3.12.*`, `>3.10` (3.10.1 is still 3.10), and Poetry's `^3.8`, `~3.8`
 * and bare `3.8`. Null when no lower bound is stated.
 */
export function lowerBound(spec: string): PythonVersion | null {
  let best: PythonVersion | null = null;
  for (const clause of spec.split(',')) {
    const m = /^\s*(>=|~=|==|>|\^|~)?\s*(\d+)(?:\.(\d+|\*))?/.exec(clause);
    if (!m) continue;
    const major = Number(m[2]);
    const minor = m[3] === undefined || m[3] === '*' ? 0 : Number(m[3]);
    const v: PythonVersion = [major, minor];
    if (!best || compareVersions(v, best) > 0) best = v;
  }
  return best;
}
