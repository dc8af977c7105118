// Spawn the built CLI the way a user runs it, and build throwaway project trees.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const binPath = path.join(repoRoot, 'bin', 'loopmigrate.js');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { cwd: string; input?: string; env?: Record<string, string> }): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', CI: '1', ...opts.env };
  // An empty FORCE_COLOR is no FORCE_COLOR for the CLI, but Node 22 and later warn on stderr (with the
  // pid) when it is set beside NO_COLOR.
  if (env.FORCE_COLOR === '') delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [binPath, ...args], { cwd: opts.cwd, input: opts.input, encoding: 'utf8', env, timeout: 120_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A temp directory filled with files (string or bytes), returned as its path. */
export function makeTree(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

/** Path → sha256 of every file under dir (skipping .git). */
export function snapshotTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === '.git') continue;
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(path.relative(dir, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

export function git(args: string[], cwd: string): CliResult {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
