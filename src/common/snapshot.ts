// What a file was when it was read, so that a write can tell whether it is still that file.
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import type { FileSnapshot } from './types.js';

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `st` must be the fstat of the descriptor `bytes` were read from, taken before reading. */
export function snapshotOf(realPath: string, st: Stats, bytes: Uint8Array): FileSnapshot {
  return { realPath, dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, sha256: sha256(bytes) };
}
