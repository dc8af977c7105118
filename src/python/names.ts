// Picking names for code a fix introduces (a helper, a runner variable, an entry coroutine).
import type { SourceModel } from './model.js';

/**
 * The first of `candidates` (then `<first>_2`, `<first>_3`, ...) that no identifier anywhere in the
 * file spells: checking the whole file is cruder than scope analysis but cannot capture a name.
 */
export function freshName(ctx: Pick<SourceModel, 'identifiersNamed'>, candidates: string[]): string {
  const used = (name: string) => ctx.identifiersNamed(name).length > 0;
  for (const c of candidates) if (!used(c)) return c;
  const base = candidates[0] ?? 'name';
  for (let i = 2; ; i++) if (!used(`${base}_${i}`)) return `${base}_${i}`;
}

/** The last names of qualified names (`aiohttp.ClientSession` → `ClientSession`), without repeats. */
export function lastNames(qualified: Iterable<string>): string[] {
  return [...new Set([...qualified].map((q) => q.slice(q.lastIndexOf('.') + 1)))];
}
