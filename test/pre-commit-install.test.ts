// The pre-commit hooks as users get them: `pre-commit try-repo` on a clone of this repository at HEAD
// (committed work only) installs the `language: node` hooks the way pre-commit does,
// `npm install -g git+file://<clone>`, which has to build the package from source, then runs both
// hooks on a tiny project. Nothing here comes from the working tree: no dist/, no node_modules.
// It takes 2 to 3 minutes on a busy two-core machine (the install dominates: the build tools, then two
// builds), so it runs only where LOOPMIGRATE_E2E=required is set, as .ci/run does.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, repoRoot } from './helpers/cli.js';
import { preCommitBinary } from './helpers/python.js';

const required = process.env.LOOPMIGRATE_E2E === 'required';

const LEGACY = 'import asyncio\n\n\nasync def main():\n    loop = asyncio.get_event_loop()\n    loop.call_soon(print, "tick")\n';
const FIXED = LEGACY.replace('get_event_loop', 'get_running_loop');
// A report-only finding (LM301): the fixing hook leaves it, and the checking hook fails on it.
const SCHEDULER = 'from apscheduler.schedulers.asyncio import AsyncIOScheduler\n\nscheduler = AsyncIOScheduler()\nscheduler.start()\n';

/**
 * The environment of a user's shell: without what `npm test` adds for its scripts (npm_* settings
 * that npm would read as its own, node_modules/.bin directories whose tsc would hide a missing one).
 */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  env.PATH = (env.PATH ?? '')
    .split(path.delimiter)
    .filter((p) => !p.endsWith(path.join('node_modules', '.bin')))
    .join(path.delimiter);
  return { ...env, ...extra };
}

interface Run {
  status: number | null;
  output: string;
  seconds: number;
}

/** Runs `cmd` in a process group of its own, killed whole when it outlives `timeoutMs`. */
function run(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const timer = setTimeout(() => {
      output += `\n[killed after ${opts.timeoutMs / 1000} s]\n`;
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, opts.timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

describe('pre-commit installs the hooks from a git clone', () => {
  if (!required) {
    it.skip('skipped: takes minutes; LOOPMIGRATE_E2E=required (as .ci/run sets) runs it', () => {});
    return;
  }
  it('try-repo: the fixing hook fixes the legacy call, the checking hook reports what is left', { timeout: 20 * 60_000 }, async () => {
    const preCommit = preCommitBinary();
    if (!preCommit) throw new Error('no pre-commit could be found or installed (LOOPMIGRATE_PRE_COMMIT names one)');
    const base = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-pre-commit-'));
    const clone = path.join(base, 'loopmigrate');
    const cloned = git(['clone', '--quiet', repoRoot, clone], base);
    expect(cloned.status, cloned.stderr).toBe(0);

    const project = path.join(base, 'project');
    mkdirSync(project);
    expect(git(['init', '--quiet'], project).status).toBe(0);
    writeFileSync(path.join(project, 'app.py'), LEGACY);
    writeFileSync(path.join(project, 'jobs.py'), SCHEDULER);
    expect(git(['add', 'app.py', 'jobs.py'], project).status).toBe(0);

    const home = path.join(base, 'pre-commit-home');
    const env = userEnv({ PRE_COMMIT_HOME: home, PRE_COMMIT_COLOR: 'never', NO_COLOR: '1' });
    const r = await run(preCommit, ['try-repo', clone, '--all-files'], { cwd: project, env, timeoutMs: 18 * 60_000 });
    const log = path.join(home, 'pre-commit.log');
    const why = `${r.output}\n${existsSync(log) ? readFileSync(log, 'utf8').slice(-6000) : ''}`;
    process.stderr.write(`pre-commit try-repo (install and both hooks) took ${r.seconds.toFixed(0)} s\n`);

    // Both hooks fail: one changed a file, the other found something.
    expect(r.status, why).toBe(1);
    expect(r.output, why).toMatch(/^loopmigrate\.+Failed$/m);
    expect(r.output, why).toMatch(/^loopmigrate \(check only\)\.+Failed$/m);
    expect(r.output, why).toContain('- files were modified by this hook');
    const check = r.output.slice(r.output.search(/^loopmigrate \(check only\)/m));
    expect(check, why).toMatch(/^jobs\.py:4:1: LM301 /m);
    expect(check, why).not.toContain('app.py');
    expect(readFileSync(path.join(project, 'app.py'), 'utf8')).toBe(FIXED);
    expect(readFileSync(path.join(project, 'jobs.py'), 'utf8')).toBe(SCHEDULER);
  });
});
