// Rule selection: codes, code prefixes (LM1, LM10) or names, as --select/--ignore take them.
import { transforms } from '../../transforms/index.js';
import type { Transform } from '../rule-api/transform.js';

export { transforms };

export function findRule(key: string): Transform | undefined {
  const k = key.trim();
  return transforms.find((t) => t.code.toUpperCase() === k.toUpperCase() || t.name === k);
}

function matches(t: Transform, selector: string): boolean {
  const s = selector.trim();
  if (s.toUpperCase() === 'ALL') return true;
  return t.name === s || t.code.toUpperCase().startsWith(s.toUpperCase());
}

/** Unknown selectors are returned so the CLI can refuse them with a clear message. */
export function unknownSelectors(selectors: string[]): string[] {
  return selectors.filter((s) => !transforms.some((t) => matches(t, s)));
}

/** `transforms` less the ones any selector names (per-file-ignores). */
export function withoutRules<T extends Transform>(list: readonly T[], selectors: string[]): readonly T[] {
  return selectors.length === 0 ? list : list.filter((t) => !selectors.some((s) => matches(t, s)));
}

export function selectRules(select: string[], ignore: string[]): Transform[] {
  const base = select.length === 0 ? transforms : transforms.filter((t) => select.some((s) => matches(t, s)));
  return base.filter((t) => !ignore.some((s) => matches(t, s)));
}
