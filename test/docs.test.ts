// Generated docs must match the transforms: regenerate in memory and compare with what is committed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLAGS_END, FLAGS_START, updateReadmeFlags } from '../src/cli/flag-table.js';
import { FLAGS, HELP, PATHS, VERSION, type Flag } from '../src/cli/options.js';
import { generatedDocs, renderRuleDoc, TABLE_END, TABLE_START, updateReadme } from '../src/rule-api/docs.js';
import { transforms } from '../transforms/index.js';
import { makeTree, repoRoot, runCli } from './helpers/cli.js';

const STALE = 'stale generated docs: run `npm run docs` and commit the result';

describe('docs from code', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const files = generatedDocs(transforms, readme);

  it('docs/rules/*.md and the README rule table are up to date', () => {
    for (const [rel, content] of files) {
      expect(readFileSync(path.join(repoRoot, rel), 'utf8'), `${rel}: ${STALE}`).toBe(content);
    }
    const pages = readdirSync(path.join(repoRoot, 'docs', 'rules')).map((n) => `docs/rules/${n}`);
    expect(pages.sort(), `docs/rules has a page without a rule: ${STALE}`).toEqual([...files.keys()].filter((k) => k.startsWith('docs/')).sort());
  });

  it('the README table lists every rule, linked to its page', () => {
    const table = readme.slice(readme.indexOf(TABLE_START), readme.indexOf(TABLE_END));
    for (const t of transforms) expect(table).toContain(`| [${t.code}](docs/rules/${t.name}.md) | \`${t.name}\` |`);
  });

  it('refuses a README without the markers', () => {
    expect(() => updateReadme('# x\n', transforms)).toThrow(/rules:start/);
  });

  it('--explain prints the same text as the generated page', () => {
    const dir = makeTree({});
    for (const t of transforms) {
      const r = runCli(['--explain', t.code], { cwd: dir });
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(renderRuleDoc(t));
      expect(r.stdout).toBe(files.get(`docs/rules/${t.name}.md`));
    }
  });

  it('the README flag table is up to date with the options yargs gets', () => {
    expect(updateReadmeFlags(readme), `README.md flag table: ${STALE}`).toBe(readme);
  });

  it('the flag table has what --help lists, no more and no less', () => {
    const table = readme.slice(readme.indexOf(FLAGS_START), readme.indexOf(FLAGS_END));
    const inTable = [...table.matchAll(/^\| `(--[a-z-]+)/gm)].map((m) => m[1]);
    const help = runCli(['--help'], { cwd: makeTree({}) });
    expect(help.status).toBe(0);
    const inHelp = [...help.stdout.matchAll(/^\s+(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]);
    expect(inTable.length).toBeGreaterThan(20);
    expect(inTable).toEqual(inHelp);
    expect(table).toContain('| `paths..` |');
  });

  it('a default in words is the one the description states', () => {
    const flags: [string, Flag][] = [['paths', PATHS], ...Object.entries(FLAGS), ['help', HELP], ['version', VERSION]];
    const worded = flags.filter(([, f]) => f.defaultText !== undefined);
    expect(worded.map(([n]) => n)).toEqual(['paths', 'target-version', 'max-file-size', 'parse-timeout', 'jobs', 'verify-max-runs', 'verify-timeout', 'verify-jobs']);
    for (const [name, f] of worded) {
      const text = String(f.describe);
      const t = f.defaultText as string;
      expect(text.includes(`default ${t}`) || text.includes(`default: ${t}`) || text.endsWith(`else ${t}`), `${name}: "${text}" does not state the default ${t}`).toBe(true);
    }
  });

  it('refuses a README without the flag markers', () => {
    expect(() => updateReadmeFlags('# x\n')).toThrow(/flags:start/);
  });
});
