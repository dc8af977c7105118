// A Python 3.12+ with pytest 9 and pytest-asyncio 1.x (and AnyIO) for running migrated test suites:
// $LOOPMIGRATE_PYTHON, else an installed interpreter that has them, else a venv made once in the temp
// directory with the pinned versions. Null when none can be had. Likewise ruff and pre-commit.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PYTEST_PINS = ['pytest==9.1.1', 'pytest-asyncio==1.4.0', 'anyio'];

const PROBE = [
  'import sys, pytest, pytest_asyncio, anyio',
  'assert sys.version_info >= (3, 12)',
  'assert pytest.__version__.startswith("9.")',
  'assert pytest_asyncio.__version__.startswith("1.")',
].join('; ');

function works(python: string): boolean {
  return spawnSync(python, ['-c', PROBE], { encoding: 'utf8' }).status === 0;
}

function interpreters(): string[] {
  const out: string[] = [];
  for (const v of ['3.13', '3.12', '3.14']) {
    const r = spawnSync('pyenv', ['prefix', v === '3.13' ? '3.13.0' : v === '3.12' ? '3.12.1' : v], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) out.push(path.join(r.stdout.trim(), 'bin', 'python'));
    out.push(`python${v}`);
  }
  out.push('python3');
  return out.filter((p) => !p.includes(path.sep) || existsSync(p));
}

let cached: string | null | undefined;

export function pytestPython(): string | null {
  if (cached !== undefined) return cached;
  const explicit = process.env.LOOPMIGRATE_PYTHON;
  if (explicit) return (cached = works(explicit) ? explicit : null);
  const candidates = interpreters();
  const ready = candidates.find(works);
  if (ready) return (cached = ready);
  // Kept between test runs (each run's own temp directory goes when it ends: test/helpers/run-tmp.ts).
  const venv = path.join(process.env.LOOPMIGRATE_TEST_CACHE_DIR ?? os.tmpdir(), 'loopmigrate-pytest-venv');
  const python = path.join(venv, 'bin', 'python');
  if (existsSync(python) && works(python)) return (cached = python);
  for (const base of candidates) {
    const version = spawnSync(base, ['-c', 'import sys; assert sys.version_info >= (3, 12)'], { encoding: 'utf8' });
    if (version.status !== 0) continue;
    if (spawnSync(base, ['-m', 'venv', '--clear', venv], { encoding: 'utf8' }).status !== 0) continue;
    const pip = spawnSync(python, ['-m', 'pip', 'install', '-q', ...PYTEST_PINS], { encoding: 'utf8', timeout: 300_000 });
    if (pip.status === 0 && works(python)) return (cached = python);
  }
  return (cached = null);
}

let ruffCached: string | null | undefined;

/**
 * A ruff executable for the output-hygiene checks: $LOOPMIGRATE_RUFF, else `ruff` on PATH, else one
 * installed once with pip into a venv kept in the temp directory (beside the pytest venv). Null when
 * none can be had.
 */
export function ruffBinary(): string | null {
  if (ruffCached !== undefined) return ruffCached;
  const runs = (exe: string) => spawnSync(exe, ['--version'], { encoding: 'utf8' }).status === 0;
  const explicit = process.env.LOOPMIGRATE_RUFF;
  if (explicit) return (ruffCached = runs(explicit) ? explicit : null);
  if (runs('ruff')) return (ruffCached = 'ruff');
  const venv = path.join(process.env.LOOPMIGRATE_TEST_CACHE_DIR ?? os.tmpdir(), 'loopmigrate-ruff-venv');
  const ruff = path.join(venv, 'bin', 'ruff');
  if (existsSync(ruff) && runs(ruff)) return (ruffCached = ruff);
  for (const base of interpreters()) {
    if (spawnSync(base, ['-m', 'venv', '--clear', venv], { encoding: 'utf8' }).status !== 0) continue;
    const pip = spawnSync(path.join(venv, 'bin', 'python'), ['-m', 'pip', 'install', '-q', 'ruff'], { encoding: 'utf8', timeout: 300_000 });
    if (pip.status === 0 && runs(ruff)) return (ruffCached = ruff);
  }
  return (ruffCached = null);
}

