// --format sarif (validated against the SARIF 2.1.0 schema), --format github, --stdin-filename.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../src/output/github.js';
import { makeTree, runCli } from './helpers/cli.js';

const require = createRequire(import.meta.url);
// The OASIS SARIF 2.1.0 schema (draft-04), as shipped by Microsoft's SARIF SDK package.
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;

// LM101 (safe fix) on line 5 and suppressed on 6, LM102 (unsafe: the coroutine comes from another module) on 11.
const LEGACY = `import asyncio


async def main():
    loop = asyncio.get_event_loop()
    skipped = asyncio.get_event_loop()  # noqa: LM101
    return loop, skipped


from jobs import job
asyncio.get_event_loop().run_until_complete(job())
`;

function validate(doc: unknown): string[] {
  // The schema's patterns are ECMAScript-without-u regular expressions.
  // Both packages are CommonJS: an ES import gets module.exports, which carries the class and plugin as `default`.
  const ajv = new ajvDraft04.default({ strict: false, allErrors: true, unicodeRegExp: false });
  ajvFormats.default(ajv);
  const check = ajv.compile(schema);
  return check(doc) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('--format sarif', () => {
  it('is a valid SARIF 2.1.0 log with rules, relative locations and fixes; suppressed findings left out', () => {
    const dir = makeTree({ 'src/app.py': LEGACY });
    const r = runCli(['--check', '--format', 'sarif'], { cwd: dir });
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    expect(validate(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    const driver = run?.tool.driver;
    expect(driver?.name).toBe('loopmigrate');
    const rule = driver?.rules?.find((x) => x.id === 'LM101');
    expect(rule?.shortDescription?.text).toBeTruthy();
    expect(rule?.fullDescription?.text).toContain('get_running_loop');
    expect(rule?.help?.markdown).toContain('## What it does');
    expect(rule?.help?.text).toBeTruthy();
    expect(rule?.helpUri).toMatch(/\/docs\/rules\/get-event-loop-in-coroutine\.md$/);
    const results = run?.results ?? [];
    expect(results.map((x) => [x.ruleId, x.locations?.[0]?.physicalLocation?.region?.startLine])).toEqual([
      ['LM101', 5],
      ['LM102', 11],
    ]);
    const first = results[0];
    expect(first?.level).toBe('error');
    expect(first?.message.text).toContain('get_running_loop');
    expect(first?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe('src/app.py');
    expect(first?.locations?.[0]?.physicalLocation?.region).toEqual({ startLine: 5, startColumn: 12, endLine: 5, endColumn: 36 });
    const replacement = first?.fixes?.[0]?.artifactChanges[0]?.replacements[0];
    expect(replacement?.insertedContent?.text).toContain('get_running_loop');
    expect(replacement?.deletedRegion.startLine).toBe(5);
    // Every result's rule is in the driver's list at its ruleIndex.
    for (const x of results) expect(driver?.rules?.[x.ruleIndex ?? -1]?.id).toBe(x.ruleId);
  });

  it('fixes carry replacements that reproduce the fixed file', () => {
    const dir = makeTree({ 'app.py': 'import asyncio\n\n\nasync def main():\n    return asyncio.get_event_loop()\n' });
    const log = JSON.parse(runCli(['--check', '--format', 'sarif'], { cwd: dir }).stdout) as Sarif.Log;
    const source = readFileSync(path.join(dir, 'app.py'), 'utf8');
    const lines = source.split('\n');
    let text = source;
    for (const rep of log.runs[0]?.results?.[0]?.fixes?.[0]?.artifactChanges[0]?.replacements ?? []) {
      const d = rep.deletedRegion;
      const offset = (line = 1, col = 1) => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + col - 1;
      text = text.slice(0, offset(d.startLine, d.startColumn)) + (rep.insertedContent?.text ?? '') + text.slice(offset(d.endLine, d.endColumn));
    }
    runCli([], { cwd: dir });
    expect(text).toBe(readFileSync(path.join(dir, 'app.py'), 'utf8'));
  });

  it('after an in-place fix lists only what is left, without stale fix regions', () => {
    const dir = makeTree({ 'app.py': LEGACY });
    const log = JSON.parse(runCli(['--format', 'sarif'], { cwd: dir }).stdout) as Sarif.Log;
    expect(validate(log)).toEqual([]);
    expect(log.runs[0]?.results?.map((x) => x.ruleId)).toEqual(['LM102']);
    // Its fix regions would refer to the text before the rewrite, so none is offered.
    expect(log.runs[0]?.results?.[0]?.fixes).toBeUndefined();
  });
});

describe('--format github', () => {
  it('escapes data and property values as the Actions runner reads them', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
  });

  it('prints one ::error annotation per unsuppressed finding on stdout', () => {
    const dir = makeTree({ 'we,ird:dir/app.py': LEGACY });
    const r = runCli(['--check', '--format', 'github'], { cwd: dir });
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::error file=we%2Cird%3Adir\/app\.py,line=5,col=12,endLine=5,endColumn=36,title=LM101::`asyncio\.get_event_loop\(\)` inside a coroutine/);
    expect(lines[1]).toMatch(/^::error file=we%2Cird%3Adir\/app\.py,line=11,.*title=LM102::/);
  });
});

describe('--stdin-filename', () => {
  const files = {
    'pyproject.toml': '[tool.loopmigrate.per-file-ignores]\n"tests/**" = ["LM101"]\n',
    'src/app.py': '',
  };

  it('writes the fixed source to stdout and findings to stderr', () => {
    const dir = makeTree(files);
    const r = runCli(['--stdin-filename', 'src/app.py', '--unsafe-fixes'], { cwd: dir, input: LEGACY });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('    loop = asyncio.get_running_loop()');
    expect(r.stdout).toContain('    skipped = asyncio.get_event_loop()  # noqa: LM101');
    expect(r.stdout).toContain('asyncio.run(job())');
    expect(r.stderr).toContain('1 suppressed');
    // The file named is not touched.
    expect(readFileSync(path.join(dir, 'src/app.py'), 'utf8')).toBe('');
  });

  it('resolves per-file-ignores for PATH and echoes the input when there is nothing to fix', () => {
    const dir = makeTree(files);
    const r = runCli(['--stdin-filename', 'tests/test_app.py', '--select', 'LM101'], { cwd: dir, input: LEGACY });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(LEGACY);
  });

  it('reports findings on stderr in --check (exit 1), and echoes a file it cannot parse (exit 2)', () => {
    const dir = makeTree(files);
    const check = runCli(['--check', '--stdin-filename', 'src/app.py'], { cwd: dir, input: LEGACY });
    expect(check.status).toBe(1);
    expect(check.stdout).toBe('');
    expect(check.stderr).toContain('src/app.py:5:12: LM101');
    const broken = 'import asyncio\nasync def f(:\n    asyncio.get_event_loop()\n';
    const r = runCli(['--stdin-filename', 'src/app.py'], { cwd: dir, input: broken });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe(broken);
    expect(r.stderr).toContain('src/app.py');
  });

  it('sends machine output to stderr when stdout carries the source', () => {
    const dir = makeTree(files);
    const r = runCli(['--stdin-filename', 'src/app.py', '--format', 'json'], { cwd: dir, input: LEGACY });
    expect(r.stdout).toContain('get_running_loop');
    const doc = JSON.parse(r.stderr.slice(r.stderr.indexOf('{'), r.stderr.lastIndexOf('}') + 1)) as { findings: { path: string }[] };
    expect(doc.findings[0]?.path).toBe('src/app.py');
  });

  it('refuses paths together with --stdin-filename', () => {
    const dir = makeTree(files);
    expect(runCli(['--stdin-filename', 'a.py', 'src'], { cwd: dir, input: '' }).status).toBe(2);
  });
});
