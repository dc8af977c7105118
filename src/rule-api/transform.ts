// The shape of one rule (ruff's rule-per-file, typescript-eslint's createRule meta).
import type { QueryMatch } from 'web-tree-sitter';
import type { FileContext } from './context.js';
import type { Finding } from '../common/types.js';
import type { About } from './about.js';

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
   * What every finding of the rule is about (src/rule-api/about.ts): the qualified names, modules,
   * parameters... it needs. The speed layer derives from it which files to parse for the rule and
   * where in them to run its query; it must be a necessary condition of every finding.
   */
  about: About;
  /** A tree-sitter query; check() runs once per match. */
  query: string;
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
