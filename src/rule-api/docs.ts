// Rule documentation from the transforms themselves: `--explain`, docs/rules/<name>.md and the README's
// rule table all come from here, so they cannot drift apart (`npm run docs` writes the files, a test
// fails when they are stale).
import type { FixAvailability, Transform } from './transform.js';

export const TABLE_START = '<!-- rules:start -->';
export const TABLE_END = '<!-- rules:end -->';

const FIX_LABEL: Record<FixAvailability, string> = { always: 'yes', sometimes: 'sometimes', none: 'report only' };

export function fixLabel(a: FixAvailability): string {
  return FIX_LABEL[a];
}

/** The page for one rule: what `--explain` prints and docs/rules/<name>.md contains. */
export function renderRuleDoc(t: Transform): string {
  const needs = `needs --target-version py${t.minPython.replace('.', '')} or newer`;
  const fix = t.fixAvailability === 'none' ? 'none; the finding explains the manual change' : `${t.fixAvailability === 'always' ? 'always' : 'sometimes'} available (${needs})`;
  return `# ${t.code} ${t.name}\n\n${t.summary}.\n\nFix: ${fix}.\n\n${t.docs.trimEnd()}\n`;
}

export function ruleDocPath(t: Transform): string {
  return `docs/rules/${t.name}.md`;
}

/** The rule table, between the marker comments. */
export function renderRuleTable(rules: readonly Transform[]): string {
  const rows = rules.map((t) => `| [${t.code}](${ruleDocPath(t)}) | \`${t.name}\` | ${fixLabel(t.fixAvailability)} | ${t.summary.replace(/\|/g, '\\|')} |`);
  return [TABLE_START, '| code | name | fix | what it finds |', '|---|---|---|---|', ...rows, TABLE_END].join('\n');
}

/** The README with its rule table replaced; throws when the markers are missing. */
export function updateReadme(readme: string, rules: readonly Transform[]): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${TABLE_START} and ${TABLE_END} around the rule table`);
  return readme.slice(0, start) + renderRuleTable(rules) + readme.slice(end + TABLE_END.length);
}

/** Every generated file: path relative to the repository root → content. */
export function generatedDocs(rules: readonly Transform[], readme: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const t of rules) files.set(ruleDocPath(t), renderRuleDoc(t));
  files.set('README.md', updateReadme(readme, rules));
  return files;
}
