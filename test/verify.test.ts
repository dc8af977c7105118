// --verify end to end (src/verify/verify.ts): a real command (Python's unittest, pytest, sh) run on
// temporary copies of a tiny project, with fixes made of text replacements. What the user sees: the
// groups reverted and why, the logs, a tree left as it was, and nothing left running or lying around.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { pytestPython } from './helpers/python.js';
import { CALC, HARMLESS, groupsOf, makeProject, materializeText, python, type TextFixes } from './helpers/verify-project.js';
import { repoRoot } from './helpers/cli.js';
import { describeEvent, describeResult } from '../src/verify/text.js';
import { verify, type FixGroup, type VerifyEvent, type VerifyOptions } from '../src/verify/verify.js';
import { Workspace, projectRoot } from '../src/verify/workspace.js';
import { alive, gone } from './helpers/processes.js';

const PY = python();
const UNITTEST = `${PY} -m unittest -q`;

/** Every file under `dir`, relative path → bytes (as text), to prove the user's tree was left alone. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), readFileSync(p, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

function withFix(fixes: TextFixes, file: string, rule: string, fix: readonly [string, string]): TextFixes {
  return { ...fixes, [file]: { ...fixes[file], [rule]: fix } };
}

/** verify() on a copy of CALC with `fixes`, in fresh temp and log directories. */
async function run(fixes: TextFixes, extra: Partial<VerifyOptions<FixGroup>> = {}, files: Record<string, string> = CALC) {
  const root = makeProject(files);
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-verify-temp-'));
  const logDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-verify-logs-')), 'logs');
  const before = snapshot(root);
  const events: Array<VerifyEvent<FixGroup>> = [];
  const result = await verify({
    root,
    cwd: root,
    command: UNITTEST,
    groups: groupsOf(fixes),
    materialize: materializeText(root, fixes),
    tempDir,
    logDir,
    timeoutMs: 20_000,
    progress: (e) => events.push(e),
    ...extra,
  });
  // The user's tree is never written, and no workspace survives.
  expect(snapshot(root)).toEqual(before);
  expect(readdirSync(tempDir)).toEqual([]);
  return { result, events, root, logDir };
}

const label = (g: FixGroup) => `${g.file} ${g.rule}`;

