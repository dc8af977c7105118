// [tool.loopmigrate] / loopmigrate.toml: discovery, precedence, keys, errors, excludes, per-file-ignores.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from './helpers/cli.js';

// LM101 on line 5, LM102 on lines 9-10.
const LEGACY = `import asyncio


async def main():
    loop = asyncio.get_event_loop()
    return loop


loop = asyncio.get_event_loop()
loop.run_until_complete(main())
`;

interface Doc {
  findings: { code: string; path: string; fix: string | null; applied: boolean }[];
}

function findings(dir: string, args: string[] = [], cwd = dir): string[] {
  const r = runCli(['--check', '--format', 'json', ...args], { cwd });
  expect(r.stderr).not.toContain('error');
  return (JSON.parse(r.stdout) as Doc).findings.map((f) => `${f.path}:${f.code}`);
}

describe('config files', () => {
  it('reads [tool.loopmigrate] from pyproject.toml', () => {
    const dir = makeTree({ 'app.py': LEGACY, 'pyproject.toml': '[tool.loopmigrate]\nselect = ["LM102"]\n' });
    expect(findings(dir)).toEqual(['app.py:LM102']);
  });

  it('prefers .loopmigrate.toml over loopmigrate.toml over pyproject.toml in one directory', () => {
    const dir = makeTree({
      'app.py': LEGACY,
      'pyproject.toml': '[tool.loopmigrate]\nselect = ["LM101"]\n',
      'loopmigrate.toml': 'select = ["LM102"]\n',
    });
    expect(findings(dir)).toEqual(['app.py:LM102']);
    const hidden = makeTree({ 'app.py': LEGACY, 'loopmigrate.toml': 'select = ["LM102"]\n', '.loopmigrate.toml': 'select = ["LM101"]\n' });
    expect(findings(hidden)).toEqual(['app.py:LM101']);
  });

  it('skips a pyproject.toml without [tool.loopmigrate] and uses the nearest config above the paths', () => {
    const dir = makeTree({
      'loopmigrate.toml': 'ignore = ["LM101"]\n',
      'pkg/pyproject.toml': '[project]\nname = "pkg"\n',
      'pkg/app.py': LEGACY,
      'other/loopmigrate.toml': 'ignore = ["LM102"]\n',
      'other/app.py': LEGACY,
    });
    expect(findings(dir, ['pkg'])).toEqual(['pkg/app.py:LM102']);
    expect(findings(dir, ['pkg/app.py'])).toEqual(['pkg/app.py:LM102']);
    // Several paths: the config nearest to their common ancestor applies to all.
    expect(findings(dir, ['pkg', 'other']).sort()).toEqual(['other/app.py:LM102', 'pkg/app.py:LM102']);
    expect(findings(dir, ['other'])).toEqual(['other/app.py:LM101']);
  });

  it('passes over a pyproject.toml that does not mention loopmigrate, even a broken one (reported where it is read for the target)', () => {
    const dir = makeTree({ 'pkg/pyproject.toml': '[tool.black\nline-length = 1\n', 'pkg/app.py': LEGACY, 'loopmigrate.toml': 'select = ["LM101"]\n' });
    const passed = runCli(['--check', '--format', 'json', 'pkg'], { cwd: dir });
    expect((JSON.parse(passed.stdout) as Doc).findings.map((f) => `${f.path}:${f.code}`)).toEqual(['pkg/app.py:LM101']);
    expect(passed.status).toBe(2);
    expect(passed.stderr).toMatch(/^loopmigrate: error: pkg\/pyproject\.toml:1:12: not valid TOML: .*Python 3\.7/m);
    const broken = makeTree({ 'pyproject.toml': '[tool.loopmigrate\nselect = 1\n', 'app.py': LEGACY });
    const r = runCli(['--check'], { cwd: broken });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^loopmigrate: error: pyproject\.toml:1:18: not valid TOML: /m);
  });

  it('uses --config FILE instead of searching', () => {
    const dir = makeTree({ 'app.py': LEGACY, 'loopmigrate.toml': 'select = ["LM101"]\n', 'ci/strict.toml': 'select = ["LM102"]\n' });
    expect(findings(dir, ['--config', 'ci/strict.toml'])).toEqual(['app.py:LM102']);
    const missing = runCli(['--check', '--config', 'nope.toml'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.toml');
  });

  it('lets flags override the file: --select replaces select, --ignore adds to ignore, --no-unsafe-fixes', () => {
    const dir = makeTree({ 'app.py': LEGACY, 'loopmigrate.toml': 'select = ["LM101"]\nunsafe-fixes = true\n' });
    expect(findings(dir, ['--select', 'LM102'])).toEqual(['app.py:LM102']);
    expect(findings(dir, ['--ignore', 'LM101'])).toEqual([]);
    const unsafe = makeTree({ 'app.py': 'import asyncio\nfrom jobs import job\n\nasyncio.get_event_loop().run_until_complete(job())\n', 'loopmigrate.toml': 'unsafe-fixes = true\n' });
    expect(runCli(['--dry-run'], { cwd: unsafe }).stdout).toContain('+asyncio.run(job())');
    expect(runCli(['--dry-run', '--no-unsafe-fixes'], { cwd: unsafe }).stdout).toBe('');
  });

  it('takes target-version from the config over requires-python', () => {
    const dir = makeTree({
      'app.py': LEGACY,
      'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.6"\n\n[tool.loopmigrate]\ntarget-version = "py312"\n',
    });
    const doc = JSON.parse(runCli(['--check', '--format', 'json'], { cwd: dir }).stdout) as Doc;
    expect(doc.findings.every((f) => f.fix !== null)).toBe(true);
    const inferred = makeTree({ 'app.py': LEGACY, 'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.6"\n' });
    const old = JSON.parse(runCli(['--check', '--format', 'json'], { cwd: inferred }).stdout) as Doc;
    expect(old.findings.map((f) => f.fix)).toEqual([null, null]);
  });

  it('refuses unknown keys and bad values with exit 2, naming the file, the key and what is accepted', () => {
    const cases: [string, string, string[]][] = [
      ['loopmigrate.toml', 'selct = ["LM1"]\n', ["unknown key 'selct'", 'accepted keys: select, ignore']],
      ['pyproject.toml', '[tool.loopmigrate]\nunsafe_fixes = true\n', ["unknown key 'unsafe_fixes'", '[tool.loopmigrate]']],
      ['loopmigrate.toml', 'target-version = "3.12"\n', ["'target-version'", '"py312"']],
      ['loopmigrate.toml', 'unsafe-fixes = "yes"\n', ["'unsafe-fixes'", 'true or false']],
      ['loopmigrate.toml', 'select = "LM1"\n', ["'select'", 'a list of rule codes']],
      ['loopmigrate.toml', 'ignore = ["LM999"]\n', ["'LM999'", "'ignore'"]],
      ['loopmigrate.toml', 'exclude = [1]\n', ["'exclude'", 'gitignore-style globs']],
      ['loopmigrate.toml', '[per-file-ignores]\n"tests/*" = ["LM9"]\n', ["'LM9'", 'per-file-ignores."tests/*"']],
      ['loopmigrate.toml', 'select = [\n', ['not valid TOML']],
    ];
    for (const [name, text, needles] of cases) {
      const dir = makeTree({ 'app.py': LEGACY, [name]: text });
      const r = runCli(['--check'], { cwd: dir });
      expect(r.status, text).toBe(2);
      expect(r.stderr).toContain(`error: ${name}:`);
      for (const n of needles) expect(r.stderr, text).toContain(n);
      expect(r.stdout).toBe('');
    }
  });

  it('exclude replaces the default excludes, extend-exclude adds to them (globs relative to the config)', () => {
    const files = { 'app.py': LEGACY, 'build/gen.py': LEGACY, 'generated/x_pb2.py': LEGACY, 'pkg/legacy/old.py': LEGACY, 'legacy/top.py': LEGACY };
    const paths = (config: string) => findings(makeTree({ ...files, 'loopmigrate.toml': `select = ["LM101"]\n${config}` }));
    expect(paths('')).toEqual(['app.py:LM101', 'generated/x_pb2.py:LM101', 'legacy/top.py:LM101', 'pkg/legacy/old.py:LM101']);
    expect(paths('extend-exclude = ["*_pb2.py", "/legacy/"]\n')).toEqual(['app.py:LM101', 'pkg/legacy/old.py:LM101']);
    expect(paths('exclude = ["generated/"]\n')).toEqual(['app.py:LM101', 'build/gen.py:LM101', 'legacy/top.py:LM101', 'pkg/legacy/old.py:LM101']);
  });

  it('--force-exclude applies the excludes to named paths too, as ruff does (pre-commit names every staged file)', () => {
    const files = {
      'app.py': LEGACY,
      'gen/b.py': LEGACY,
      'sub/gen/d.py': LEGACY,
      'x_pb2.py': LEGACY,
      'pkg/y_pb2.py': LEGACY,
      '.venv/lib/e.py': LEGACY,
      'ign/f.py': LEGACY,
      '.gitignore': 'ign/\n',
      'loopmigrate.toml': 'select = ["LM101"]\nextend-exclude = ["/gen/", "*_pb2.py"]\n',
    };
    const dir = makeTree(files);
    const named = ['gen/b.py', 'sub/gen/d.py', 'x_pb2.py', 'pkg/y_pb2.py', '.venv/lib/e.py', 'ign/f.py', 'app.py'];
    // Without it, a named file is always processed.
    expect(findings(dir, named)).toHaveLength(7);
    // With it: the config's globs (on the file or a directory above it) and the default excludes; not .gitignore (as ruff).
    expect(findings(dir, ['--force-exclude', ...named])).toEqual(['sub/gen/d.py:LM101', 'ign/f.py:LM101', 'app.py:LM101']);
    expect(findings(dir, ['--force-exclude', 'gen', 'sub', '.venv'])).toEqual(['sub/gen/d.py:LM101']);
    // The config key; --no-force-exclude wins over it.
    const keyed = makeTree({ ...files, 'loopmigrate.toml': `${files['loopmigrate.toml']}force-exclude = true\n` });
    expect(findings(keyed, ['gen/b.py', 'app.py'])).toEqual(['app.py:LM101']);
    expect(findings(keyed, ['--no-force-exclude', 'gen/b.py', 'app.py'])).toEqual(['gen/b.py:LM101', 'app.py:LM101']);
    // --stdin-filename: an excluded path gets its input back unchanged and no findings.
    const stdin = runCli(['--force-exclude', '--stdin-filename', 'gen/new.py'], { cwd: dir, input: LEGACY });
    expect(stdin.status).toBe(0);
    expect(stdin.stdout).toBe(LEGACY);
    expect(stdin.stderr).not.toContain('LM101');
    expect(runCli(['--stdin-filename', 'gen/new.py'], { cwd: dir, input: LEGACY }).stdout).toContain('get_running_loop');
    // Every named path excluded: nothing to do, said as for an empty directory.
    const none = runCli(['--check', '--force-exclude', 'gen/b.py'], { cwd: dir });
    expect(none.status).toBe(0);
    expect(none.stderr).toContain('loopmigrate: warning: no Python files found in gen/b.py');
  });

  it('checks force-exclude like the other keys', () => {
    const r = runCli(['--check'], { cwd: makeTree({ 'app.py': LEGACY, 'loopmigrate.toml': 'force-exclude = "yes"\n' }) });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("loopmigrate.toml: invalid value for 'force-exclude' (top level); expected true or false");
  });

  it('applies per-file-ignores by glob, relative to the config file, also when scanning a subdirectory', () => {
    const dir = makeTree({
      'pyproject.toml': '[tool.loopmigrate.per-file-ignores]\n"tests/**" = ["LM101"]\n"conftest.py" = ["run-until-complete-to-run"]\n',
      'app.py': LEGACY,
      'tests/test_app.py': LEGACY,
      'tests/conftest.py': LEGACY,
    });
    expect(findings(dir)).toEqual(['app.py:LM101', 'app.py:LM102', 'tests/test_app.py:LM102']);
    expect(findings(dir, ['.'], path.join(dir, 'tests'))).toEqual(['test_app.py:LM102']);
    // An in-place run leaves the ignored rule's code alone.
    runCli([], { cwd: dir });
    expect(readFileSync(path.join(dir, 'tests/test_app.py'), 'utf8')).toContain('asyncio.get_event_loop()\n    return loop');
  });

  it('per-file-ignores and suppressions hold in worker threads as on the main thread', () => {
    const files: Record<string, string> = { 'pyproject.toml': '[tool.loopmigrate.per-file-ignores]\n"tests/**" = ["LM101"]\n' };
    for (let i = 0; i < 80; i++) {
      files[`tests/test_${i}.py`] = LEGACY;
      files[`pkg/m${i}.py`] = LEGACY.replace('asyncio.get_event_loop()\n    return', 'asyncio.get_event_loop()  # noqa: LM101\n    return');
    }
    const dir = makeTree(files);
    const stats = (jobs: string) => runCli(['--check', '--statistics', '--jobs', jobs], { cwd: dir }).stderr;
    const pooled = stats('2');
    expect(pooled).toMatch(/LM102\s+run-until-complete-to-run\s+160\s/);
    expect(pooled).toMatch(/LM101\s+get-event-loop-in-coroutine\s+0\s+0\s+80/);
    expect(stats('1')).toBe(pooled);
  });
});
