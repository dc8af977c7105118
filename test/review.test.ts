// Review modes, run like a user would: --patch-dir, the dirty-tree guard, --interactive through a real
// pseudo-terminal (util-linux `script`), and the --report page's self-containment.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, git, makeTree, runCli, snapshotTree } from './helpers/cli.js';

const LEGACY = `import asyncio


async def fetch():
    loop = asyncio.get_event_loop()
    return loop


async def other():
    return asyncio.get_event_loop()

def main():
    loop = asyncio.get_event_loop()
    loop.run_until_complete(fetch())
    loop.close()


if __name__ == "__main__":
    main()
`;

const commit = (dir: string, message: string) => {
  git(['add', '-A'], dir);
  expect(git(['-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-qm', message], dir).status).toBe(0);
};

function repo(files: Record<string, string>): string {
  const dir = makeTree(files);
  expect(git(['init', '-q'], dir).status).toBe(0);
  commit(dir, 'legacy');
  return dir;
}

describe('--patch-dir', () => {
  it('writes one patch per rule that applies in order with git apply and equals the in-place run', () => {
    const files = { 'app/a.py': LEGACY, 'b.py': LEGACY.replaceAll('fetch', 'load') };
    const dir = makeTree(files);
    writeFileSync(path.join(dir, 'stale.txt'), 'keep me');
    const before = snapshotTree(dir);
    const out = path.join(dir, 'patches');
    const r = runCli(['--patch-dir', out, 'app', 'b.py'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(snapshotTree(dir).size).toBe(before.size + 2);
    for (const [rel, hash] of before) expect(snapshotTree(dir).get(rel), rel).toBe(hash);
    const names = readdirSync(out).sort();
    expect(names).toEqual(['0001-LM101-get-event-loop-in-coroutine.patch', '0002-LM102-run-until-complete-to-run.patch']);
    expect(readFileSync(path.join(out, names[0] ?? ''), 'utf8')).not.toContain('asyncio.run(');
    expect(r.stderr).toContain('wrote 2 patches');

    const applied = repo(files);
    for (const name of names) {
      const a = git(['apply', path.join(out, name)], applied);
      expect(a.stderr, name).toBe('');
      expect(a.status, name).toBe(0);
    }
    const fixed = makeTree(files);
    expect(runCli(['app', 'b.py'], { cwd: fixed }).status).toBe(0);
    for (const rel of Object.keys(files)) {
      expect(readFileSync(path.join(applied, rel), 'utf8'), rel).toBe(readFileSync(path.join(fixed, rel), 'utf8'));
    }
  });

  it('replaces an earlier series and leaves other files in the directory alone', () => {
    const dir = makeTree({ 'a.py': LEGACY });
    const out = path.join(dir, 'patches');
    runCli(['--patch-dir', out, 'a.py'], { cwd: dir });
    writeFileSync(path.join(out, 'notes.md'), 'mine');
    expect(runCli(['a.py', '--patch-dir', out, '--select=LM102'], { cwd: dir }).status).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['0001-LM102-run-until-complete-to-run.patch', 'notes.md']);
  });

  it('leaves out what per-file-ignores disable, so the series still adds up to the in-place run', () => {
    const files = { 'pyproject.toml': '[tool.loopmigrate]\nper-file-ignores = { "tests/*" = ["LM101"] }\n', 'tests/test_a.py': LEGACY, 'app.py': LEGACY };
    const dir = makeTree(files);
    expect(runCli(['--patch-dir', 'patches', '--unsafe-fixes', '.'], { cwd: dir }).status).toBe(1);
    const patches = path.join(dir, 'patches');
    const names = readdirSync(patches).sort();
    expect(names).toEqual(['0001-LM101-get-event-loop-in-coroutine.patch', '0002-LM102-run-until-complete-to-run.patch']);
    expect(readFileSync(path.join(patches, names[0] ?? ''), 'utf8')).not.toContain('tests/test_a.py');
    const applied = repo(files);
    for (const name of names) expect(git(['apply', path.join(patches, name)], applied).status, name).toBe(0);
    const fixed = makeTree(files);
    runCli(['--unsafe-fixes', '.'], { cwd: fixed });
    for (const rel of ['tests/test_a.py', 'app.py']) expect(readFileSync(path.join(applied, rel), 'utf8'), rel).toBe(readFileSync(path.join(fixed, rel), 'utf8'));
    expect(readFileSync(path.join(fixed, 'tests/test_a.py'), 'utf8')).toContain('get_event_loop');
  });
});

/** A notebook whose two code cells each hold a coroutine calling get_event_loop(). */
function notebook(): string {
  const cells = ['import asyncio\n\nasync def fetch():\n    loop = asyncio.get_event_loop()\n    return loop', 'async def other():\n    return asyncio.get_event_loop()'];
  return (
    JSON.stringify(
      {
        cells: cells.map((source) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: source.split(/(?<=\n)/) })),
        metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    ) + '\n'
  );
}

