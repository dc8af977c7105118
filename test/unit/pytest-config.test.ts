// The pytest config pytest would read, and minimal option edits in every flavour (LM201/LM205's
// project edits): comments, order and style stay; a section is added only when there is none.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initParser } from '../../src/python/parser.js';
import { DirectoryListing, discover } from '../../src/discover/discover.js';
import { CONFIG_NAMES, configProblem, isBroken, locateConfig, readConfig, setOptions } from '../../src/pytest/config.js';
import type { PytestConfig } from '../../src/common/facts.js';
import { fileFacts, gatherProjectFacts } from '../../src/pytest/facts.js';
import { planProjectEdits } from '../../src/pytest/project-edits.js';
import { transforms } from '../../transforms/index.js';
import { isFileRule } from '../../src/rule-api/transform.js';
import { runFiles } from '../../src/run/runner.js';
import { DEFAULT_LIMITS } from '../../src/common/limits.js';
import type { FileResult } from '../../src/common/types.js';

const SET: Array<[string, string]> = [['asyncio_default_fixture_loop_scope', 'session']];

function edit(name: string, text: string, entries = SET): string | null {
  const cfg = readConfig(`/p/${name}`, text);
  if (!cfg) throw new Error(`${name} holds no pytest config`);
  return setOptions(cfg, text, entries)?.text ?? null;
}

describe('pytest config flavours', () => {
  it('pyproject.toml [tool.pytest.ini_options]: appends after the last option, keeps what follows', () => {
    const text = '[project]\nname = "x"\n\n[tool.pytest.ini_options]\n# why\ntestpaths = ["tests"]\n\n[tool.ruff]\nline-length = 99\n';
    expect(edit('pyproject.toml', text)).toBe(
      '[project]\nname = "x"\n\n[tool.pytest.ini_options]\n# why\ntestpaths = ["tests"]\nasyncio_default_fixture_loop_scope = "session"\n\n[tool.ruff]\nline-length = 99\n',
    );
  });

  it('pyproject.toml [tool.pytest] (TOML mode) and pytest.toml [pytest]', () => {
    expect(edit('pyproject.toml', '[tool.pytest]\nminversion = "9.0"\n')).toBe('[tool.pytest]\nminversion = "9.0"\nasyncio_default_fixture_loop_scope = "session"\n');
    expect(edit('pytest.toml', '[pytest]\naddopts = ["-ra"]\n')).toBe('[pytest]\naddopts = ["-ra"]\nasyncio_default_fixture_loop_scope = "session"\n');
  });

  it('pyproject.toml without a pytest table gets a [tool.pytest.ini_options] section at the end', () => {
    expect(edit('pyproject.toml', '[project]\nname = "x"')).toBe('[project]\nname = "x"\n\n[tool.pytest.ini_options]\nasyncio_default_fixture_loop_scope = "session"\n');
  });

  it('pytest.ini, tox.ini and setup.cfg keep ini style, continuation lines and CRLF', () => {
    expect(edit('pytest.ini', '; c\r\n[pytest]\r\nmarkers =\r\n    slow: s\r\n')).toBe('; c\r\n[pytest]\r\nmarkers =\r\n    slow: s\r\nasyncio_default_fixture_loop_scope = session\r\n');
    expect(edit('tox.ini', '[tox]\nenvlist = py313\n\n[pytest]\naddopts = -ra\n')).toBe('[tox]\nenvlist = py313\n\n[pytest]\naddopts = -ra\nasyncio_default_fixture_loop_scope = session\n');
    expect(edit('setup.cfg', '[tool:pytest]\ntestpaths = tests\n\n[flake8]\nx = 1\n')).toBe('[tool:pytest]\ntestpaths = tests\nasyncio_default_fixture_loop_scope = session\n\n[flake8]\nx = 1\n');
  });

  it("writes options the way the file does: key=value spacing, ':' in ini files, TOML's single quotes", () => {
    expect(edit('pyproject.toml', "[tool.pytest.ini_options]\nasyncio_mode='auto'\n")).toBe("[tool.pytest.ini_options]\nasyncio_mode='auto'\nasyncio_default_fixture_loop_scope='session'\n");
    expect(edit('setup.cfg', '[tool:pytest]\ntestpaths=tests\n')).toBe('[tool:pytest]\ntestpaths=tests\nasyncio_default_fixture_loop_scope=session\n');
    expect(edit('tox.ini', '[pytest]\naddopts: -ra\n')).toBe('[pytest]\naddopts: -ra\nasyncio_default_fixture_loop_scope: session\n');
    // A file that writes nothing yet, or mixes styles, gets the first option's style or the common one.
    expect(edit('pyproject.toml', '[tool.pytest.ini_options]\nminversion = "8.0"\n')).toBe('[tool.pytest.ini_options]\nminversion = "8.0"\nasyncio_default_fixture_loop_scope = "session"\n');
  });

  it('replaces an existing value in place', () => {
    expect(edit('pytest.ini', '[pytest]\nasyncio_default_fixture_loop_scope = function\nx = 1\n')).toBe('[pytest]\nasyncio_default_fixture_loop_scope = session\nx = 1\n');
  });

  it('refuses what it cannot edit safely (a dotted-key table)', () => {
    expect(edit('pyproject.toml', 'tool.pytest.ini_options.testpaths = ["t"]\n')).toBeNull();
  });

  it('files without pytest configuration are not configs (setup.cfg, tox.ini), pytest.ini always is', () => {
    expect(readConfig('/p/setup.cfg', '[flake8]\nx = 1\n')).toBeNull();
    expect(readConfig('/p/tox.ini', '[tox]\n')).toBeNull();
    expect(readConfig('/p/pytest.ini', '')?.flavour).toBe('pytest.ini');
  });
});

