// Resource limits per file: how big a file may be and how long one parse may take.

export interface Limits {
  /** Files larger than this many bytes are skipped unread. */
  maxFileSize: number;
  /** Budget for one parse in milliseconds (0: none). */
  parseTimeoutMs: number;
  /**
   * The most memory the parser (its WebAssembly heap) may grow to for one file; a file that needs more
   * is skipped (LOOPMIGRATE_PARSER_MEMORY).
   */
  parserMemory: number;
}

export const DEFAULT_LIMITS: Limits = { maxFileSize: 10 * 1024 * 1024, parseTimeoutMs: 20_000, parserMemory: 640 * 1024 * 1024 };

/**
 * The highest parser memory limit: the parser's heap cannot pass 2 GiB, and running out aborts its
 * instance, so a parse is stopped with room to spare for the work on its tree.
 */
export const PARSER_MEMORY_MAX = 1792 * 1024 * 1024;

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** `10M`, `512KB`, `1.5MiB`, `2000000` (bytes; K/M/G are powers of 1024). Null when not a size. */
export function parseSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m?.[2] !== undefined ? UNITS[m[2].toLowerCase()] : undefined;
  if (!m?.[1] || unit === undefined) return null;
  const bytes = Math.floor(Number(m[1]) * unit);
  return bytes > 0 ? bytes : null;
}

export function formatSize(bytes: number): string {
  const trim = (n: number) => n.toFixed(1).replace(/\.0$/, '');
  if (bytes >= 1024 ** 2) return `${trim(bytes / 1024 ** 2)} MiB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
