// The "modern stack" the e2e scenarios run on: a CPython >= 3.12 found on this machine and a
// virtualenv with pinned packages, built once and cached across runs (keyed by interpreter + pins).
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './process.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The packages the scenarios need, pinned to the versions the rule catalog talks about. */
export const PINS = ['pytest==9.1.1', 'pytest-asyncio==1.4.0', 'apscheduler==3.11.3', 'anyio', 'aiosqlite'];

/** Newest first; the first one found is the primary stack. */
export const WANTED_VERSIONS = ['3.13', '3.12'] as const;

export interface Interpreter {
  /** "3.13" */
  minor: string;
  /** "3.13.0" */
  version: string;
  executable: string;
}

export interface Stack extends Interpreter {
  venv: string;
  /** The venv's python; always called as `python -m ...`, never through a console script. */
  python: string;
}

function probe(executable: string, minor: string): Interpreter | undefined {
  try {
    const out = execFileSync(executable, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3]); print(sys.executable)'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 20_000,
    });
    const [version, realExecutable] = out.trim().split('\n');
    if (!version || !realExecutable || !version.startsWith(`${minor}.`)) return undefined;
    return { minor, version, executable: realExecutable };
  } catch {
    return undefined;
  }
}

function tryExec(cmd: string, args: string[]): string | undefined {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 });
  } catch {
    return undefined;
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Finds CPython `minor`: an explicit LOOPMIGRATE_E2E_PYTHON313-style variable, then `python3.13` on
 * PATH, then the newest matching pyenv install (`pyenv prefix`). Never a hard-coded path.
 */
export function findInterpreter(minor: string): Interpreter | undefined {
  const override = process.env[`LOOPMIGRATE_E2E_PYTHON${minor.replace('.', '')}`];
  if (override) return probe(override, minor);
  const onPath = probe(`python${minor}`, minor);
  if (onPath) return onPath;
  const bare = tryExec('pyenv', ['versions', '--bare']);
  if (!bare) return undefined;
  const candidates = bare
    .split('\n')
    .map((line) => line.trim())
    .filter((v) => new RegExp(`^${minor.replace('.', '\\.')}\\.\\d+$`).test(v))
    .sort(compareVersions)
    .reverse();
  for (const candidate of candidates) {
    const prefix = tryExec('pyenv', ['prefix', candidate])?.trim();
    if (!prefix) continue;
    const found = probe(join(prefix, 'bin', `python${minor}`), minor);
    if (found) return found;
  }
  return undefined;
}

/** LOOPMIGRATE_E2E_PYTHONS="3.13" (comma-separated) narrows the matrix, e.g. for a quick local run. */
export function findInterpreters(): Interpreter[] {
  const only = process.env.LOOPMIGRATE_E2E_PYTHONS?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const versions = only && only.length > 0 ? only : [...WANTED_VERSIONS];
  return versions.map(findInterpreter).filter((i): i is Interpreter => i !== undefined);
}

function cacheRoot(): string {
  return process.env.LOOPMIGRATE_E2E_CACHE ?? join(repoRoot, 'node_modules', '.cache', 'loopmigrate-e2e');
}

const IMPORT_CHECK = 'import pytest, pytest_asyncio, apscheduler, anyio, aiosqlite';

/**
 * Returns a ready venv for `interp`, creating it when missing. Safe against concurrent callers
 * (other vitest workers, parallel runs): each builds in a private directory and renames it into
 * place; a loser of the rename race discards its copy and uses the winner's.
 */
export async function ensureStack(interp: Interpreter, packages: { pins: readonly string[]; check: string } = { pins: PINS, check: IMPORT_CHECK }): Promise<Stack> {
  const { pins, check: importCheck } = packages;
  const key = createHash('sha256')
    .update(JSON.stringify({ executable: interp.executable, version: interp.version, pins }))
    .digest('hex')
    .slice(0, 12);
  const root = cacheRoot();
  const venv = join(root, `py${interp.minor}-${key}`);
  const stack: Stack = { ...interp, venv, python: join(venv, 'bin', 'python') };
  const ready = join(venv, 'loopmigrate-e2e-ready.json');
  if (existsSync(ready)) {
    const check = await run(stack.python, ['-c', importCheck], { timeoutMs: 60_000 });
    if (check.code === 0) return stack;
    rmSync(venv, { recursive: true, force: true });
  }
  mkdirSync(root, { recursive: true });
  const building = `${venv}.building-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const step = async (cmd: string, args: string[]) => {
      const r = await run(cmd, args, {
        timeoutMs: 600_000,
        // A mirror-only machine answers "no" fast; pip's default retries would wait on each miss.
        env: { PIP_RETRIES: process.env.PIP_RETRIES ?? '0', PIP_NO_INPUT: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1' },
      });
      if (r.code !== 0) {
        throw new Error(`e2e stack: \`${cmd} ${args.join(' ')}\` failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
      }
    };
    await step(interp.executable, ['-m', 'venv', building]);
    const py = join(building, 'bin', 'python');
    await step(py, ['-m', 'pip', 'install', '--quiet', ...pins]);
    await step(py, ['-c', importCheck]);
    const freeze = await run(py, ['-m', 'pip', 'freeze'], { timeoutMs: 120_000 });
    writeFileSync(join(building, 'loopmigrate-e2e-ready.json'), JSON.stringify({ python: interp.version, pins, freeze: freeze.stdout.trim().split('\n') }, null, 2));
    try {
      renameSync(building, venv);
    } catch (err) {
      if (!existsSync(ready)) throw err;
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return stack;
}

/** `pip freeze` of a ready stack, for the report line. */
export function frozen(stack: Stack): string[] {
  const info = JSON.parse(readFileSync(join(stack.venv, 'loopmigrate-e2e-ready.json'), 'utf8')) as { freeze: string[] };
  return info.freeze;
}
