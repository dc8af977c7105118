// Writes that fail part-way, run like a user would: a file size limit (`ulimit -f`, a write past it
// fails after writing what fitted, as on a full disk), read-only places, /dev/full and a reader that
// stops early. The previous good file must survive whole, the run must end with exit 2 and one clear
// line, never a stack trace or the exit 1 of "findings".
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, LEGACY, MIGRATED, recordTree, runCli, STACK_TRACE, removeTempDirs, tempDir, type CliRun } from './harness.js';

afterAll(removeTempDirs);

/** A project of `n` legacy modules: its patch is about 190 bytes a module. */
function project(n: number): string {
  const dir = tempDir('wf');
  for (let i = 0; i < n; i++) writeFileSync(path.join(dir, `m${String(i).padStart(3, '0')}.py`), LEGACY);
  return dir;
}

const temps = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('.loopmigrate-'));

/** The lines of stderr that report an error: exactly one is expected, and it must match `says`. */
function oneError(run: CliRun, says: RegExp): void {
  expect(run.stderr, 'no stack trace').not.toMatch(STACK_TRACE);
  expect(run.stderr).not.toMatch(/internal error/);
  const errors = run.stderr.split('\n').filter((l) => l.startsWith('loopmigrate: error:'));
  expect(errors, run.stderr).toHaveLength(1);
  expect(errors[0]).toMatch(says);
  expect(run.status, run.stderr).toBe(2);
}

describe('outputs that cannot be written whole keep the previous file', () => {
  it('--patch past the file size limit', () => {
    const dir = project(60);
    writeFileSync(path.join(dir, 'out.patch'), 'the previous good patch\n');
    const run = runCli(['--patch', 'out.patch', '.'], dir, { fileSizeKiB: 4 });
    oneError(run, /^loopmigrate: error: cannot write the patch to out\.patch \(file too large .*\); any earlier file there is unchanged$/);
    expect(readFileSync(path.join(dir, 'out.patch'), 'utf8')).toBe('the previous good patch\n');
    expect(temps(dir)).toEqual([]);
    expect(readFileSync(path.join(dir, 'm000.py'), 'utf8')).toBe(LEGACY);
  });

  it('--report past the file size limit', () => {
    const dir = project(60);
    writeFileSync(path.join(dir, 'review.html'), '<p>the previous page</p>\n');
    const run = runCli(['--dry-run', '--report', 'review.html', '.'], dir, { fileSizeKiB: 4 });
    oneError(run, /--report .*review\.html: could not write the page \(file too large .*\); any earlier page there is unchanged$/);
    expect(readFileSync(path.join(dir, 'review.html'), 'utf8')).toBe('<p>the previous page</p>\n');
    expect(temps(dir)).toEqual([]);
  });

  it('--patch-dir past the file size limit: the earlier series stays whole', () => {
    const dir = project(60);
    const out = path.join(dir, 'patches');
    mkdirSync(out);
    writeFileSync(path.join(out, '0001-LM101-get-event-loop-in-coroutine.patch'), 'old first patch\n');
    writeFileSync(path.join(out, '0002-LM102-run-until-complete-to-run.patch'), 'old second patch\n');
    writeFileSync(path.join(out, 'notes.md'), 'mine\n');
    const before = recordTree(out);
    const run = runCli(['--patch-dir', 'patches', '.'], dir, { fileSizeKiB: 4 });
    oneError(run, /--patch-dir .*patches: could not write the patches \(file too large .*\); any earlier series there is unchanged$/);
    expect(recordTree(out)).toEqual(before);
  });

  it("--verify's run summary (runs.json) past the file size limit: verification stops, nothing is written", () => {
    // The summary after the baseline fits; the one that adds the run with all 100 fix groups does not.
    const dir = project(100);
    const run = runCli(['--verify', 'true', '--verify-log-dir', 'logs', '.'], dir, { fileSizeKiB: 1 });
    oneError(run, /^loopmigrate: error: --verify: cannot write .*runs\.json \(file too large .*\); verification stopped and no fix was written$/);
    const summary = JSON.parse(readFileSync(path.join(dir, 'logs', 'runs.json'), 'utf8')) as Array<{ name: string }>;
    expect(summary.map((r) => r.name)).toEqual(['baseline']);
    expect(temps(path.join(dir, 'logs'))).toEqual([]);
    expect(readFileSync(path.join(dir, 'm000.py'), 'utf8')).toBe(LEGACY);
  });

  it('a read-only page, or one in a read-only directory, is left alone, even by root', () => {
    for (const [what, readOnly] of [
      ['file', 'out/review.html'],
      ['directory', 'out'],
    ] as const) {
      const dir = project(2);
      mkdirSync(path.join(dir, 'out'));
      writeFileSync(path.join(dir, 'out', 'review.html'), '<p>the previous page</p>\n');
      chmodSync(path.join(dir, readOnly), what === 'file' ? 0o444 : 0o555);
      const run = runCli(['--dry-run', '--report', 'out/review.html', '.'], dir);
      oneError(run, what === 'file' ? /could not write the page \(the file is read-only\)/ : /could not write the page \(its directory is read-only\)/);
      expect(readFileSync(path.join(dir, 'out', 'review.html'), 'utf8'), what).toBe('<p>the previous page</p>\n');
    }
  });

  it('removes the temporary file an interrupted run left next to an output', () => {
    const dir = project(1);
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const leftover = `.loopmigrate-out.patch.${dead}.0123abcd.tmp`;
    writeFileSync(path.join(dir, leftover), 'half a patch');
    expect(runCli(['--patch', 'out.patch', '.'], dir).status).toBe(1);
    expect(temps(dir)).toEqual([]);
    expect(readFileSync(path.join(dir, 'out.patch'), 'utf8')).toMatch(/^diff --git a\/m000\.py/);
  });

  it('writes a descriptor name (/dev/stdout) in place rather than replacing the file behind it', () => {
    const dir = project(1);
    const out = path.join(dir, 'out.patch');
    writeFileSync(out, '');
    const inode = statSync(out).ino;
    const fd = openSync(out, 'w');
    try {
      expect(runCli(['--patch', '/dev/stdout', '.'], dir, { stdout: fd }).status).toBe(1);
    } finally {
      closeSync(fd);
    }
    expect(statSync(out).ino).toBe(inode);
    expect(readFileSync(out, 'utf8')).toMatch(/^diff --git a\/m000\.py/);
  });
});

