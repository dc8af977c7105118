// The CLI contract, exercised through the built binary on temp directories.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, makeTree, runCli, snapshotTree } from './helpers/cli.js';

const LEGACY = `import asyncio


async def main():
    loop = asyncio.get_event_loop()
    await asyncio.sleep(0)
    return loop


if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    try:
        loop.run_until_complete(main())
    finally:
        loop.close()
`;

const MODERN = `import asyncio


async def main():
    loop = asyncio.get_running_loop()
    return loop


class Pool:
    def get_event_loop(self):
        return None


if __name__ == "__main__":
    asyncio.run(main())
    loop = asyncio.new_event_loop()
    loop.run_until_complete(main())
    loop.run_until_complete(main())
    loop.close()
`;

const UNSAFE_ONLY = `import asyncio
from tasks import job

asyncio.get_event_loop().run_until_complete(job())
`;

describe('modes', () => {
  it('--dry-run prints a diff, writes nothing and exits 1', () => {
    const dir = makeTree({ 'app.py': LEGACY });
    const before = snapshotTree(dir);
    const r = runCli(['--dry-run', '.'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('--- a/app.py');
    expect(r.stdout).toContain('+    asyncio.run(main())');
    expect(r.stdout).toContain('+    loop = asyncio.get_running_loop()');
    expect(snapshotTree(dir)).toEqual(before);
    expect(r.stderr).toMatch(/2 findings: 2 fixable, 0 remaining; 1 file scanned, 1 would change/);
  });

  it('--check reports every finding, writes nothing and exits 1', () => {
    const dir = makeTree({ 'app.py': LEGACY });
    const before = snapshotTree(dir);
    const r = runCli(['--check'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('app.py:5:12: LM101 [*]');
    expect(r.stderr).toContain('app.py:13:9: LM102 [*]');
    expect(r.stdout).toBe('');
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('fixes in place, exits 0, and a second run changes nothing', () => {
    const dir = makeTree({ 'app.py': LEGACY });
    const r = runCli([], { cwd: dir });
    expect(r.status).toBe(0);
    const fixed = readFileSync(path.join(dir, 'app.py'), 'utf8');
    expect(fixed).toContain('    asyncio.run(main())\n');
    expect(fixed).not.toContain('get_event_loop');
    const again = runCli([], { cwd: dir });
    expect(again.status).toBe(0);
    expect(readFileSync(path.join(dir, 'app.py'), 'utf8')).toBe(fixed);
  });

  it('exits 1 in fix mode when only unsafe fixes remain, and applies them with --unsafe-fixes', () => {
    const dir = makeTree({ 'script.py': UNSAFE_ONLY });
    const r = runCli(['script.py'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('1 fixable with --unsafe-fixes');
    expect(readFileSync(path.join(dir, 'script.py'), 'utf8')).toBe(UNSAFE_ONLY);
    const u = runCli(['--unsafe-fixes', 'script.py'], { cwd: dir });
    expect(u.status).toBe(0);
    expect(readFileSync(path.join(dir, 'script.py'), 'utf8')).toContain('asyncio.run(job())');
  });

  it('counts as remaining what a second --check finds, over the examples', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-accounting-'));
    cpSync(path.join(import.meta.dirname, '..', 'examples'), dir, { recursive: true });
    const fix = runCli(['--unsafe-fixes', '--format', 'json', '.'], { cwd: dir });
    const summary = (JSON.parse(fix.stdout) as { summary: { remaining: number; fixed: number } }).summary;
    const again = runCli(['--unsafe-fixes', '--check', '--format', 'json', '.'], { cwd: dir });
    const left = (JSON.parse(again.stdout) as { findings: Array<{ suppressed?: boolean }> }).findings.filter((f) => !f.suppressed);
    expect(summary.fixed).toBeGreaterThan(10);
    expect(summary.remaining, `${fix.stderr}\n--- second run ---\n${again.stderr}`).toBe(left.length);
  });

  it('leaves already-modern code alone: no finding, no edit, exit 0', () => {
    const dir = makeTree({ 'modern.py': MODERN });
    const before = snapshotTree(dir);
    const r = runCli(['--unsafe-fixes', '--check'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('0 findings');
    runCli(['--unsafe-fixes'], { cwd: dir });
    expect(snapshotTree(dir)).toEqual(before);
  });
});

describe('--patch', () => {
  const files = {
    'pkg/app.py': LEGACY,
    'pkg/crlf.py': LEGACY.replace(/\n/g, '\r\n'),
    'pkg/bom.py': '\ufeff' + LEGACY,
    'pkg/no_newline.py': LEGACY.trimEnd(),
    'pkg/mixed.py': LEGACY.replace('import asyncio\n', 'import asyncio\r\n'),
    'my dir/spaced name.py': LEGACY,
    // The fix edits the first lines: the BOM must be in the patch's context.
    'pkg/bom_top.py': '\ufeffimport asyncio\n\n\nasync def f():\n    return asyncio.get_event_loop()\n',
    // Context lines with a latin-1 byte must stay latin-1 in the patch.
    'pkg/latin.py': Buffer.concat([
      Buffer.from('# -*- coding: latin-1 -*-\nimport asyncio\n\n\nasync def f():\n    print("caf'),
      Buffer.from([0xe9]),
      Buffer.from('")\n    return asyncio.get_event_loop()\n'),
    ]),
  };

  it('writes a patch that git apply accepts and that equals the in-place run, touching no source', () => {
    const dir = makeTree(files);
    const pristine = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-pristine-'));
    cpSync(dir, pristine, { recursive: true });
    const before = snapshotTree(dir);
    const patchFile = path.join(os.tmpdir(), `loopmigrate-${process.pid}-${Date.now()}.patch`);
    const r = runCli(['--patch', patchFile, '.'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(snapshotTree(dir)).toEqual(before);
    expect(git(['apply', '--check', patchFile], pristine).stderr).toBe('');
    expect(git(['apply', patchFile], pristine).status).toBe(0);
    const inPlace = runCli(['.'], { cwd: dir });
    expect(inPlace.status).toBe(0);
    expect(snapshotTree(pristine)).toEqual(snapshotTree(dir));
    expect(snapshotTree(dir)).not.toEqual(before);
  });

  it('writes the patch to stdout with "-"', () => {
    const dir = makeTree({ 'app.py': LEGACY });
    const r = runCli(['--patch', '-'], { cwd: dir });
    expect(r.stdout.startsWith('diff --git a/app.py b/app.py\n')).toBe(true);
  });
});

describe('text fidelity', () => {
  it('keeps CRLF, BOM and the missing final newline byte for byte outside the edits', () => {
    const crlf = LEGACY.replace(/\n/g, '\r\n');
    const dir = makeTree({ 'crlf.py': crlf, 'bom.py': '\ufeff' + LEGACY, 'nonl.py': LEGACY.trimEnd() });
    expect(runCli(['.'], { cwd: dir }).status).toBe(0);
    const c = readFileSync(path.join(dir, 'crlf.py'), 'utf8');
    expect(c.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(c).toContain('    asyncio.run(main())\r\n');
    const b = readFileSync(path.join(dir, 'bom.py'));
    expect([...b.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const n = readFileSync(path.join(dir, 'nonl.py'), 'utf8');
    expect(n.endsWith('asyncio.run(main())')).toBe(true);
  });

  it('skips binary and undecodable files with a message and exit 2, never rewriting them', () => {
    const latin = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n' + LEGACY)]);
    const dir = makeTree({ 'bin.py': Buffer.from([0x00, 0x01, 0x02, 0x67]), 'bad.py': latin, 'ok.py': LEGACY });
    const before = snapshotTree(dir);
    const r = runCli(['.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bin\.py: contains NUL bytes/);
    expect(r.stderr).toMatch(/bad\.py: is not valid UTF-8/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const after = snapshotTree(dir);
    expect(after.get('bin.py')).toBe(before.get('bin.py'));
    expect(after.get('bad.py')).toBe(before.get('bad.py'));
    expect(after.get('ok.py')).not.toBe(before.get('ok.py'));
  });

  it('honours a latin-1 coding cookie and writes latin-1 back', () => {
    const src = Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\n# caf'), Buffer.from([0xe9]), Buffer.from('\n' + LEGACY)]);
    const dir = makeTree({ 'l1.py': src });
    expect(runCli(['.'], { cwd: dir }).status).toBe(0);
    const out = readFileSync(path.join(dir, 'l1.py'));
    expect(out.includes(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBe(true);
    expect(out.toString('latin1')).toContain('asyncio.run(main())');
  });

  it('fixes a file with CR-only line endings and keeps them', () => {
    const dir = makeTree({ 'cr.py': LEGACY.replace(/\n/g, '\r') });
    expect(runCli(['.'], { cwd: dir }).status).toBe(0);
    const out = readFileSync(path.join(dir, 'cr.py'), 'utf8');
    expect(out).toContain('\r    asyncio.run(main())\r');
    expect(out).not.toContain('\n');
  });

  it('refuses Python 2 files instead of rewriting them', () => {
    const dir = makeTree({ 'py2.py': 'import asyncio\nprint "hello"\nasyncio.get_event_loop().run_until_complete(main())\n' });
    const before = snapshotTree(dir);
    const r = runCli(['--unsafe-fixes', '.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('py2.py: uses Python 2 syntax (line 2: a print statement)');
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('skips a file with a syntax error with exit 2 and leaves it as it was', () => {
    const dir = makeTree({ 'broken.py': LEGACY + '\ndef oops(:\n' });
    const before = snapshotTree(dir);
    const r = runCli(['.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/broken\.py: does not parse as Python \(line \d+\)/);
    expect(snapshotTree(dir)).toEqual(before);
  });
});

describe('discovery', () => {
  it('respects .gitignore (nested too) and default excludes; an explicit file is always processed', () => {
    const dir = makeTree({
      '.gitignore': 'generated/\n',
      'generated/a.py': LEGACY,
      'src/.gitignore': 'skip_me.py\n',
      'src/skip_me.py': LEGACY,
      'src/keep.py': LEGACY,
      '.venv/lib/x.py': LEGACY,
      'venv/y.py': LEGACY,
      'node_modules/z.py': LEGACY,
      'build/b.py': LEGACY,
      'notes.txt': LEGACY,
      'stub.pyi': LEGACY,
    });
    git(['init', '-q'], dir);
    const r = runCli(['--check', '--format', 'json'], { cwd: dir });
    const paths = new Set((JSON.parse(r.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path));
    expect([...paths]).toEqual(['src/keep.py']);
    const explicit = runCli(['--check', '--format', 'json', 'venv/y.py', 'generated/a.py'], { cwd: dir });
    const named = new Set((JSON.parse(explicit.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path));
    expect([...named].sort()).toEqual(['generated/a.py', 'venv/y.py']);
  });

  it('reports a missing path with exit 2', () => {
    const dir = makeTree({ 'a.py': 'x = 1\n' });
    const r = runCli(['nope.py'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nope.py: no such file or directory');
  });
});

describe('output and flags', () => {
  it('prints the JSON contract', () => {
    const dir = makeTree({ 'sub/app.py': LEGACY });
    const r = runCli(['--check', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as { version: number; findings: Record<string, unknown>[]; summary: Record<string, number> };
    expect(doc.version).toBe(1);
    expect(doc.findings).toHaveLength(2);
    expect(doc.findings[0]).toEqual({
      code: 'LM101',
      name: 'get-event-loop-in-coroutine',
      path: 'sub/app.py',
      line: 5,
      column: 12,
      endLine: 5,
      endColumn: 36,
      message: expect.stringContaining('get_running_loop') as unknown,
      fix: 'safe',
      applied: false,
    });
    expect(doc.findings[1]).toMatchObject({ code: 'LM102', line: 13, fix: 'safe' });
    expect(doc.summary).toMatchObject({ filesScanned: 1, findings: 2 });
  });

  it('--select and --ignore take codes, prefixes and names', () => {
    const dir = makeTree({ 'app.py': LEGACY });
    const codes = (args: string[]) => (JSON.parse(runCli(['--check', '--format', 'json', ...args], { cwd: dir }).stdout) as { findings: { code: string }[] }).findings.map((f) => f.code);
    expect(codes(['--select', 'LM101'])).toEqual(['LM101']);
    expect(codes(['--select', 'run-until-complete-to-run'])).toEqual(['LM102']);
    expect(codes(['--select', 'LM1', '--ignore', 'LM101'])).toEqual(['LM102']);
    expect(codes(['--ignore', 'LM101,LM102'])).toEqual([]);
    expect(codes(['--select', 'LM101', '--select', 'LM102'])).toEqual(['LM101', 'LM102']);
    // A path after --select is a path, not another selector.
    const r = runCli(['--check', '--format', 'json', '--select', 'LM102', 'app.py'], { cwd: dir });
    expect((JSON.parse(r.stdout) as { findings: { code: string }[] }).findings.map((f) => f.code)).toEqual(['LM102']);
  });

  it('reports instead of fixing when the target version is too old', () => {
    const dir = makeTree({ 'app.py': LEGACY, 'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.6"\n' });
    const r = runCli(['--check', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(r.stdout) as { findings: { fix: unknown; message: string }[] };
    expect(doc.findings.every((f) => f.fix === null)).toBe(true);
    expect(doc.findings[0]?.message).toContain('--target-version py37');
    const explicit = JSON.parse(runCli(['--check', '--format', 'json', '--target-version', 'py312'], { cwd: dir }).stdout) as { findings: { fix: unknown }[] };
    expect(explicit.findings.every((f) => f.fix === 'safe')).toBe(true);
  });

  it('refuses bad usage with exit 2', () => {
    const dir = makeTree({ 'a.py': 'x = 1\n' });
    expect(runCli(['--no-such-flag'], { cwd: dir }).status).toBe(2);
    expect(runCli(['--select', 'LM999'], { cwd: dir }).stderr).toContain("unknown rule selector 'LM999'");
    expect(runCli(['--target-version', 'py2'], { cwd: dir }).status).toBe(2);
    expect(runCli(['--dry-run', '--check'], { cwd: dir }).status).toBe(2);
    expect(runCli(['--explain', 'LM999'], { cwd: dir }).status).toBe(2);
  });

  it('lists rules, explains them and prints its version', () => {
    const dir = makeTree({});
    const list = runCli(['--list-rules'], { cwd: dir });
    expect(list.status).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(/^LM101\s+get-event-loop-in-coroutine/);
    const ex = runCli(['--explain', 'LM102'], { cwd: dir });
    expect(ex.status).toBe(0);
    expect(ex.stdout).toContain('## Fix safety');
    expect(runCli(['--explain', 'get-event-loop-in-coroutine'], { cwd: dir }).stdout).toContain('# LM101');
    expect(runCli(['--version'], { cwd: dir }).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(runCli(['--help'], { cwd: dir }).stdout).toContain('--unsafe-fixes');
  });
});
