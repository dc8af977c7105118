// The shape of one rule (ruff's rule-per-file, typescript-eslint's createRule meta).
import type { QueryMatch } from 'web-tree-sitter';
import type { FileContext } from './context.js';
import type { Finding } from '../common/types.js';
import type { Trigger } from '../speed/triggers.js';

export type FixAvailability = 'always' | 'sometimes' | 'none';

export interface Transform {
  code: string;
  name: string;
  summary: string;
  /** Markdown with the headings: What it does / Why is this bad? / Example / Use instead / Fix safety / References. */
  docs: string;
  fixAvailability: FixAvailability;
  /** The target Python version the fix needs, e.g. '3.7'. */
  minPython: string;
  /**
   * What a file needs for this rule to report on it (src/speed/triggers.ts): clauses of substrings, regular
   * expressions and project-facts conditions. A file for which no clause holds is never parsed for
   * this rule, so a trigger must be a necessary condition of every finding (with and without the
   * prefilter the findings are the same: tests and the benchmark check it).
   */
  triggers: Trigger;
  /** A tree-sitter query; check() runs once per match. */
  query: string;
  /**
   * Names every reportable match contains: the outermost node of the match holds an occurrence of
   * one of them, or of a local name an import binds to one (`get_event_loop as gel`). The query then
   * runs only around those occurrences (src/speed/anchors.ts). Leave it out for rules that must see every
   * match (a fixture found by its decorator, say).
   */
  anchors?: readonly string[];
  /** Capture names check() reads (a test verifies the query defines them). */
  captures: string[];
  check(match: QueryMatch, ctx: FileContext): Finding | Finding[] | null | undefined;
  /** The rule's findings come from the project pass (src/pytest/project-edits.ts), not from check(). */
  projectLevel?: boolean;
}

export function defineTransform(t: Transform): Transform {
  return t;
}

/** The docs headings every rule must have, in order. */
export const DOC_HEADINGS = ['What it does', 'Why is this bad?', 'Example', 'Use instead', 'Fix safety', 'References'];