/** The config found, failing the test when it is a file pytest cannot parse. */
function found(dir: string): PytestConfig | null {
  const cfg = locateConfig(dir);
  if (isBroken(cfg)) throw new Error(`${cfg.path}: ${cfg.problem.message}`);
  return cfg;
}

describe('configs pytest cannot parse (checked against pytest 9.1 and its iniconfig)', () => {
  it('INI: the errors iniconfig raises, with the line; what it takes stays valid', () => {
    const problem = (text: string, name = 'pytest.ini') => {
      const p = configProblem(`/p/${name}`, text);
      return p && `${p.line}:${p.column}: ${p.message}`;
    };
    expect(problem('[pytest]\na = 1\nfoo\n')).toBe("3:1: not valid INI: unexpected line: 'foo'");
    expect(problem('x = 1\n[pytest]\n')).toBe('1:1: not valid INI: no section header defined');
    expect(problem('[pytest]\n[pytest]\n')).toBe("2:1: not valid INI: duplicate section 'pytest'");
    expect(problem('[pytest]\na = 1\na = 2\n')).toBe("3:1: not valid INI: duplicate name 'a'");
    expect(problem('[pytest]\n[]\n')).toBe('2:1: not valid INI: empty section name');
    // An unclosed header, text after a header and an indented first option are continuations, with no option to continue.
    expect(problem('[pytest\na = 1\n')).toBe('1:1: not valid INI: unexpected value continuation');
    expect(problem('[pytest]x\na = 1\n')).toBe('1:1: not valid INI: unexpected value continuation');
    expect(problem('[pytest]\n  a = 1\n')).toBe('2:3: not valid INI: unexpected value continuation');
    // The first error of the line pass wins over the structure's, as in iniconfig.
    expect(problem('x = 1\n[pytest]\nfoo\n')).toBe("3:1: not valid INI: unexpected line: 'foo'");
    // Valid for pytest (configparser would refuse some of these: pytest does not use it).
    for (const ok of ['[pytest] # c\na = 1\n', '[pytest]\nA = 1\na = 2\n', '[pytest]\na:\n', '[pytest]\na =\n  x\n# c\n  y\n', '[pytest]\na = 1\n  [other]\n', '; c\r\n[pytest]\r\na = 1\r\n']) {
      expect(problem(ok), ok).toBeNull();
    }
    expect(problem('[metadata]\nname = x\n[pytest]\n', 'setup.cfg')).toBe('3:1: a [pytest] section, which pytest refuses in setup.cfg (rename it to [tool:pytest])');
    expect(problem('[pytest]\n[tool:pytest]\n', 'setup.cfg')).toBeNull();
  });

  it('TOML: the position of the error, a byte order mark, both pytest tables in pyproject.toml', () => {
    expect(configProblem('/p/pyproject.toml', '[tool.pytest.ini_options]\nx = "1"\n[project\n')).toMatchObject({ line: 3, column: 9 });
    expect(configProblem('/p/pytest.toml', '\ufeff[pytest]\n')?.message).toMatch(/byte order mark/);
    expect(configProblem('/p/pyproject.toml', '[tool.pytest]\nx = 1\n[tool.pytest.ini_options]\ny = "1"\n')).toMatchObject({ line: 3, column: 1 });
    expect(configProblem('/p/pyproject.toml', '[tool.pytest]\nx = 1\n')).toBeNull();
  });

  it('locateConfig returns a file pytest stops on: on the way up, or beside the config it picks', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-cfg-'));
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'setup.cfg'), '[metadata]\nname\n');
    writeFileSync(path.join(dir, 'pytest.ini'), '[pytest]\n');
    expect(locateConfig(path.join(dir, 'sub'))).toMatchObject({ path: path.join(dir, 'sub', 'setup.cfg'), problem: { line: 2, column: 1 } });
    expect(locateConfig(dir)?.path).toBe(path.join(dir, 'pytest.ini'));
    writeFileSync(path.join(dir, 'tox.ini'), '[tox]\nenvlist\n');
    expect(locateConfig(dir)).toMatchObject({ path: path.join(dir, 'tox.ini'), problem: { line: 2 } });
  });
});

