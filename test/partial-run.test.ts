// A run on some paths of a project (one file, the files pre-commit passes) decides the project-level
// changes from the whole project, as a full run does, and edits a pytest config outside its paths only
// with --edit-config.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, makeTree, runCli } from './helpers/cli.js';

const PYPROJECT = '[project]\nname = "shop"\ndependencies = ["pytest-asyncio"]\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n';

// A session-scoped event_loop override at the top of the tests: a full run carries "session" into the
// config (LM201); a run that saw test_a.py alone used to set "function" (LM205).
const PROJECT = {
  'pyproject.toml': PYPROJECT,
  'tests/conftest.py': 'import asyncio\n\nimport pytest\n\n\n@pytest.fixture(scope="session")\ndef event_loop():\n    loop = asyncio.new_event_loop()\n    yield loop\n    loop.close()\n',
  'tests/test_a.py': 'import pytest\n\n\n@pytest.mark.asyncio\nasync def test_a():\n    assert True\n',
};

function project(files: Record<string, string> = PROJECT): string {
  const dir = makeTree(files);
  git(['init', '-q'], dir);
  git(['add', '.'], dir);
  expect(git(['-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-qm', 'project'], dir).status).toBe(0);
  return dir;
}

const read = (dir: string, rel: string) => readFileSync(path.join(dir, rel), 'utf8');

