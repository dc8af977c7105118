// Shared by the robustness tests: run the built CLI like a user would, and record a directory tree
// byte for byte (links as links) so a test can prove that nothing else changed.
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const BIN = path.resolve(import.meta.dirname, '..', '..', 'bin', 'loopmigrate.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  timeout?: number;
  /** What the CLI reads on stdin. */
  input?: string | Buffer;
  /** Variables added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** A file size limit (`ulimit -f`, in KiB): a write past it fails part-way (EFBIG), as on a full disk. */
  fileSizeKiB?: number;
  /** Descriptors the CLI writes its stdout or stderr to instead of a pipe (e.g. /dev/full opened for writing). */
  stdout?: number;
  stderr?: number;
}

export function runCli(args: string[], cwd: string, opts: RunOptions = {}): CliRun {
  const limit = opts.fileSizeKiB;
  const [command, argv] = limit === undefined ? [process.execPath, [BIN, ...args]] : ['bash', ['-c', `ulimit -f ${limit} && exec "$@"`, 'bash', process.execPath, BIN, ...args]];
  // Under a size limit Node's compile cache (a large file in the cache directory) is left out of the run.
  const env = { ...process.env, NO_COLOR: '1', ...(limit === undefined ? {} : { LOOPMIGRATE_CODE_CACHE: '0' }), ...opts.env };
  const r = spawnSync(command, argv, {
    cwd,
    encoding: 'utf8',
    timeout: opts.timeout ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
    input: opts.input,
    stdio: ['pipe', opts.stdout ?? 'pipe', opts.stderr ?? 'pipe'],
    env,
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const made: string[] = [];

export function tempDir(tag: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `lm-${tag}-`));
  made.push(dir);
  return dir;
}

/** For afterAll: remove every temp dir this test file made, read-only ones too. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) {
    const open = (p: string) => {
      const st = lstatSync(p);
      if (!st.isDirectory()) return;
      chmodSync(p, 0o700);
      for (const n of readdirSync(p)) open(path.join(p, n));
    };
    try {
      open(dir);
    } catch {
      // Best effort: rmSync below reports nothing either way.
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every entry under dir (not following links): files as bytes, links as their target, dirs as mode. */
export function recordTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    const full = path.join(dir, rel);
    const st = lstatSync(full);
    if (st.isSymbolicLink()) out.set(rel, `link:${readlinkSync(full)}`);
    else if (st.isDirectory()) {
      out.set(rel, `dir:${(st.mode & 0o7777).toString(8)}`);
      let names: string[];
      try {
        names = readdirSync(full);
      } catch {
        return;
      }
      for (const n of names.sort()) walk(rel ? path.join(rel, n) : n);
    } else if (st.isFile()) {
      let body: string;
      try {
        body = readFileSync(full).toString('base64');
      } catch {
        body = 'unreadable';
      }
      out.set(rel, `file:${(st.mode & 0o7777).toString(8)}:${body}`);
    } else out.set(rel, 'special');
  };
  walk('');
  return out;
}

/** The entries whose recording differs between two trees (added, removed or changed). */
export function changedEntries(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/** A stack trace in CLI output means an error escaped the per-file handling. */
export const STACK_TRACE = /\n\s+at .+[(:]\d+/;

export const LEGACY = 'import asyncio\n\n\nasync def main():\n    loop = asyncio.get_event_loop()\n    return loop\n';
export const MIGRATED = 'import asyncio\n\n\nasync def main():\n    loop = asyncio.get_running_loop()\n    return loop\n';