describe('verify', () => {
  it('reverts the one group that breaks the tests, keeps the others, and keeps a log of every run', async () => {
    const fixes = withFix(HARMLESS, 'calc/a.py', 'LM102', ['return 2', 'return 22']);
    const { result, events, logDir } = await run(fixes);
    expect(result.reverted.map((r) => [label(r.group), r.reason, r.brokeBy, r.why])).toEqual([['calc/a.py LM102', 'broke', UNITTEST, 'exit status 1']]);
    // No test ids in unittest's output: the excerpt is its end.
    expect(result.reverted[0]?.excerpt).toMatch(/- \(1, 22, 3\)[\s\S]*FAILED \(failures=1\)$/);
    expect(result.kept.map(label)).toEqual(['calc/a.py LM101', 'calc/a.py LM103', 'calc/b.py LM104', 'calc/b.py LM105', 'calc/b.py LM106']);
    expect(result.gaveUp).toBe(false);
    expect(result.logDir).toBe(logDir);
    const logs = readdirSync(logDir);
    expect(logs).toEqual(expect.arrayContaining(['baseline.log', 'all-fixes.log', 'step-01.log', 'runs.json']));
    expect(logs.filter((l) => l.endsWith('.log'))).toHaveLength(result.runs);
    expect(readFileSync(path.join(logDir, 'all-fixes.log'), 'utf8')).toMatch(/^# loopmigrate --verify, all-fixes: 6 of 6 fix groups applied\n[\s\S]*FAILED \(failures=1\)/);
    // The set kept passed as a whole, in a run of its own.
    expect(result.keptLog).not.toBeNull();
    const kept = readFileSync(result.keptLog as string, 'utf8');
    expect(kept).toMatch(/\nOK\n?$/);
    expect(kept).toContain('5 of 6 fix groups applied');
    const records = JSON.parse(readFileSync(path.join(logDir, 'runs.json'), 'utf8')) as Array<{ name: string; pass: boolean; applied: string[] }>;
    expect(records.map((r) => r.name).slice(0, 3)).toEqual(['baseline', 'all-fixes', 'step-01']);
    expect(records[0]).toMatchObject({ pass: true, applied: [] });
    expect(records[1]).toMatchObject({ pass: false });
    // Progress: the copy, then the baseline, each run announced and then judged.
    expect(events[0]).toMatchObject({ kind: 'copied' });
    expect(events[1]).toMatchObject({ kind: 'run-start', name: 'baseline', applied: 0, total: 6 });
    expect(events.filter((e) => e.kind === 'run-end')).toHaveLength(result.runs);
    expect(events.find((e) => e.kind === 'culprit')).toMatchObject({ brokeBy: UNITTEST });
    // What the CLI prints on stderr.
    const lines = events.map(describeEvent);
    expect(lines[0]).toMatch(/^verify: copied the project to \S+ in \d+(\.\d)? s$/);
    expect(lines[1]).toBe('verify: running baseline (no fixes)…');
    expect(lines[2]).toMatch(/^verify: baseline \(no fixes\) passed \[\d+(\.\d)? s; \d+ s so far, run 1 of at most 40\]$/);
    expect(lines[4]).toMatch(/^verify: all fixes \(6 groups\) failed: .* -m unittest -q \(exit status 1\) \[.*run 2 of at most 40\]$/);
    expect(lines).toContain('verify: running step 01 (3 of 6 fix groups)…');
    expect(lines).toContain(`verify: calc/a.py LM102 broke ${UNITTEST}; reverting it`);
    const summary = describeResult(result, UNITTEST);
    expect(summary[0]).toMatch(new RegExp(`^verify: kept 5 of 6 fix groups, reverted 1 \\(${result.runs} runs in \\d+ s\\)$`));
    expect(summary[1]).toBe(`  calc/a.py LM102: reverted: broke \`${UNITTEST}\`: exit status 1`);
    expect(summary.slice(2, -1)).toEqual((result.reverted[0]?.excerpt ?? '').split('\n').map((l) => `      ${l}`));
    expect(summary.at(-1)).toBe(`verify: logs: ${logDir}`);
  });

  it('reverts two groups that break the tests only together, naming each other', async () => {
    // a.py's LM101 adds BONUS, b.py's LM104 reads it if it is there: each alone is harmless.
    const fixes = withFix(withFix(HARMLESS, 'calc/a.py', 'LM101', ['return 1', 'return 1\n\n\nBONUS = 1']), 'calc/b.py', 'LM104', [
      'return 4',
      'return 4 + getattr(__import__("calc.a").a, "BONUS", 0)',
    ]);
    const { result } = await run(fixes);
    expect(result.reverted.map((r) => [label(r.group), r.together.map(label)])).toEqual([
      ['calc/a.py LM101', ['calc/b.py LM104']],
      ['calc/b.py LM104', ['calc/a.py LM101']],
    ]);
    expect(result.kept).toHaveLength(4);
    expect(describeResult(result, UNITTEST)[1]).toBe(`  calc/a.py LM101: reverted: broke \`${UNITTEST}\` (together with calc/b.py LM104): exit status 1`);
  });

  it('names the first newly failing pytest id and tolerates tests that already failed', async () => {
    const py = pytestPython();
    if (!py && process.env.LOOPMIGRATE_E2E === 'required') throw new Error('no Python with pytest 9 could be found or installed');
    if (!py) return;
    const files = {
      ...CALC,
      'tests/test_values.py': [
        'from calc import a, b',
        '',
        '',
        'def test_two():',
        '    assert a.two() == 2',
        '',
        '',
        'def test_five():',
        '    assert b.five() == 5',
        '',
        '',
        'def test_known_bug():',
        '    assert a.one() == 100',
        '',
      ].join('\n'),
    };
    // b.py's groups only: pytest starts slowly, and three groups are enough here.
    const fixes = { 'calc/b.py': { ...HARMLESS['calc/b.py'], LM105: ['return 5', 'return 55'] as const } };
    // Ids from the short test summary (-rA), and from JUnit XML when the summary is switched off.
    for (const flags of ['-rA --junitxml=out/report.xml', '-rN --junitxml=out/report.xml']) {
      const command = `${py} -m pytest -q -p no:cacheprovider ${flags} tests/test_values.py`;
      const { result, logDir } = await run(fixes, { command, baselineFailuresOk: true }, files);
      const records = JSON.parse(readFileSync(path.join(logDir, 'runs.json'), 'utf8')) as Array<{ exitCode: number }>;
      expect(records.every((r) => r.exitCode === 1)).toBe(true);
      const id = flags.startsWith('-rA') ? 'tests/test_values.py::test_five' : 'tests.test_values.test_five';
      expect(result.baselineFailed).toBeUndefined();
      expect(result.reverted.map((r) => [label(r.group), r.brokeBy, r.why])).toEqual([['calc/b.py LM105', id, 'failed, and did not fail in the baseline']]);
      expect(result.reverted[0]?.excerpt).toContain('assert 55 == 5');
      expect(result.kept).toHaveLength(2);
      expect(readdirSync(logDir)).toEqual(expect.arrayContaining(['baseline.xml', 'all-fixes.xml']));
    }
  }, 240_000);

  it('neither removes nor believes an old JUnit report outside the copy', async () => {
    const report = path.join(mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-verify-report-')), 'report.xml');
    const stale = '<testsuite><testcase classname="old" name="stale"><failure message="old"/></testcase></testsuite>';
    writeFileSync(report, stale);
    utimesSync(report, new Date('2020-01-01'), new Date('2020-01-01'));
    const fixes = withFix(HARMLESS, 'calc/a.py', 'LM103', ['return 3', 'return 33']);
    // The command names the report but (like a crashed pytest) never writes it.
    const command = `${UNITTEST} # --junitxml=${report}`;
    const { result } = await run(fixes, { command });
    expect(result.reverted.map((r) => [label(r.group), r.brokeBy])).toEqual([['calc/a.py LM103', command]]);
    expect(readFileSync(report, 'utf8')).toBe(stale);
  });

  it('runs the command at the same place relative to the root as the user', async () => {
    const fixes = withFix(HARMLESS, 'calc/b.py', 'LM106', ['return 6', 'return 66']);
    const root = makeProject(CALC);
    // From tests/, `../calc` is the package; from the root it would be missing and grep would not match.
    const result = await verify({
      root,
      cwd: path.join(root, 'tests'),
      command: 'pwd; ! grep -rq 66 ../calc',
      groups: groupsOf(fixes),
      materialize: materializeText(root, fixes),
    });
    expect(result.reverted.map((r) => label(r.group))).toEqual(['calc/b.py LM106']);
    // The excerpt shows the user's paths, not the temporary copy's.
    expect(result.reverted[0]?.excerpt).toBe(path.join(root, 'tests'));
  });

  it('kills a run that hangs with its whole process group, and reverts the group that made it hang', async () => {
    const pids = path.join(mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-verify-pids-')), 'pids');
    const fixes = withFix(HARMLESS, 'calc/b.py', 'LM104', ['return 4', 'return 4  # HANG']);
    // The hang is a grandchild of the shell: only killing the group ends it.
    const command = `if grep -q HANG calc/b.py; then sleep 30 & echo $! >> '${pids}'; wait; fi; ${UNITTEST}`;
    const started = Date.now();
    const { result } = await run(fixes, { command, timeoutMs: 1000 });
    expect(result.reverted.map((r) => [label(r.group), r.brokeBy, r.why])).toEqual([['calc/b.py LM104', command, 'timed out after 1 s']]);
    expect(result.kept).toHaveLength(5);
    const sleepers = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    expect(sleepers.length).toBeGreaterThan(1);
    for (const pid of sleepers) expect(await gone(pid)).toBe(true);
    expect(Date.now() - started).toBeLessThan(sleepers.length * 1000 + 10_000);
  });

  it('stops when the command already fails on the untouched project', async () => {
    const files = { ...CALC, 'tests/test_calc.py': `${CALC['tests/test_calc.py']}\n    def test_known_bug(self):\n        self.assertEqual(a.one(), 100)\n` };
    const { result, logDir } = await run(HARMLESS, {}, files);
    expect(result.baselineFailed).toMatchObject({ brokeBy: UNITTEST, why: 'exit status 1', log: path.join(logDir, 'baseline.log') });
    expect(result.baselineFailed?.excerpt).toContain('AssertionError: 1 != 100');
    expect(result).toMatchObject({ kept: [], reverted: [], runs: 1 });
    expect(readdirSync(logDir).sort()).toEqual(['baseline.log', 'runs.json']);
    expect(describeResult(result, UNITTEST)[0]).toBe(`verify: \`${UNITTEST}\` fails on the untouched project (exit status 1); no fix was verified and none is applied`);
    // Told to tolerate failures, it still cannot compare output without test ids.
    const tolerant = await run(HARMLESS, { baselineFailuresOk: true }, files);
    expect(tolerant.result.baselineFailed?.why).toMatch(/^exit status 1, and its output names no test ids .*-rA/);
  });

  it('finds the same culprits with two jobs, in two workspaces', async () => {
    const fixes = withFix(withFix(HARMLESS, 'calc/a.py', 'LM101', ['return 1', 'return 11']), 'calc/b.py', 'LM106', ['return 6', 'return 66']);
    const one = await run(fixes);
    const two = await run(fixes, { jobs: 2 });
    expect(one.result.reverted.map((r) => label(r.group))).toEqual(['calc/a.py LM101', 'calc/b.py LM106']);
    expect(two.result.reverted.map((r) => label(r.group))).toEqual(one.result.reverted.map((r) => label(r.group)));
    expect(two.result.kept).toEqual(one.result.kept);
    expect(one.events.filter((e) => e.kind === 'copied')).toHaveLength(1);
    expect(two.events.filter((e) => e.kind === 'copied')).toHaveLength(2);
    // With two jobs the baseline and the run with every fix start together.
    const order = (events: typeof one.events) =>
      events
        .filter((e) => e.kind === 'run-start' || e.kind === 'run-end')
        .slice(0, 3)
        .map((e) => `${e.kind} ${e.name}`);
    expect(order(one.events)).toEqual(['run-start baseline', 'run-end baseline', 'run-start all-fixes']);
    expect(order(two.events)).toEqual(['run-start baseline', 'run-start all-fixes', 'run-end baseline']);
  });

  it('gives up at the run cap and keeps only what passed as a whole', async () => {
    const fixes = withFix(HARMLESS, 'calc/b.py', 'LM105', ['return 5', 'return 55']);
    const { result, events } = await run(fixes, { maxRuns: 3 });
    expect(result.gaveUp).toBe(true);
    expect(result.runs).toBe(3);
    expect(events.at(-1)).toMatchObject({ kind: 'gave-up', runs: 3 });
    // The one step run the first half (a.py's groups): it passed, so they are kept; b.py's are not proven safe.
    expect(result.kept.map(label)).toEqual(['calc/a.py LM101', 'calc/a.py LM102', 'calc/a.py LM103']);
    expect(result.reverted.map((r) => [label(r.group), r.reason, r.brokeBy])).toEqual([
      ['calc/b.py LM104', 'unproven', null],
      ['calc/b.py LM105', 'unproven', null],
      ['calc/b.py LM106', 'unproven', null],
    ]);
    expect(readFileSync(result.keptLog as string, 'utf8')).toMatch(/\nOK\n?$/);
    const summary = describeResult(result, UNITTEST);
    expect(summary).toContain('verify: gave up at the run cap: only groups that passed together are kept');
    expect(summary).toContain('  calc/b.py LM105: reverted: not proven safe before the run cap');
  });

  it('reverts a fix that creates a file by removing the file from the copy', async () => {
    const failing = 'import unittest\n\n\nclass TestNew(unittest.TestCase):\n    def test_new(self):\n        self.fail("new")\n';
    const fixes = { ...HARMLESS, 'tests/test_new.py': { LM205: ['', failing] as const } };
    const { result } = await run(fixes);
    expect(result.reverted.map((r) => label(r.group))).toEqual(['tests/test_new.py LM205']);
    expect(readFileSync(result.keptLog as string, 'utf8')).toMatch(/Ran 2 tests[\s\S]*\nOK\n?$/);
  });

  it('rewrites a fixed file the command changed before the next run', async () => {
    const fixes = withFix(HARMLESS, 'calc/b.py', 'LM105', ['return 5', 'return 55']);
    // A command that spoils the modules after testing them: no run may see the spoils of another.
    const command = `${UNITTEST}; s=$?; echo 'raise SystemExit(9)' >> calc/a.py; echo 'raise SystemExit(9)' >> calc/b.py; exit $s`;
    const { result } = await run(fixes, { command });
    expect(result.reverted.map((r) => [label(r.group), r.why])).toEqual([['calc/b.py LM105', 'exit status 1']]);
    expect(result.kept).toHaveLength(5);
  });

  it('leaves logs and copies that lie inside the project out of the copies', async () => {
    const root = makeProject(CALC);
    const fixes = withFix(HARMLESS, 'calc/a.py', 'LM101', ['return 1', 'return 11']);
    const result = await verify({
      root,
      cwd: root,
      // The copy has the temporary directory, without the copies in it.
      command: `test ! -e .verify-logs && test -z "$(ls -A .verify-tmp)" && ${UNITTEST}`,
      groups: groupsOf(fixes),
      materialize: materializeText(root, fixes),
      logDir: path.join(root, '.verify-logs'),
      tempDir: path.join(root, '.verify-tmp'),
    });
    expect(result.baselineFailed).toBeUndefined();
    expect(result.reverted.map((r) => label(r.group))).toEqual(['calc/a.py LM101']);
  });

  it('keeps every group when the command passes with all fixes, in two runs', async () => {
    const { result } = await run(HARMLESS);
    expect(result).toMatchObject({ reverted: [], runs: 2, gaveUp: false });
    expect(result.kept).toHaveLength(6);
    expect(path.basename(result.keptLog as string)).toBe('all-fixes.log');
  });

  it('on SIGINT kills the running command, removes its copies and leaves the tree as it was', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-verify-sigint-'));
    const driver = path.join(work, 'driver.mjs');
    buildSync({ entryPoints: [path.join(repoRoot, 'test', 'helpers', 'verify-driver.ts')], bundle: true, platform: 'node', format: 'esm', outfile: driver, logLevel: 'silent' });
    const root = makeProject(CALC);
    const before = snapshot(root);
    const tmp = path.join(work, 'tmp');
    mkdirSync(tmp);
    const pids = path.join(work, 'pids');
    const command = `echo $$ >> '${pids}'; sleep 60 & echo $! >> '${pids}'; wait`;
    const options = { root, cwd: root, command, groups: groupsOf(HARMLESS), fixes: HARMLESS, logDir: path.join(work, 'logs') };
    const child = spawn(process.execPath, [driver, JSON.stringify(options)], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Interrupt once the baseline's shell and its sleep are running.
    for (let i = 0; i < 200 && !(existsSync(pids) && readFileSync(pids, 'utf8').trim().split('\n').length === 2); i++) await new Promise((r) => setTimeout(r, 50));
    const running = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    expect(running.every(alive)).toBe(true);
    expect(readdirSync(tmp)).toHaveLength(1);
    child.kill('SIGINT');
    expect(await exited, stderr).toBe(130);
    expect(stderr).toContain('verify: running baseline (no fixes)…');
    expect(stderr).toContain('verification interrupted by SIGINT');
    for (const pid of running) expect(await gone(pid)).toBe(true);
    expect(readdirSync(tmp)).toEqual([]);
    expect(snapshot(root)).toEqual(before);
  });
});

describe('the workspace', () => {
  it('copies files with their modes and times, keeps links, and points absolute links into the project at the copy', async () => {
    const root = makeProject({ 'bin/run.sh': '#!/bin/sh\necho hi\n', 'data/x.txt': 'x' });
    chmodSync(path.join(root, 'bin/run.sh'), 0o755);
    utimesSync(path.join(root, 'data/x.txt'), new Date('2020-01-02T03:04:05Z'), new Date('2020-01-02T03:04:05Z'));
    symlinkSync('../data/x.txt', path.join(root, 'bin/relative'));
    symlinkSync(path.join(root, 'data'), path.join(root, 'absolute-in'));
    symlinkSync(os.tmpdir(), path.join(root, 'absolute-out'));
    const parent = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-verify-ws-'));
    const ws = await Workspace.create(root, parent);
    expect(ws.root).toBe(path.join(parent, path.basename(root)));
    expect(statSync(path.join(ws.root, 'bin/run.sh')).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(ws.root, 'data/x.txt')).mtime.toISOString()).toBe('2020-01-02T03:04:05.000Z');
    expect(readlinkSync(path.join(ws.root, 'bin/relative'))).toBe('../data/x.txt');
    expect(readlinkSync(path.join(ws.root, 'absolute-in'))).toBe(path.join(ws.root, 'data'));
    expect(readlinkSync(path.join(ws.root, 'absolute-out'))).toBe(os.tmpdir());
    // A real copy: writing it leaves the original alone.
    expect(lstatSync(path.join(ws.root, 'data/x.txt')).ino).not.toBe(lstatSync(path.join(root, 'data/x.txt')).ino);
    await ws.put('data/x.txt', 'changed');
    expect(readFileSync(path.join(root, 'data/x.txt'), 'utf8')).toBe('x');
    expect(readFileSync(path.join(ws.root, 'data/x.txt'), 'utf8')).toBe('changed');
    // Null removes a file (one a fix created), and a new file gets its directory.
    await ws.put('data/x.txt', null);
    expect(existsSync(path.join(ws.root, 'data/x.txt'))).toBe(false);
    await ws.put('new/dir/y.txt', 'y');
    expect(readFileSync(path.join(ws.root, 'new/dir/y.txt'), 'utf8')).toBe('y');
  });

  it('is the git top level of the directory when there is one', () => {
    const root = makeProject({ 'sub/deep/f.py': '' });
    expect(projectRoot(path.join(root, 'sub'))).toBe(path.join(root, 'sub'));
    expect(spawnSync('git', ['init', '-q'], { cwd: root }).status).toBe(0);
    expect(projectRoot(path.join(root, 'sub', 'deep'))).toBe(root);
  });
});
