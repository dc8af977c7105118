// The write module's promises, driven directly through its test seam so each race is deterministic:
// a file changed between read and write is never overwritten, a write never follows a link swapped
// into the path, failures leave no temp file, and the stale-temp sweep removes only our own leftovers.
import { spawnSync } from 'node:child_process';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, symlinkSync, utimesSync, writeFileSync, statSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshotOf } from '../../src/common/snapshot.js';
import { StaleTempSweeper, tempOwnerPid, tempPathFor } from '../../src/write/tempfiles.js';
import type { FileSnapshot } from '../../src/common/types.js';
import { writeIfUnchanged } from '../../src/write/write.js';
import { LEGACY, MIGRATED, removeTempDirs, tempDir } from './harness.js';

afterAll(removeTempDirs);

function readSnapshot(file: string): FileSnapshot {
  const fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    return snapshotOf(file, st, readFileSync(fd));
  } finally {
    closeSync(fd);
  }
}

const temps = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('.loopmigrate-'));
const next = Buffer.from(MIGRATED);

describe('writeIfUnchanged', () => {
  it('replaces an unchanged file', () => {
    const dir = tempDir('w');
    const file = path.join(dir, 'a.py');
    writeFileSync(file, LEGACY);
    expect(writeIfUnchanged(readSnapshot(file), next)).toEqual({ ok: true });
    expect(readFileSync(file, 'utf8')).toBe(MIGRATED);
    expect(temps(dir)).toEqual([]);
  });

  it('does not overwrite a file changed between read and write (content and mtime)', () => {
    const dir = tempDir('w');
    const file = path.join(dir, 'a.py');
    writeFileSync(file, LEGACY);
    const snap = readSnapshot(file);
    const outcome = writeIfUnchanged(snap, next, { beforeCommit: () => writeFileSync(file, LEGACY + '# edited by the user\n') });
    expect(outcome).toMatchObject({ ok: false, reason: 'changed-during-run' });
    expect(readFileSync(file, 'utf8')).toBe(LEGACY + '# edited by the user\n');
    expect(temps(dir)).toEqual([]);
  });

  it('notices a same-size change with the mtime put back (content hash)', () => {
    const dir = tempDir('w');
    const file = path.join(dir, 'a.py');
    writeFileSync(file, LEGACY);
    const snap = readSnapshot(file);
    const { atime, mtime } = statSync(file);
    const outcome = writeIfUnchanged(snap, next, {
      beforeCommit: () => {
        writeFileSync(file, LEGACY.replace('main', 'mian'));
        utimesSync(file, atime, mtime);
      },
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'changed-during-run' });
    expect(readFileSync(file, 'utf8')).toBe(LEGACY.replace('main', 'mian'));
  });

  it('notices a file replaced by another one with the same bytes (inode)', () => {
    const dir = tempDir('w');
    const file = path.join(dir, 'a.py');
    writeFileSync(file, LEGACY);
    const snap = readSnapshot(file);
    const outcome = writeIfUnchanged(snap, next, {
      beforeCommit: () => {
        writeFileSync(path.join(dir, 'b.py'), LEGACY);
        renameSync(path.join(dir, 'b.py'), file);
      },
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'changed-during-run' });
  });

  it('refuses when a directory on the path became a symlink, and writes nothing anywhere', () => {
    const base = tempDir('w');
    mkdirSync(path.join(base, 'proj'));
    mkdirSync(path.join(base, 'attacker'));
    const file = path.join(base, 'proj', 'a.py');
    writeFileSync(file, LEGACY);
    writeFileSync(path.join(base, 'attacker', 'a.py'), LEGACY);
    const snap = readSnapshot(file);
    const outcome = writeIfUnchanged(snap, next, {
      beforeCommit: () => {
        renameSync(path.join(base, 'proj'), path.join(base, 'proj-moved'));
        symlinkSync(path.join(base, 'attacker'), path.join(base, 'proj'));
      },
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'unsafe-path' });
    expect(readFileSync(path.join(base, 'attacker', 'a.py'), 'utf8')).toBe(LEGACY);
    expect(readFileSync(path.join(base, 'proj-moved', 'a.py'), 'utf8')).toBe(LEGACY);
    expect(temps(path.join(base, 'attacker'))).toEqual([]);
  });

  it('refuses when the file itself became a symlink', () => {
    const dir = tempDir('w');
    const file = path.join(dir, 'a.py');
    writeFileSync(file, LEGACY);
    writeFileSync(path.join(dir, 'other.py'), LEGACY);
    const snap = readSnapshot(file);
    const outcome = writeIfUnchanged(snap, next, {
      beforeCommit: () => {
        renameSync(file, path.join(dir, 'moved.py'));
        symlinkSync('other.py', file);
      },
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'unsafe-path' });
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'other.py'), 'utf8')).toBe(LEGACY);
  });

  it('leaves no temp file when the rename fails', () => {
    const dir = tempDir('w');
    const file = path.join(dir, 'a.py');
    writeFileSync(file, LEGACY);
    const snap = readSnapshot(file);
    const outcome = writeIfUnchanged(snap, next, {
      beforeCommit: (temp) => {
        // The temp file vanishing makes the rename fail (ENOENT) after every check passed.
        renameSync(temp, path.join(dir, 'stolen.tmp'));
      },
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'write-failed' });
    expect(readFileSync(file, 'utf8')).toBe(LEGACY);
    expect(temps(dir)).toEqual([]);
  });
});

describe('stale temp files', () => {
  it('uses names the sweep recognises, with our pid', () => {
    const name = path.basename(tempPathFor('/x/my file.py'));
    expect(tempOwnerPid(name)).toBe(process.pid);
  });

  it('removes only our exact pattern, regular files, of processes that are gone', () => {
    const dir = tempDir('sweep');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    expect(dead).toBeGreaterThan(0);
    const stale = [`.loopmigrate-a.py.${dead}.0123abcd.tmp`, `.loopmigrate-my file.py.${dead}.deadbeef.tmp`];
    const kept = [
      `.loopmigrate-a.py.${process.pid}.0123abcd.tmp`, // a live process (this one) may be writing it
      `.loopmigrate-a.py.${dead}.0123ABCD.tmp`, // not our hex
      `.loopmigrate-a.py.${dead}.0123abc.tmp`, // wrong length
      `.loopmigrate-a.py.${dead}.0123abcd.tmp.bak`,
      `loopmigrate-a.py.${dead}.0123abcd.tmp`,
      `.loopmigrate-a.py.0123abcd.tmp`,
      '.loopmigrate-notes.txt',
      'a.py',
    ];
    for (const n of [...stale, ...kept]) writeFileSync(path.join(dir, n), 'x');
    const linkName = `.loopmigrate-b.py.${dead}.00000000.tmp`;
    writeFileSync(path.join(dir, 'precious'), 'keep me');
    symlinkSync('precious', path.join(dir, linkName));
    const dirName = `.loopmigrate-c.py.${dead}.11111111.tmp`;
    mkdirSync(path.join(dir, dirName));
    const removed: string[] = [];
    const sweeper = new StaleTempSweeper((p) => removed.push(path.basename(p)));
    sweeper.visit(path.join(dir, 'a.py'));
    expect(removed.sort()).toEqual([...stale].sort());
    expect(readdirSync(dir).sort()).toEqual([...kept, linkName, dirName, 'precious'].sort());
    expect(readFileSync(path.join(dir, 'precious'), 'utf8')).toBe('keep me');
  });
});