describe('notebooks in the review modes', () => {
  it("--patch-dir writes a notebook's changes, and applying the series gives the in-place run", () => {
    const files = { 'analysis.ipynb': notebook() };
    const dir = makeTree(files);
    const r = runCli(['--patch-dir', 'patches', 'analysis.ipynb'], { cwd: dir });
    expect(r.status).toBe(1);
    const names = readdirSync(path.join(dir, 'patches')).sort();
    expect(names.length).toBeGreaterThan(0);
    const applied = repo(files);
    for (const name of names) expect(git(['apply', path.join(dir, 'patches', name)], applied).status, name).toBe(0);
    const fixed = makeTree(files);
    runCli(['analysis.ipynb'], { cwd: fixed });
    expect(readFileSync(path.join(applied, 'analysis.ipynb'), 'utf8')).toBe(readFileSync(path.join(fixed, 'analysis.ipynb'), 'utf8'));
    expect(readFileSync(path.join(fixed, 'analysis.ipynb'), 'utf8')).not.toBe(files['analysis.ipynb']);
  });
});

describe('notebooks on the --report page', () => {
  it("shows a notebook's change with the others", () => {
    const dir = makeTree({ 'analysis.ipynb': notebook(), 'a.py': LEGACY });
    runCli(['--dry-run', '--report', 'review.html', 'analysis.ipynb', 'a.py'], { cwd: dir });
    const page = readFileSync(path.join(dir, 'review.html'), 'utf8');
    expect(page).toContain('analysis.ipynb');
    expect(page).toMatch(/2 files would change/);
  });

  it('in fix mode with --interactive, shows what was written into the notebook: the accepted fix only', () => {
    const dir = makeTree({ 'analysis.ipynb': notebook() });
    inTerminal(['--interactive', '--report', 'review.html', 'analysis.ipynb'], ['y', 'n'], dir);
    const page = readFileSync(path.join(dir, 'review.html'), 'utf8');
    expect(page).toContain('2 findings in 1 file scanned; 1 file changed');
    const hunks = (page.match(/<table class="hunk".*?<\/table>/gs) ?? []).join('');
    expect(hunks.match(/get_running_loop/g)).toHaveLength(1);
    expect(page).toMatch(/LM101<\/span> [^<]*<span class="state">fixed<\/span>/);
    expect(page).toMatch(/LM101<\/span> [^<]*<span class="state">fix not applied<\/span>/);
  });
});

describe('with worker threads', () => {
  it('--patch-dir and --report work when files are processed in the pool', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 80; i++) files[`pkg/m${i}.py`] = LEGACY;
    const dir = makeTree(files);
    const r = runCli(['--jobs', '2', '--patch-dir', 'patches', '--report', 'review.html', 'pkg'], { cwd: dir });
    expect(r.stderr).toContain('wrote 2 patches');
    expect(r.status).toBe(1);
    expect(readFileSync(path.join(dir, 'review.html'), 'utf8')).toContain('240 findings in 80 files scanned; 80 files would change');
    expect(readFileSync(path.join(dir, 'patches', '0002-LM102-run-until-complete-to-run.patch'), 'utf8').match(/^diff --git/gm)).toHaveLength(80);
  });
});

