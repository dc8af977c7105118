// Temporary files of atomic writes: their exact name, and removal of the ones an interrupted run
// (SIGKILL, power loss) left behind. Only names we could have made, only regular files owned by us,
// only when the process that made them is gone: a user's file that merely looks similar is kept.
import { randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';

export const TEMP_PREFIX = '.loopmigrate-';
const TEMP_NAME = /^\.loopmigrate-(.+)\.([1-9]\d{0,9})\.([0-9a-f]{8})\.tmp$/;

/** The temp file a write of `file` goes through: same directory, so the rename is atomic. */
export function tempPathFor(file: string): string {
  // Shortened so that a file name near the 255-byte limit still leaves room for the temp name.
  const base = Buffer.from(path.basename(file))
    .subarray(0, 120)
    .toString('utf8')
    .replace(/\uFFFD+$/, '');
  return path.join(path.dirname(file), `${TEMP_PREFIX}${base || 'file'}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** The pid a temp file name was made by, or null when the name is not one of ours. */
export function tempOwnerPid(name: string): number | null {
  const m = TEMP_NAME.exec(name);
  return m && m[2] ? Number(m[2]) : null;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the pid exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Removes stale temp files once per directory of the files a fix run processes. */
export class StaleTempSweeper {
  private readonly done = new Set<string>();

  constructor(private readonly onRemoved: (tempPath: string) => void = () => {}) {}

  visit(file: string): void {
    const dir = path.dirname(file);
    if (this.done.has(dir)) return;
    this.done.add(dir);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    const uid = process.getuid?.();
    for (const name of names) {
      const pid = tempOwnerPid(name);
      if (pid === null || processAlive(pid)) continue;
      const full = path.join(dir, name);
      try {
        const st = lstatSync(full);
        if (!st.isFile() || (uid !== undefined && st.uid !== uid)) continue;
        unlinkSync(full);
        this.onRemoved(full);
      } catch {
        // Gone already or not ours to remove; either way nothing to clean.
      }
    }
  }
}
