// --shard K/N: a deterministic split of the files by a hash of their displayed path, so a file's shard
// does not move when files are added elsewhere in the tree.
import { displayPath } from '../output/paths.js';

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard | null {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : null;
}

/** FNV-1a over the UTF-8 bytes of the path: stable across platforms and Node versions. */
export function shardOf(relPath: string, count: number): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(relPath, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h % count) + 1;
}

export function* inShard(files: Iterable<string>, shard: Shard): Generator<string> {
  for (const f of files) if (shardOf(displayPath(f), shard.count) === shard.index) yield f;
}