describe('uncommitted changes', () => {
  it('refuses files with uncommitted changes (modified, staged, untracked, ignored) and fixes the clean ones', () => {
    const dir = repo({ 'clean.py': LEGACY, 'modified.py': LEGACY, 'staged.py': LEGACY });
    writeFileSync(path.join(dir, 'modified.py'), LEGACY + '# local edit\n');
    writeFileSync(path.join(dir, 'staged.py'), LEGACY + '# staged edit\n');
    git(['add', 'staged.py'], dir);
    writeFileSync(path.join(dir, 'untracked.py'), LEGACY);
    const ignored = repo({ '.gitignore': 'gen/\n', 'gen/ignored.py': LEGACY });
    const explicit = runCli(['gen/ignored.py'], { cwd: ignored });
    expect(explicit.status).toBe(2);
    expect(explicit.stderr).toContain('gen/ignored.py: has uncommitted changes or is not tracked');
    const r = runCli([], { cwd: dir });
    expect(r.status).toBe(2);
    expect(readFileSync(path.join(dir, 'clean.py'), 'utf8')).toContain('asyncio.run(fetch())');
    for (const f of ['modified.py', 'staged.py', 'untracked.py']) {
      expect(readFileSync(path.join(dir, f), 'utf8'), f).toContain('run_until_complete');
      expect(r.stderr).toContain(`${f}: has uncommitted changes`);
    }
    expect(r.stderr).toMatch(/3 files have uncommitted changes and were left alone: modified\.py, staged\.py, untracked\.py/);
    expect(r.stderr).toContain('commit or stash them first');
    expect(r.stderr).toContain('--allow-dirty');
    expect(r.stderr).toContain('3 skipped (3 uncommitted changes)');
  });

  it('fixes them with --allow-dirty, and never refuses in the modes that write no source', () => {
    const dir = repo({ 'a.py': LEGACY });
    writeFileSync(path.join(dir, 'a.py'), LEGACY + '# local edit\n');
    expect(runCli(['--dry-run'], { cwd: dir }).status).toBe(1);
    expect(runCli(['--check'], { cwd: dir }).status).toBe(1);
    const r = runCli(['--allow-dirty'], { cwd: dir });
    expect(r.stderr).not.toContain('uncommitted');
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, 'a.py'), 'utf8')).toContain('asyncio.run(fetch())');
  });

  it('allows files outside any git work tree and checks each repository on its own', () => {
    const outside = makeTree({ 'a.py': LEGACY });
    expect(runCli([], { cwd: outside }).status).toBe(0);
    const top = makeTree({});
    const one = repo({ 'a.py': LEGACY });
    const two = repo({ 'a.py': LEGACY });
    writeFileSync(path.join(two, 'a.py'), LEGACY + '# local edit\n');
    cpSync(one, path.join(top, 'one'), { recursive: true });
    cpSync(two, path.join(top, 'two'), { recursive: true });
    const r = runCli(['one', 'two'], { cwd: top });
    expect(r.status).toBe(2);
    expect(readFileSync(path.join(top, 'one', 'a.py'), 'utf8')).toContain('asyncio.run(');
    expect(readFileSync(path.join(top, 'two', 'a.py'), 'utf8')).not.toContain('asyncio.run(');
    expect(r.stderr).toContain('two/a.py: has uncommitted changes');
  });
});

/** Runs the CLI on a pseudo-terminal with `answers` typed in (one per line). */
function inTerminal(args: string[], answers: string[], cwd: string, env: Record<string, string> = {}) {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, binPath, ...args].map(quote).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd,
    input: answers.map((a) => `${a}\n`).join(''),
    encoding: 'utf8',
    env: { ...process.env, SHELL: '/bin/sh', NO_COLOR: '1', ...env },
    timeout: 60_000,
  });
  expect(r.error, 'util-linux `script` runs the CLI on a pseudo-terminal').toBeUndefined();
  return { status: r.status ?? -1, output: r.stdout.replace(/\r\n/g, '\n') };
}