export const PRE_COMMIT_PIN = 'pre-commit==4.6.2';

let preCommitCached: string | null | undefined;

/**
 * A pre-commit executable for the hook install test: $LOOPMIGRATE_PRE_COMMIT, else `pre-commit` on
 * PATH, else PRE_COMMIT_PIN installed once with pip into a venv kept in the temp directory (beside the
 * pytest venv), from the first Python that can have it (a mirror may hold PyYAML's wheels for one
 * Python only). Null when none can be had.
 */
export function preCommitBinary(): string | null {
  if (preCommitCached !== undefined) return preCommitCached;
  const runs = (exe: string) => spawnSync(exe, ['--version'], { encoding: 'utf8' }).status === 0;
  const explicit = process.env.LOOPMIGRATE_PRE_COMMIT;
  if (explicit) return (preCommitCached = runs(explicit) ? explicit : null);
  if (runs('pre-commit')) return (preCommitCached = 'pre-commit');
  const venv = path.join(process.env.LOOPMIGRATE_TEST_CACHE_DIR ?? os.tmpdir(), 'loopmigrate-pre-commit-venv');
  const preCommit = path.join(venv, 'bin', 'pre-commit');
  if (existsSync(preCommit) && runs(preCommit)) return (preCommitCached = preCommit);
  // PIP_RETRIES=0: a mirror-only machine answers a miss at once; retrying an index it cannot reach only waits.
  const env = { ...process.env, PIP_RETRIES: process.env.PIP_RETRIES ?? '0' };
  for (const base of ['python3', ...interpreters()]) {
    if (spawnSync(base, ['-m', 'venv', '--clear', venv], { encoding: 'utf8' }).status !== 0) continue;
    const pip = spawnSync(path.join(venv, 'bin', 'python'), ['-m', 'pip', 'install', '-q', PRE_COMMIT_PIN], { encoding: 'utf8', env, timeout: 300_000 });
    if (pip.status === 0 && runs(preCommit)) return (preCommitCached = preCommit);
  }
  return (preCommitCached = null);
}

let cpythonCached: string | null | undefined;

/**
 * A CPython 3.12 or later (no packages needed): its compile() is the reference for what Python refuses,
 * so tables of cases can be checked against it. Null when none is installed.
 */
export function cpython(): string | null {
  if (cpythonCached !== undefined) return cpythonCached;
  const recent = (exe: string) => spawnSync(exe, ['-c', 'import sys; assert sys.version_info >= (3, 12)'], { encoding: 'utf8' }).status === 0;
  return (cpythonCached = interpreters().find(recent) ?? null);
}

/**
 * What CPython's compile() says of each source (bytes as latin-1 characters): 'ok', 'tab LINE' (TabError),
 * 'unindent LINE' (IndentationError: unindent does not match any outer indentation level), 'encoding'
 * (a SyntaxError about the coding declaration or the BOM) or 'other'.
 */
export function cpythonVerdicts(python: string, sources: Record<string, string>): Record<string, string> {
  const script = [
    'import json, sys, warnings',
    'out = {}',
    'for name, src in json.load(sys.stdin).items():',
    '    try:',
    '        with warnings.catch_warnings():',
    "            warnings.simplefilter('ignore')",
    "            compile(src.encode('latin-1'), name, 'exec', dont_inherit=True)",
    "        out[name] = 'ok'",
    '    except TabError as e:',
    "        out[name] = f'tab {e.lineno}'",
    '    except IndentationError as e:',
    "        out[name] = f'unindent {e.lineno}' if 'unindent does not match' in e.msg else 'other'",
    '    except SyntaxError as e:',
    "        out[name] = 'encoding' if 'encoding' in e.msg or 'BOM' in e.msg else 'other'",
    'print(json.dumps(out))',
  ].join('\n');
  const r = spawnSync(python, ['-I', '-c', script], { input: JSON.stringify(sources), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${python}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, string>;
}