describe('locateConfig (pytest findpaths order)', () => {
  it('prefers pytest.ini over a pyproject.toml with a pytest table in the same directory, and walks up', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-cfg-'));
    writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.pytest.ini_options]\nx = "1"\n');
    writeFileSync(path.join(dir, 'pytest.ini'), '[pytest]\n');
    mkdirSync(path.join(dir, 'tests', 'unit'), { recursive: true });
    expect(locateConfig(path.join(dir, 'tests', 'unit'))?.path).toBe(path.join(dir, 'pytest.ini'));
  });

  it('skips a setup.cfg without [tool:pytest] for a tox.ini [pytest] further up, and falls back to a bare pyproject.toml', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-cfg-'));
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'setup.cfg'), '[metadata]\nname = x\n');
    writeFileSync(path.join(dir, 'tox.ini'), '[pytest]\naddopts = -ra\n');
    expect(found(path.join(dir, 'sub'))?.flavour).toBe('tox.ini');
    const bare = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-cfg-'));
    writeFileSync(path.join(bare, 'pyproject.toml'), '[project]\nname = "x"\n');
    expect(found(bare)?.flavour).toBe('pyproject-none');
  });

  it('with the listing of a walk, finds the same configs without asking about names the walk did not see', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-cfg-'));
    mkdirSync(path.join(dir, 'pkg', 'tests'), { recursive: true });
    writeFileSync(path.join(dir, 'setup.cfg'), '[tool:pytest]\n');
    writeFileSync(path.join(dir, 'pkg', 'pyproject.toml'), '[tool.pytest.ini_options]\n');
    writeFileSync(path.join(dir, 'pkg', 'tests', 'test_a.py'), '');
    writeFileSync(path.join(dir, 'x.py'), '');
    const listing = new DirectoryListing(new Set(CONFIG_NAMES));
    const files = [...discover([path.join(dir, 'pkg')], { listing })];
    expect(files).toEqual([path.join(dir, 'pkg', 'tests', 'test_a.py')]);
    // Listed: pkg/tests (nothing) and pkg (pyproject.toml); dir itself was not walked, so it is asked.
    expect(locateConfig(path.join(dir, 'pkg', 'tests'), new Map(), listing)?.path).toBe(path.join(dir, 'pkg', 'pyproject.toml'));
    writeFileSync(path.join(dir, 'pkg', 'tests', 'pytest.ini'), '[pytest]\n');
    expect(locateConfig(path.join(dir, 'pkg', 'tests'))?.path).toBe(path.join(dir, 'pkg', 'tests', 'pytest.ini'));
    // The listing answers for what the walk saw (a file created since is the next run's business).
    expect(locateConfig(path.join(dir, 'pkg', 'tests'), new Map(), listing)?.path).toBe(path.join(dir, 'pkg', 'pyproject.toml'));
    rmSync(path.join(dir, 'pkg', 'pyproject.toml'));
    expect(locateConfig(path.join(dir, 'pkg', 'tests'), new Map(), listing)?.path).toBe(path.join(dir, 'setup.cfg'));
  });
});