describe('a run on some paths of the project', () => {
  it('gives the config the advice of a full run, and edits it only with --edit-config', () => {
    const full = project();
    expect(runCli(['--unsafe-fixes', '.'], { cwd: full }).status).toBe(0);
    expect(read(full, 'pyproject.toml')).toContain('asyncio_default_fixture_loop_scope = "session"');

    const partial = project();
    const held = runCli(['--unsafe-fixes', 'tests/test_a.py'], { cwd: partial });
    expect(held.status, held.stderr).toBe(1);
    expect(read(partial, 'pyproject.toml')).toBe(PYPROJECT);
    expect(held.stderr).toMatch(/pyproject\.toml:\d+:\d+: LM201 .*"session" \(not fixed: pyproject\.toml is outside the paths given; run loopmigrate with --edit-config/);
    expect(held.stderr).not.toContain('"function"');

    const edited = runCli(['--unsafe-fixes', '--edit-config', 'tests/test_a.py'], { cwd: partial });
    expect(edited.status, edited.stderr).toBe(0);
    expect(read(partial, 'pyproject.toml')).toBe(read(full, 'pyproject.toml'));
  });

  it('leaves an override whose scope it cannot carry (its conftest named alone, the config outside)', () => {
    const dir = project();
    const r = runCli(['--unsafe-fixes', 'tests/conftest.py'], { cwd: dir });
    expect(r.status, r.stderr).toBe(1);
    expect(read(dir, 'tests/conftest.py')).toBe(PROJECT['tests/conftest.py']);
    expect(read(dir, 'pyproject.toml')).toBe(PYPROJECT);
    expect(r.stderr).toMatch(/tests\/conftest\.py:7:5: LM201 .*not removed in this run: its scope belongs in pyproject\.toml, which is outside the paths given/);
    // With the flag the two halves go together, as in a full run.
    const both = runCli(['--unsafe-fixes', '--edit-config', 'tests/conftest.py'], { cwd: dir });
    expect(both.status, both.stderr).toBe(0);
    expect(read(dir, 'tests/conftest.py')).toBe('');
    expect(read(dir, 'pyproject.toml')).toContain('asyncio_default_test_loop_scope = "session"');
  });

  it('edits a config inside the paths given without the flag, as before', () => {
    const dir = project();
    const r = runCli(['--unsafe-fixes', path.join(dir)], { cwd: path.join(dir, 'tests') });
    expect(r.status, r.stderr).toBe(0);
    expect(read(dir, 'pyproject.toml')).toContain('asyncio_default_fixture_loop_scope = "session"');
  });

  it('does not narrow the loop of an async fixture in a file the run leaves, even with --edit-config', () => {
    const files = {
      'pyproject.toml': PYPROJECT,
      'tests/test_a.py': PROJECT['tests/test_a.py'],
      'tests/test_db.py': 'import pytest_asyncio\n\n\n@pytest_asyncio.fixture(scope="session")\nasync def db():\n    yield 1\n',
    };
    const dir = project(files);
    const r = runCli(['--edit-config', 'tests/test_a.py'], { cwd: dir });
    expect(r.status, r.stderr).toBe(1);
    expect(read(dir, 'pyproject.toml')).toBe(PYPROJECT);
    expect(r.stderr).toMatch(/LM205 .*not fixed: the session-scoped async fixture at tests\/test_db\.py:5 needs `loop_scope` \(LM204\) in the same run/);
    // Named together, the fixture gets its loop_scope and the config its default.
    const both = runCli(['--edit-config', 'tests/test_a.py', 'tests/test_db.py'], { cwd: dir });
    expect(both.status, both.stderr).toBe(0);
    expect(read(dir, 'tests/test_db.py')).toContain('loop_scope="session"');
    expect(read(dir, 'pyproject.toml')).toContain('asyncio_default_fixture_loop_scope = "function"');
  });

  it('reads the project from its root but not what the config excludes', () => {
    const files = {
      ...PROJECT,
      'pyproject.toml': `${PYPROJECT}\n[tool.loopmigrate]\nextend-exclude = ["tests/conftest.py"]\n`,
    };
    const dir = project(files);
    // The excluded conftest is no part of the project: the advice is LM205's, as in a full run.
    const r = runCli(['--edit-config', 'tests/test_a.py'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(read(dir, 'pyproject.toml')).toContain('asyncio_default_fixture_loop_scope = "function"');
  });
});

describe('the rest of the project is read within the run limits', () => {
  // The conftest holds the override the config edit is decided from; the run names test_a.py only.
  const padded = (extra: string) => ({ ...PROJECT, 'tests/conftest.py': `${PROJECT['tests/conftest.py']}\n\n${extra}` });
  const withheld = /pyproject\.toml:\d+:\d+: LM20[15] .*not fixed: tests\/conftest\.py could not be read for the facts this edit is decided from \((.*?)\); exclude that file or raise the limit/;

  it('does not read a test module over --max-file-size, and makes no edit its facts decide', () => {
    const dir = project(padded(`DATA = [${'1, '.repeat(1000)}]\n`));
    const r = runCli(['--unsafe-fixes', '--edit-config', '--max-file-size', '2K', 'tests/test_a.py'], { cwd: dir });
    expect(r.status, r.stderr).toBe(1);
    expect(read(dir, 'pyproject.toml')).toBe(PYPROJECT);
    expect(r.stderr.match(withheld)?.[1]).toBe('over the 2 KiB limit of --max-file-size');
    // A run on the whole project reports the file as it always did, and makes no edit either.
    const whole = runCli(['--unsafe-fixes', '--max-file-size', '2K', '.'], { cwd: dir });
    expect(whole.status, whole.stderr).toBe(2);
    expect(whole.stderr).toMatch(/tests\/conftest\.py: .*2 KiB/);
    expect(read(dir, 'pyproject.toml')).toBe(PYPROJECT);
  });

  it("parses a test module within the parser's memory limit", () => {
    // A long tuple takes a few hundred bytes of parser memory per byte: far over 64 MiB.
    const dir = project(padded(`DATA = (${'1, '.repeat(200_000)})\n`));
    const r = runCli(['--unsafe-fixes', '--edit-config', 'tests/test_a.py'], { cwd: dir, env: { LOOPMIGRATE_PARSER_MEMORY: '64M' } });
    expect(r.status, r.stderr).toBe(1);
    expect(read(dir, 'pyproject.toml')).toBe(PYPROJECT);
    expect(r.stderr.match(withheld)?.[1]).toBe("needs more than 64 MiB of memory to parse (the parser's limit)");
    // Within the default limit it is read, and the edit is made.
    const fine = runCli(['--unsafe-fixes', '--edit-config', 'tests/test_a.py'], { cwd: dir });
    expect(fine.status, fine.stderr).toBe(0);
    expect(read(dir, 'pyproject.toml')).toContain('asyncio_default_fixture_loop_scope = "session"');
  });
});
