// Picking names for code a fix introduces (a helper, a runner variable, an entry coroutine).
import type { Node } from '../parser.js';

/**
 * The first of `candidates` (then `<first>_2`, `<first>_3`, ...) that no identifier anywhere in the
 * file spells: checking the whole file is cruder than scope analysis but cannot capture a name.
 */
export function freshName(root: Node, candidates: string[]): string {
  const used = new Set(root.descendantsOfType('identifier').map((n) => n?.text));
  for (const c of candidates) if (!used.has(c)) return c;
  const base = candidates[0] ?? 'name';
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}
