// --patch output stays inside the directory it is applied in: odd file names are quoted as git
// quotes them, and files outside the current directory are refused instead of written as ../ paths.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedEntries, LEGACY, recordTree, runCli, STACK_TRACE, removeTempDirs, tempDir } from './harness.js';

afterAll(removeTempDirs);

const NAMES = ['my file.py', 'ünïcødé_ß.py', '-x.py', 'tab\there.py', 'quote"back\\slash.py', 'new\nline.py'];

describe('--patch paths', () => {
  it('git apply of the patch gives the bytes of the in-place run, for odd file names too', () => {
    const base = tempDir('patchnames');
    const pristine = path.join(base, 'pristine');
    mkdirSync(path.join(pristine, 'sub dir'), { recursive: true });
    for (const n of NAMES) writeFileSync(path.join(pristine, n), LEGACY);
    writeFileSync(path.join(pristine, 'sub dir', 'crlf.py'), LEGACY.replaceAll('\n', '\r\n').trimEnd());
    const inPlace = path.join(base, 'in-place');
    const patched = path.join(base, 'patched');
    cpSync(pristine, inPlace, { recursive: true });
    cpSync(pristine, patched, { recursive: true });
    expect(runCli(['.'], inPlace).status).toBe(0);
    const run = runCli(['--patch', path.join(base, 'out.patch'), '.'], patched);
    expect(run.status, run.stderr).toBe(1);
    execFileSync('git', ['apply', path.join(base, 'out.patch')], { cwd: patched });
    const want = recordTree(inPlace);
    expect(changedEntries(want, recordTree(patched))).toEqual([]);
    expect(changedEntries(recordTree(pristine), want).length).toBe(NAMES.length + 1);
  });

  it('refuses files outside the current directory instead of writing ../ paths', () => {
    const base = tempDir('patchout');
    mkdirSync(path.join(base, 'cwd'));
    mkdirSync(path.join(base, 'elsewhere'));
    writeFileSync(path.join(base, 'elsewhere', 'legacy.py'), LEGACY);
    writeFileSync(path.join(base, 'cwd', 'legacy.py'), LEGACY);
    const before = recordTree(base);
    const run = runCli(['--patch', '-', '.', '../elsewhere'], path.join(base, 'cwd'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^loopmigrate: error: \.\.\/elsewhere\/legacy\.py: is outside the current directory, so it cannot be part of a patch/m);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stdout).toContain('+++ b/legacy.py');
    expect(run.stdout).not.toContain('..');
    expect(changedEntries(before, recordTree(base))).toEqual([]);
  });
});
