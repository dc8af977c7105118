// What a run made of each finding, decided here and nowhere else. A rule's finding (FileContext.finding)
// says what, where and how to fix it; the steps after it (a suppression comment, the fix loop's verdict,
// a notebook's cells, a fix that is not written after all) each build a new finding through settle().
// Finding is readonly (src/common/types.ts), so nothing changes one once it is made.
import type { Finding } from '../common/types.js';

/** The fields the run decides; everything else is the rule's. */
export type Outcome = Partial<Pick<Finding, 'suppressed' | 'applied' | 'notFixed' | 'cell' | 'line' | 'endLine'>>;

/** The one constructor of a finding derived from another: `f` with the outcome's fields. */
export function settle(f: Finding, outcome: Outcome): Finding {
  return { ...f, ...outcome };
}

/** The findings when the run's fixed text is not used after all (reverted, refused, not written, declined). */
export function unapplied(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => (f.applied ? settle(f, { applied: false }) : f));
}

/**
 * The findings with `applied` as a run of the same rules on the same text judged it with fewer fixes
 * (--interactive's accepted ones): matched by rule and range, since both runs report the same findings.
 */
export function appliedAs(findings: readonly Finding[], judged: readonly Finding[]): Finding[] {
  const applied = new Set(judged.filter((g) => g.applied).map(findingKey));
  return findings.map((f) => (f.applied === applied.has(findingKey(f)) ? f : settle(f, { applied: !f.applied })));
}

/** Identity of a finding within one text: rule and range. */
export function findingKey(f: Pick<Finding, 'code' | 'start' | 'end'>): string {
  return `${f.code}:${f.start}:${f.end}`;
}
