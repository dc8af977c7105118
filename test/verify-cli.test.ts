// --verify from the command line (issue 23): the fixes are proven with the user's command on a copy of
// the project; the ones that make it fail are reverted and reported, the rest are written. The search
// itself (ddmin, timeouts, baselines, interrupts) is tested in test/verify.test.ts and test/unit/verify-*.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from './helpers/cli.js';

const LEGACY = 'import asyncio\n\n\nasync def main():\n    loop = asyncio.get_event_loop()\n    return loop\n';
const MIGRATED = 'import asyncio\n\n\nasync def main():\n    loop = asyncio.get_running_loop()\n    return loop\n';

describe('--verify', () => {
  it('reverts exactly the fix that breaks the command, writes the others, and exits 1', () => {
    const dir = makeTree({ 'a.py': LEGACY, 'b.py': LEGACY, 'c.py': LEGACY });
    // The "test suite": it needs a.py to keep calling get_event_loop().
    const r = runCli(['--verify', 'grep -q get_event_loop a.py', '--verify-log-dir', 'logs', 'a.py', 'b.py', 'c.py'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'a.py'), 'utf8')).toBe(LEGACY);
    expect(readFileSync(path.join(dir, 'b.py'), 'utf8')).toBe(MIGRATED);
    expect(readFileSync(path.join(dir, 'c.py'), 'utf8')).toBe(MIGRATED);
    expect(r.stderr).toMatch(/a\.py:5:12: LM101 .*reverted: broke `grep -q get_event_loop a\.py`/);
    expect(r.stderr).toContain('logs');
    expect(r.status).toBe(1);
  });

  it('writes every fix and exits 0 when the command passes with all of them', () => {
    const dir = makeTree({ 'a.py': LEGACY, 'b.py': LEGACY });
    const r = runCli(['--verify', 'true', 'a.py', 'b.py'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'a.py'), 'utf8')).toBe(MIGRATED);
    expect(readFileSync(path.join(dir, 'b.py'), 'utf8')).toBe(MIGRATED);
    expect(r.status).toBe(0);
  });

  it('stops with exit 2 and writes nothing when the command already fails', () => {
    const dir = makeTree({ 'a.py': LEGACY });
    const r = runCli(['--verify', 'false', 'a.py'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'a.py'), 'utf8')).toBe(LEGACY);
    expect(r.status).toBe(2);
  });

  it('shows only the kept fixes with --dry-run, and refuses --check', () => {
    const dir = makeTree({ 'a.py': LEGACY, 'b.py': LEGACY });
    const r = runCli(['--dry-run', '--verify', 'grep -q get_event_loop a.py', 'a.py', 'b.py'], { cwd: dir });
    expect(r.stdout).toContain('+++ b/b.py');
    expect(r.stdout).not.toContain('+++ b/a.py');
    expect(readFileSync(path.join(dir, 'b.py'), 'utf8')).toBe(LEGACY);
    expect(r.status).toBe(1);
    expect(runCli(['--check', '--verify', 'true', 'a.py'], { cwd: dir }).status).toBe(2);
  });
});

describe('--verify: a reverted fix in each output format', () => {
  // The command fails with a message once a.py no longer calls get_event_loop().
  const COMMAND = 'grep -q get_event_loop a.py || { echo "a.py moved on: the loop is gone"; exit 1; }';

  it('JSON and SARIF carry why it is not fixed and the failing output', () => {
    for (const format of ['json', 'sarif'] as const) {
      const dir = makeTree({ 'a.py': LEGACY, 'b.py': LEGACY });
      const r = runCli(['--format', format, '--verify', COMMAND, 'a.py', 'b.py'], { cwd: dir });
      expect(r.status).toBe(1);
      const doc: unknown = JSON.parse(r.stdout);
      if (format === 'json') {
        const findings = (doc as { findings: { path: string; applied: boolean; notFixed?: string; reverted?: { brokeBy: string; excerpt: string } }[] }).findings;
        const a = findings.find((f) => f.path === 'a.py');
        expect(a?.applied).toBe(false);
        expect(a?.notFixed).toMatch(/^reverted: broke `grep -q/);
        expect(a?.reverted?.brokeBy).toBe(COMMAND);
        expect(a?.reverted?.excerpt).toContain('a.py moved on: the loop is gone');
        expect(findings.find((f) => f.path === 'b.py')?.applied).toBe(true);
      } else {
        const results = (doc as { runs: { results: { message: { text: string }; properties?: { notFixed?: string; reverted?: { excerpt: string } } }[] }[] }).runs[0]?.results ?? [];
        expect(results).toHaveLength(1);
        expect(results[0]?.message.text).toContain('reverted: broke');
        expect(results[0]?.message.text).toContain('a.py moved on: the loop is gone');
        expect(results[0]?.properties?.reverted?.excerpt).toContain('a.py moved on: the loop is gone');
      }
    }
  });

  it('the HTML review page marks it reverted and shows the failing output', () => {
    const dir = makeTree({ 'a.py': LEGACY, 'b.py': LEGACY });
    const r = runCli(['--report', 'review.html', '--verify', COMMAND, 'a.py', 'b.py'], { cwd: dir });
    expect(r.status).toBe(1);
    const page = readFileSync(path.join(dir, 'review.html'), 'utf8');
    expect(page).toMatch(/class="state">reverted: broke `grep -q get_event_loop a\.py \|\| \{ echo &quot;a\.py moved on/);
    expect(page).toMatch(/<pre class="excerpt">[^<]*a\.py moved on: the loop is gone/);
  });
});

describe('--verify runs the command against the copy, not an installed project', () => {
  // `-P`: no script directory on sys.path, as for an installed console script such as `pytest`.
  const COMMAND = `python3 -P -c "import pkg.mod, sys; sys.exit('get_event_loop' not in open(pkg.mod.__file__).read())"`;

  it('points PYTHONPATH entries inside the project at the copy (as an editable install would shadow it)', () => {
    const dir = makeTree({ 'pkg/__init__.py': '', 'pkg/mod.py': LEGACY });
    const r = runCli(['--verify', COMMAND, 'pkg'], { cwd: dir, env: { PYTHONPATH: dir } });
    expect(r.stderr).toMatch(/LM101 .*reverted: broke/);
    expect(readFileSync(path.join(dir, 'pkg/mod.py'), 'utf8')).toBe(LEGACY);
    expect(r.status).toBe(1);
  });

  it("puts the copy's src/ first for a src layout (where an installed copy would be imported)", () => {
    const dir = makeTree({ 'src/pkg/__init__.py': '', 'src/pkg/mod.py': LEGACY });
    const r = runCli(['--verify', COMMAND, 'src'], { cwd: dir });
    expect(r.stderr).toMatch(/LM101 .*reverted: broke/);
    expect(r.status).toBe(1);
  });
});
