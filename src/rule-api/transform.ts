// The shape of a rule (ruff's rule-per-file, typescript-eslint's createRule meta). There are two kinds:
// a file rule looks at one Python file at a time (a query, check() per match); a project rule looks at
// no file of its own and plans, once per run, findings and edits to project files (the pytest config)
// from the project facts. A file rule may plan such edits too (`plan`), next to its per-file findings.
import type { QueryMatch } from 'web-tree-sitter';
import type { FileContext } from './context.js';
import type { Finding, Safety } from '../common/types.js';
import type { ProjectFacts } from '../common/facts.js';
import type { About } from './about.js';

export type FixAvailability = 'always' | 'sometimes' | 'none';

/**
 * What a rule reads beyond the file it looks at, gathered by the run's pre-pass (src/pytest/facts.ts):
 * - 'project-facts': the test-suite model (pytest configs, `event_loop` overrides, AnyIO plans, ...),
 *   handed to each file as `ctx.pytest`. A file the rule may concern waits for them.
 * - 'loop-facts': where other modules set a current loop (`ctx.loopSetElsewhere()`). Nothing waits for
 *   them: a file fixed before they were known is done again when they show a loop set elsewhere.
 * - 'plugin-fixtures': `event_loop` fixtures of plugin modules and the conftest that gets one shared
 *   `event_loop` fixture (with 'project-facts'; the pre-pass searches every module for these).
 */
export type ProjectFact = 'project-facts' | 'loop-facts' | 'plugin-fixtures';

/** What every rule says about itself. */
interface RuleInfo {
  code: string;
  name: string;
  summary: string;
  /** Markdown with the headings: What it does / Why is this bad? / Example / Use instead / Fix safety / References. */
  docs: string;
  fixAvailability: FixAvailability;
  /** The target Python version the fix needs, e.g. '3.7'. */
  minPython: string;
  /** The facts the rule reads beyond its file; none when left out. */
  needs?: readonly ProjectFact[];
}

/**
 * An edit a rule plans to a pytest config file, with the finding that reports it. The edits of all
 * rules to one config become one result (src/pytest/project-edits.ts), so the CLI diffs, patches and
 * writes the config like any other file.
 */
export interface ConfigEdit {
  /** The config's path, a key of `ProjectFacts.configs`. */
  config: string;
  /** The options to set, in this order. */
  options: ReadonlyArray<readonly [string, string]>;
  message: string;
  safety: Safety;
  /**
   * The edit only fills in a default: it gives way to another rule's edit of the same config that sets
   * one of the same options and may be applied (a safe one, or an unsafe one with unsafe fixes on).
   */
  fallback?: boolean;
}

/** Plans a rule's config edits from the project facts, read-only, once per run. */
export type ProjectPlan = (facts: ProjectFacts) => ConfigEdit[];

/** A rule that looks at one Python file at a time. */
export interface FileRule extends RuleInfo {
  kind?: 'file';
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
  /**
   * Config edits the rule also makes, next to its findings in files: what it changes in a file can
   * carry a setting that belongs in the pytest config (LM201: a removed `event_loop` override's scope).
   * Needs 'project-facts'.
   */
  plan?: ProjectPlan;
}

/**
 * A rule with no file of its own to look at: its findings are the config edits it plans from the
 * project facts (LM205). It always reads the project facts.
 */
export interface ProjectRule extends RuleInfo {
  kind: 'project';
  plan: ProjectPlan;
}

/** Any rule of the registry (transforms/). */
export type Transform = FileRule | ProjectRule;

export function defineTransform(t: FileRule): FileRule {
  return t;
}

export function defineProjectRule(t: Omit<ProjectRule, 'kind'>): ProjectRule {
  return { ...t, kind: 'project' };
}

export function isFileRule(t: Transform): t is FileRule {
  return t.kind !== 'project';
}

/** Whether the run must gather this fact for the rule (a project rule always reads the project facts). */
export function needs(t: Transform, fact: ProjectFact): boolean {
  return (fact === 'project-facts' && t.kind === 'project') || (t.needs?.includes(fact) ?? false);
}

const fileRuleLists = new WeakMap<readonly Transform[], readonly FileRule[]>();

/**
 * The file rules of a list, as the same array when it has no project rule: the engine's caches are
 * keyed by the identity of the list (one per run, or per file with per-file-ignores).
 */
export function fileRules(list: readonly Transform[]): readonly FileRule[] {
  let out = fileRuleLists.get(list);
  if (!out) {
    out = list.every(isFileRule) ? list : list.filter(isFileRule);
    fileRuleLists.set(list, out);
  }
  return out;
}

/** The docs headings every rule must have, in order. */
export const DOC_HEADINGS = ['What it does', 'Why is this bad?', 'Example', 'Use instead', 'Fix safety', 'References'];