describe('a source that cannot be written whole', () => {
  it('is left as it was when the write stops part-way, and the others are still fixed', () => {
    const dir = project(0);
    writeFileSync(path.join(dir, 'legacy.py'), LEGACY);
    const big = LEGACY + 'PADDING = 1\n'.repeat(1500);
    writeFileSync(path.join(dir, 'big.py'), big);
    const run = runCli(['.'], dir, { fileSizeKiB: 8 });
    oneError(run, /^loopmigrate: error: big\.py: could not be written \(file too large .*\); it was left unchanged$/);
    expect(readFileSync(path.join(dir, 'big.py'), 'utf8')).toBe(big);
    expect(readFileSync(path.join(dir, 'legacy.py'), 'utf8')).toBe(MIGRATED);
    expect(temps(dir)).toEqual([]);
  });
});

describe.skipIf(!statSync('/dev/full', { throwIfNoEntry: false }))('stdout and stderr that cannot be written', () => {
  const full = () => openSync('/dev/full', 'w');
  const STDOUT_FULL = /^loopmigrate: error: cannot write to standard output \(no space left on the device\); the output is incomplete$/;

  it('stdout on a full device: one line, exit 2, and nothing after it (no summary line)', () => {
    const dir = project(3);
    const fd = full();
    try {
      // JSON is written at the end, just before the summary line that must then not follow.
      for (const args of [['--dry-run', '.'], ['--check', '--format', 'json', '.'], ['--list-rules'], ['--help']]) {
        const run = runCli(args, dir, { stdout: fd });
        oneError(run, STDOUT_FULL);
        expect(run.stderr.trim(), args.join(' ')).toMatch(STDOUT_FULL);
      }
    } finally {
      closeSync(fd);
    }
  });

  it('stderr on a full device: exit 2, not the 1 of findings', () => {
    const dir = project(1);
    const fd = full();
    try {
      const run = runCli(['--check', '.'], dir, { stderr: fd });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
    } finally {
      closeSync(fd);
    }
  });

  it('a reader that stops early ends the run quietly, with exit 2', () => {
    // More output than a pipe buffer holds, so that the write after head has gone fails.
    const dir = project(300);
    // The pipeline's status is head's: report loopmigrate's own status instead.
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" --dry-run --jobs 1 . | head -c 10 >/dev/null; exit \${PIPESTATUS[0]}`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toBe('');
  });
});