describe('project facts and planned config edits', () => {
  function tree(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-facts-'));
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    return dir;
  }
  const OVERRIDE = 'import asyncio\nimport pytest\n\n@pytest.fixture(scope="session")\ndef event_loop():\n    loop = asyncio.new_event_loop()\n    yield loop\n    loop.close()\n';

  it('a root conftest override goes to the config; the per-file defaults follow what this run applies', async () => {
    await initParser();
    const dir = tree({
      'pytest.ini': '[pytest]\n',
      'tests/conftest.py': OVERRIDE,
      'tests/test_a.py': 'import pytest\n\n@pytest.mark.asyncio\nasync def test_a():\n    pass\n',
      'tests/sub/test_b.py': 'async def test_b():\n    pass\n',
    });
    const files = ['tests/conftest.py', 'tests/test_a.py', 'tests/sub/test_b.py'].map((f) => path.join(dir, f));
    for (const unsafeFixes of [false, true]) {
      const facts = await gatherProjectFacts(files);
      expect(facts.overrides.map((o) => [o.route, o.scope])).toEqual([['config', 'session']]);
      const [result] = planProjectEdits(facts, transforms, { unsafeFixes, fix: true });
      expect(result?.path).toBe(path.join(dir, 'pytest.ini'));
      const expected = unsafeFixes ? 'session' : 'function';
      expect(result?.fixed).toContain(`asyncio_default_fixture_loop_scope = ${expected}`);
      expect(fileFacts(facts, files[1] ?? '').defaultFixtureLoopScope).toBe(expected);
      expect(fileFacts(facts, files[1] ?? '').loopScope).toBeUndefined();
    }
  });

  it('a sub-directory override is carried by loop_scope on what it covers, not by the config', async () => {
    await initParser();
    const dir = tree({
      'pyproject.toml': '[tool.pytest.ini_options]\nasyncio_mode = "auto"\n',
      'tests/unit/test_u.py': 'async def test_u():\n    pass\n',
      'tests/db/conftest.py': OVERRIDE,
      'tests/db/test_d.py': 'async def test_d():\n    pass\n',
    });
    const files = ['tests/unit/test_u.py', 'tests/db/conftest.py', 'tests/db/test_d.py'].map((f) => path.join(dir, f));
    const facts = await gatherProjectFacts(files);
    expect(facts.overrides[0]?.route).toBe('markers');
    planProjectEdits(facts, transforms, { unsafeFixes: true, fix: true });
    expect(fileFacts(facts, files[2] ?? '').loopScope?.scope).toBe('session');
    expect(fileFacts(facts, files[2] ?? '').mode).toBe('auto');
    expect(fileFacts(facts, files[0] ?? '').loopScope).toBeUndefined();
  });
  const FACTORIES =
    'import asyncio\nimport pytest\nimport uvloop\n\n@pytest.fixture(params=["asyncio", "uvloop"])\ndef loop_kind(request):\n    return request.param\n\n@pytest.fixture\ndef event_loop(loop_kind):\n    if loop_kind == "uvloop":\n        loop = uvloop.new_event_loop()\n    else:\n        loop = asyncio.new_event_loop()\n    yield loop\n    loop.close()\n';

  it('a conftest override that picks its loop class becomes loop factories unless a test requests the parameter fixture', async () => {
    await initParser();
    const files = (dir: string) => ['tests/conftest.py', 'tests/test_a.py'].map((f) => path.join(dir, f));
    const plain = tree({ 'pytest.ini': '[pytest]\n', 'tests/conftest.py': FACTORIES, 'tests/test_a.py': 'import pytest\n\n@pytest.mark.asyncio\nasync def test_a():\n    pass\n' });
    const ok = await gatherProjectFacts(files(plain));
    expect(ok.overrides.map((o) => [o.problem, o.dimensions])).toEqual([[null, ['loop_kind']]]);
    const asking = tree({ 'pytest.ini': '[pytest]\n', 'tests/conftest.py': FACTORIES, 'tests/test_a.py': 'import pytest\n\n@pytest.mark.asyncio\nasync def test_a(\n    loop_kind,\n):\n    pass\n' });
    const kept = await gatherProjectFacts(files(asking));
    expect(kept.overrides[0]?.problem).toMatch(/`loop_kind` is also requested in test_a\.py/);
    expect(fileFacts(kept, files(asking)[1] ?? '').eventLoopStays?.problem).toMatch(/loop_kind/);
  });
  it('sync tests of two modules holding event_loop get one fixture in the conftest above them; one module keeps its own', async () => {
    await initParser();
    const holder = 'def test_x(event_loop):\n    assert not event_loop.is_closed()\n';
    const two = tree({ 'pytest.ini': '[pytest]\n', 'tests/conftest.py': 'import pytest\n', 'tests/a/test_a.py': holder, 'tests/b/test_b.py': holder });
    const files2 = ['tests/conftest.py', 'tests/a/test_a.py', 'tests/b/test_b.py'].map((f) => path.join(two, f));
    const facts2 = await gatherProjectFacts(files2, undefined, false, true);
    expect(facts2.sharedLoopFixtures).toEqual([{ conftest: files2[0], holders: [files2[1], files2[2]] }]);
    expect(fileFacts(facts2, files2[0] ?? '').sharedLoopFixture).toEqual(['a/test_a.py', 'b/test_b.py']);
    expect(fileFacts(facts2, files2[1] ?? '').eventLoopFixture).toBe('tests/conftest.py');
    expect(facts2.asyncioProjects).toEqual([path.join(two, 'pytest.ini')]);
    const one = tree({ 'pytest.ini': '[pytest]\n', 'tests/conftest.py': 'import pytest\n', 'tests/test_a.py': holder });
    const facts1 = await gatherProjectFacts(
      ['tests/conftest.py', 'tests/test_a.py'].map((f) => path.join(one, f)),
      undefined,
      false,
      true,
    );
    expect(facts1.sharedLoopFixtures).toEqual([]);
  });

  it('a run of a project rule alone gathers the facts it plans from and yields its config edit', async () => {
    const dir = tree({ 'pytest.ini': '[pytest]\n', 'tests/test_a.py': 'import pytest\n\n@pytest.mark.asyncio\nasync def test_a():\n    pass\n' });
    const rules = transforms.filter((t) => !isFileRule(t));
    expect(rules.map((t) => t.code)).toEqual(['LM205']);
    const results: FileResult[] = [];
    const options = { settings: { select: [], ignore: [], unsafeFixes: false }, transforms: rules, fix: true, prefilter: true, limits: DEFAULT_LIMITS, jobs: 1 };
    for await (const r of runFiles([path.join(dir, 'tests', 'test_a.py')], options)) results.push(r);
    expect(results.map((r) => [path.relative(dir, r.path), r.findings.map((f) => f.code)])).toEqual([
      ['pytest.ini', ['LM205']],
      [path.join('tests', 'test_a.py'), []],
    ]);
    expect(results[0]?.fixed).toBe('[pytest]\nasyncio_default_fixture_loop_scope = function\n');
  });
});
