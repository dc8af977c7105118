// One pass over a file's bytes for all enabled rules' trigger substrings (Wu-Manber with 2-byte blocks):
// most files of a real repository contain none, and those are never decoded or parsed.

export type Scanner = (bytes: Uint8Array) => boolean;

export function compileTriggers(triggers: readonly string[]): Scanner {
  const patterns = [...new Set(triggers)].map((t) => Buffer.from(t, 'utf8')).filter((p) => p.length > 0);
  if (patterns.length === 0) return () => false;
  const short = patterns.filter((p) => p.length < 2);
  if (short.length > 0) return (bytes) => patterns.some((p) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(p) !== -1);
  const m = Math.min(...patterns.map((p) => p.length));
  // shift[h]: how far the window may move when its last two bytes hash to h.
  const shift = new Uint8Array(65536).fill(Math.min(255, m - 1));
  const buckets = new Map<number, Buffer[]>();
  for (const p of patterns) {
    for (let q = 2; q <= m; q++) {
      const h = ((p[q - 2] ?? 0) << 8) | (p[q - 1] ?? 0);
      const s = m - q;
      if (s < (shift[h] ?? 0)) shift[h] = s;
      if (q === m) buckets.set(h, [...(buckets.get(h) ?? []), p]);
    }
  }
  return (bytes) => {
    const n = bytes.length;
    let i = m - 1;
    while (i < n) {
      const h = ((bytes[i - 1] ?? 0) << 8) | (bytes[i] ?? 0);
      const s = shift[h] ?? 0;
      if (s !== 0) {
        i += s;
        continue;
      }
      const start = i - m + 1;
      for (const p of buckets.get(h) ?? []) {
        if (start + p.length > n) continue;
        let k = 0;
        while (k < p.length && bytes[start + k] === p[k]) k++;
        if (k === p.length) return true;
      }
      i++;
    }
    return false;
  };
}
