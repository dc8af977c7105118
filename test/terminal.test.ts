// Terminal manners: colours (NO_COLOR / FORCE_COLOR), --quiet, --verbose, the progress bar (TTY only, never in CI).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { colorEnabled } from '../src/output/colors.js';
import { binPath, makeTree, runCli } from './helpers/cli.js';

const LEGACY = 'import asyncio\n\n\nasync def main():\n    return asyncio.get_event_loop()\n';
const ESC = '\u001b[';

describe('colours', () => {
  it('follow the TTY, NO_COLOR and FORCE_COLOR', () => {
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colorEnabled({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
  });

  it('are off in a pipe and on with FORCE_COLOR', () => {
    const dir = makeTree({ 'app.py': LEGACY });
    expect(runCli(['--check'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '' } }).stderr).not.toContain(ESC);
    const forced = runCli(['--check'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stderr;
    expect(forced).toContain(`${ESC}31m`);
    expect(forced).toContain('LM101');
  });
});

describe('--quiet and --verbose', () => {
  it('--quiet prints only errors and keeps the exit status', () => {
    const dir = makeTree({ 'app.py': LEGACY });
    const r = runCli(['--check', '--quiet', '--statistics'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const missing = runCli(['--check', '-q', 'app.py', 'nope.py'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe('loopmigrate: error: nope.py: no such file or directory');
  });

  it('--verbose adds the config, per-file notes with timings and the total time', () => {
    const dir = makeTree({ 'app.py': LEGACY, 'clean.py': 'x = 1\n', 'pyproject.toml': '[tool.loopmigrate]\nselect = ["LM1"]\n' });
    const r = runCli(['--check', '--verbose'], { cwd: dir });
    expect(r.stderr).toContain('loopmigrate: config: pyproject.toml');
    expect(r.stderr).toMatch(/loopmigrate: app\.py: 1 finding, 0 fixed \(\d+\.\d ms\)/);
    expect(r.stderr).toMatch(/loopmigrate: clean\.py: 0 findings, 0 fixed \(\d+\.\d ms\)/);
    expect(r.stderr).toMatch(/loopmigrate: done in \d+\.\d\d s/);
    expect(runCli(['--quiet', '--verbose'], { cwd: dir }).status).toBe(2);
  });
});

const hasScript = existsSync('/usr/bin/script');

/** Runs the CLI under a pseudo-terminal (util-linux `script`), so stderr is a TTY. */
function inTerminal(cwd: string, args: string[], env: Record<string, string>): string {
  const command = [process.execPath, binPath, ...args].map((a) => `'${a}'`).join(' ');
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['CI', 'GITHUB_ACTIONS', 'BUILD_ID', 'BUILD_NUMBER', 'RUN_ID', 'CONTINUOUS_INTEGRATION'].includes(k)));
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, encoding: 'utf8', env: { ...clean, TERM: 'xterm', NO_COLOR: '1', ...env } });
  return r.stdout;
}

describe.skipIf(!hasScript)('progress bar', () => {
  const files: Record<string, string> = { 'app.py': LEGACY };
  for (let i = 0; i < 600; i++) files[`pkg/m${String(i).padStart(3, '0')}.py`] = `x = ${i}\n`;

  it('shows files done, rate and ETA on a terminal for a long run, and clears itself', () => {
    const dir = makeTree(files);
    const out = inTerminal(dir, ['--check'], {});
    expect(out).toMatch(/\d+\/601 files \| \d+ files\/s \| ETA/);
    expect(out).toContain('app.py:5:12: LM101');
    expect(out).toContain('601 files scanned');
  });

  it('never shows in CI, with --quiet, or in a pipe', () => {
    const dir = makeTree(files);
    expect(inTerminal(dir, ['--check'], { CI: 'true' })).not.toContain('files/s');
    expect(inTerminal(dir, ['--check', '--quiet'], {})).not.toContain('files/s');
    expect(runCli(['--check'], { cwd: dir, env: { CI: '' } }).stderr).not.toContain('files/s');
  });
});