describe('--interactive', () => {
  it('needs a terminal on stdin', () => {
    const dir = makeTree({ 'a.py': LEGACY });
    const r = runCli(['--interactive', 'a.py'], { cwd: dir, input: 'y\n' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--interactive needs a terminal on standard input');
    expect(readFileSync(path.join(dir, 'a.py'), 'utf8')).toBe(LEGACY);
    expect(runCli(['--interactive', '--dry-run'], { cwd: dir }).status).toBe(2);
  });

  it('writes only the accepted fixes: y, n, then q', () => {
    const dir = makeTree({ 'a.py': LEGACY, 'b.py': LEGACY });
    const r = inTerminal(['--interactive', 'a.py', 'b.py'], ['y', 'n', 'q'], dir);
    expect(r.output).toContain('a.py:5:12: LM101 get-event-loop-in-coroutine');
    expect(r.output).toContain('-    loop = asyncio.get_event_loop()\n+    loop = asyncio.get_running_loop()');
    expect(r.output.match(/Apply this fix/g)).toHaveLength(3);
    expect(readFileSync(path.join(dir, 'a.py'), 'utf8')).toBe(LEGACY.replace('loop = asyncio.get_event_loop()\n    return loop', 'loop = asyncio.get_running_loop()\n    return loop'));
    // q stops the review: the next file is left as it is.
    expect(readFileSync(path.join(dir, 'b.py'), 'utf8')).toBe(LEGACY);
    expect(r.output).toContain('1 fixed, 5 remaining');
    expect(r.status).toBe(1);
  });

  it("reviews a notebook's fixes: y writes the accepted one into its cell, n leaves the other", () => {
    const text = notebook();
    const dir = makeTree({ 'analysis.ipynb': text });
    const r = inTerminal(['--interactive', 'analysis.ipynb'], ['y', 'n'], dir);
    expect(r.output).toContain('+    "    loop = asyncio.get_running_loop()\\n",');
    expect(r.output.match(/Apply this fix/g)).toHaveLength(2);
    const after = JSON.parse(readFileSync(path.join(dir, 'analysis.ipynb'), 'utf8')) as { cells: Array<{ source: string[] }> };
    expect(after.cells[0]?.source.join('')).toContain('loop = asyncio.get_running_loop()');
    expect(after.cells[1]?.source.join('')).toContain('return asyncio.get_event_loop()');
  });

  it('a accepts the rest of the rule without asking; ? prints the help; colours the hunk', () => {
    const dir = makeTree({ 'a.py': LEGACY, 'b.py': LEGACY });
    const r = inTerminal(['--interactive', 'a.py', 'b.py'], ['?', 'a', 'n', 'y'], dir, { NO_COLOR: '' });
    expect(r.output).toContain('a - apply this fix and every remaining fix of the same rule');
    expect(r.output.match(/Apply this fix/g)).toHaveLength(4);
    expect(r.output).toContain('\u001b[31m-    loop = asyncio.get_event_loop()');
    expect(r.output).toContain('\u001b[32m+    loop = asyncio.get_running_loop()');
    const a = readFileSync(path.join(dir, 'a.py'), 'utf8');
    expect(a).not.toContain('get_event_loop()\n    return');
    expect(a).toContain('run_until_complete');
    const b = readFileSync(path.join(dir, 'b.py'), 'utf8');
    expect(b).toContain('asyncio.run(fetch())');
    expect(b).not.toContain('get_event_loop');
    expect(r.status).toBe(1);
  });

  it('shows no progress bar over the questions, even in a run long enough for one', () => {
    const files: Record<string, string> = { 'a.py': LEGACY };
    for (let i = 0; i < 600; i++) files[`pkg/m${String(i).padStart(3, '0')}.py`] = `x = ${i}\n`;
    const dir = makeTree(files);
    // A terminal outside CI (CI=false overrides any CI variable), where a bar would show at once for 601 files.
    const r = inTerminal(['--interactive', '.'], ['y', 'n', 'n'], dir, { CI: 'false', TERM: 'xterm' });
    expect(r.output).not.toContain('files/s');
    expect(r.output.match(/^Apply this fix \(LM10\d\) \[y,n,a,q,\?\]\? /gm)).toHaveLength(3);
    expect(r.output).toContain('601 files scanned');
  });

  it('q at the first question writes nothing', () => {
    const dir = makeTree({ 'a.py': LEGACY });
    const before = snapshotTree(dir);
    const r = inTerminal(['--interactive', 'a.py'], ['q'], dir);
    expect(snapshotTree(dir)).toEqual(before);
    expect(r.output).toContain('0 fixed, 3 remaining');
  });
});

describe('--report', () => {
  it('writes one self-contained page with every change and the per-rule counts', () => {
    const dir = makeTree({ 'app/a.py': LEGACY, 'b.py': LEGACY, 'modern.py': 'import asyncio\n' });
    const r = runCli(['--dry-run', '--report', 'review.html'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('wrote the review page');
    const html = readFileSync(path.join(dir, 'review.html'), 'utf8');
    expect(html).toContain('Content-Security-Policy" content="default-src \'none\'');
    expect(html).not.toMatch(/\s(src|href)=["']?(https?:)?\/\//);
    expect(html).not.toMatch(/<link|@import|url\(/);
    expect(html).toContain('6 findings in 3 files scanned; 2 files would change');
    expect(html).toContain('<option value="LM101">LM101 get-event-loop-in-coroutine (4)</option>');
    expect(html).toContain('<span class="label">app</span>');
    expect(html.match(/<table class="hunk"/g)?.length).toBeGreaterThanOrEqual(2);
    expect(html).toContain('<span class="k">async</span>');
    expect(existsSync(path.join(dir, 'app', 'a.py'))).toBe(true);
    expect(readFileSync(path.join(dir, 'b.py'), 'utf8')).toBe(LEGACY);
  });

  it('counts as the summary line does (a suppressed finding is not one), and says "would be fixed" without writing', () => {
    const dir = makeTree({ 'a.py': LEGACY, 'b.py': LEGACY.replace('return asyncio.get_event_loop()', 'return asyncio.get_event_loop()  # noqa: LM101') });
    const r = runCli(['--dry-run', '--report', 'review.html'], { cwd: dir });
    const summary = /(\d+) findings: .*; (\d+) files scanned, (\d+) would change; (\d+) suppressed/.exec(r.stderr);
    expect(summary, r.stderr).not.toBeNull();
    const [, findings, scanned, changed, suppressed] = summary ?? [];
    expect(suppressed).toBe('1');
    const html = readFileSync(path.join(dir, 'review.html'), 'utf8');
    expect(html).toMatch(new RegExp(`>${findings} findings in ${scanned} files scanned; ${changed} files would change, \\d+ changes; ${suppressed} suppressed\\.<`));
    expect(html).toContain('<option value="LM101">LM101 get-event-loop-in-coroutine (3)</option>');
    expect(html).toContain('<span class="state">would be fixed</span>');
    expect(html).not.toContain('<span class="state">fixed</span>');
  });

  it('labels each change with the rules of the findings it holds, hunk by hunk', () => {
    const filler = Array.from({ length: 12 }, (_, i) => `x${i} = ${i}\n`).join('');
    const coroutine = 'async def NAME():\n    return asyncio.get_event_loop()\n';
    const source = `import asyncio\n\n\n@asyncio.coroutine\ndef old():\n    yield from asyncio.sleep(1)\n\n\n${filler}\n\n${coroutine.replace('NAME', 'a')}\n\n${filler}\n\n${coroutine.replace('NAME', 'b')}`;
    const dir = makeTree({ 'm.py': source });
    runCli(['--dry-run', '--unsafe-fixes', '--report', 'review.html', 'm.py'], { cwd: dir });
    const html = readFileSync(path.join(dir, 'review.html'), 'utf8');
    const captions = [...html.matchAll(/<table class="hunk" data-rules="([^"]*)"><caption>@@ -(\d+),/g)].map((m) => `${m[2]}:${m[1]}`);
    expect(captions).toEqual(['1:LM107', '21:LM101', '39:LM101']);
  });

  it('shows what was written in fix mode: nothing for a refused file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-report-'));
    cpSync(repo({ 'a.py': LEGACY, 'b.py': LEGACY }), dir, { recursive: true });
    writeFileSync(path.join(dir, 'b.py'), LEGACY + '# local edit\n');
    runCli(['--report', 'review.html', 'a.py', 'b.py'], { cwd: dir });
    const html = readFileSync(path.join(dir, 'review.html'), 'utf8');
    expect(html).toContain('1 file changed');
    expect(html).toMatch(/<h3>b\.py<\/h3><ul class="findings">(?:(?!<table).)*<\/ul><\/section>/);
  });
});
