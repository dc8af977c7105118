// --verify on real pytest projects with the pinned stack (Python 3.13, pytest 9, pytest-asyncio 1.4):
// the fixes are proven with the project's own tests, the ones that break a test are reverted, and the
// tree left behind passes the tests that passed before. The breaking fix is LM111's unsafe one, in the
// case its docs name: a callable marked with asyncio's private `_is_coroutine` attribute, which
// `asyncio.iscoroutinefunction` accepts and `inspect.iscoroutinefunction` does not.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree } from '../helpers/cli.js';
import { describeRun, run, type RunResult } from './process.js';
import { runLoopmigrate } from './scenario.js';
import { ensureStack, findInterpreter, type Stack } from './stack.js';

const interp = findInterpreter('3.13');
const required = process.env.LOOPMIGRATE_E2E === 'required';
const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

const DETECT = `import asyncio


def is_async(fn):
    """True for a coroutine function, and for a callable marked as one the way asyncio reads it."""
    return asyncio.iscoroutinefunction(fn)
`;

/** A small library: three modules with legacy loop code, each fixed by a different rule. */
const SHOP: Record<string, string> = {
  'pyproject.toml': '[project]\nname = "shop"\nversion = "0"\nrequires-python = ">=3.12"\n\n[tool.pytest.ini_options]\nasyncio_default_fixture_loop_scope = "function"\n',
  'shop/__init__.py': '',
  'shop/detect.py': DETECT,
  'shop/service.py': 'import asyncio\n\n\nasync def total(prices):\n    loop = asyncio.get_event_loop()\n    return await loop.run_in_executor(None, sum, prices)\n',
  'shop/cli.py': `import asyncio

from shop.service import total


def main():
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(total([1, 2, 3]))
    finally:
        loop.close()
`,
  'tests/__init__.py': '',
  'tests/test_shop.py': `import pytest

from shop.cli import main
from shop.detect import is_async
from shop.service import total


def test_coroutine_function():
    async def f():
        return None

    assert is_async(f)


@pytest.mark.asyncio
async def test_total():
    assert await total([2, 3]) == 5


def test_main():
    assert main() == 6
`,
};

const MARKED = `import asyncio


class Marked:
    """A callable that says it is a coroutine function, as framework wrappers did before 3.12."""

    _is_coroutine = asyncio.coroutines._is_coroutine

    def __call__(self):
        return None
`;

/** A test the LM111 fix breaks: the marked callable is no coroutine function to inspect. */
const MARKED_TEST = `from shop.detect import is_async
from tests.marked import Marked


def test_marked_callable():
    assert is_async(Marked())
`;

/** Needs only one of the two detectors to accept the marked callable: breaks when both are migrated. */
const EITHER_TEST = `from shop import detect, legacy_detect
from tests.marked import Marked


def test_either_detector_accepts_marked():
    assert detect.is_async(Marked()) or legacy_detect.is_async(Marked())
`;

/** Waits for the marked callable to be seen as async: never returns once LM111's fix is applied. */
const WAITING_TEST = `import time

from shop.detect import is_async
from tests.marked import Marked


def test_waits_until_ready():
    while not is_async(Marked()):
        time.sleep(0.05)
`;

/** Fails on Python 3.10+ before any fix (asyncio.sleep lost loop=): LM106 fixes it. */
const LEGACY_TEST = `import asyncio

import pytest


@pytest.mark.asyncio
async def test_sleep_with_loop():
    await asyncio.sleep(0, loop=asyncio.get_running_loop())
`;

const MIGRATED = {
  detect: 'inspect.iscoroutinefunction(fn)',
  service: 'asyncio.get_running_loop()',
  cli: 'return asyncio.run(total([1, 2, 3]))',
};

function project(extra: Record<string, string>): string {
  const dir = makeTree({ ...SHOP, ...extra });
  temps.push(dir);
  return dir;
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

describe.runIf(interp !== undefined || required)('--verify with the pinned stack (Python 3.13)', () => {
  let stack: Stack | undefined;
  const getStack = async (): Promise<Stack> => {
    expect(interp, 'no CPython 3.13 found').toBeDefined();
    stack ??= await ensureStack(interp as NonNullable<typeof interp>);
    return stack;
  };
  const pytestCommand = (s: Stack, extra = '') => `${s.python} -W error -m pytest -q -p no:cacheprovider -W error${extra}`;
  const pytest = (s: Stack, dir: string): Promise<RunResult> =>
    run(s.python, ['-W', 'error', '-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-W', 'error'], { cwd: dir, timeoutMs: 120_000, env: { PYTHONDONTWRITEBYTECODE: '1' } });
  const verify = (dir: string, command: string, extra: string[] = []) => runLoopmigrate(['--unsafe-fixes', '--verify', command, '--verify-log-dir', 'verify-logs', ...extra, 'shop', 'tests'], dir);

  it('reverts exactly the fix that breaks a test and keeps the others', { timeout: 600_000 }, async () => {
    const s = await getStack();
    const dir = project({ 'tests/marked.py': MARKED, 'tests/test_marked.py': MARKED_TEST });
    const before = await pytest(s, dir);
    expect(before.code, describeRun('tests before', before)).toBe(0);

    const r = await verify(dir, pytestCommand(s));
    expect(r.code, describeRun('loopmigrate --verify', r)).toBe(1);
    expect(read(dir, 'shop/detect.py')).toBe(DETECT);
    expect(read(dir, 'shop/service.py')).toContain(MIGRATED.service);
    expect(read(dir, 'shop/cli.py')).toContain(MIGRATED.cli);
    expect(r.stderr).toMatch(/shop\/detect\.py:6:12: LM111 .*reverted: broke `tests\/test_marked\.py::test_marked_callable`/);
    expect(r.stderr).toContain('verify: kept 2 of 3 fix groups, reverted 1');
    expect(r.stderr).toContain('verify-logs');

    const after = await pytest(s, dir);
    expect(after.code, describeRun('tests after', after)).toBe(0);
  });

  it('reverts two fixes that break a test only together', { timeout: 600_000 }, async () => {
    const s = await getStack();
    const dir = project({ 'shop/legacy_detect.py': DETECT, 'tests/marked.py': MARKED, 'tests/test_either.py': EITHER_TEST });
    const r = await verify(dir, pytestCommand(s));
    expect(r.code, describeRun('loopmigrate --verify', r)).toBe(1);
    expect(read(dir, 'shop/detect.py')).toBe(DETECT);
    expect(read(dir, 'shop/legacy_detect.py')).toBe(DETECT);
    expect(read(dir, 'shop/service.py')).toContain(MIGRATED.service);
    expect(read(dir, 'shop/cli.py')).toContain(MIGRATED.cli);
    expect(r.stderr).toMatch(/reverted: broke `tests\/test_either\.py::test_either_detector_accepts_marked` \(together with /);

    const after = await pytest(s, dir);
    expect(after.code, describeRun('tests after', after)).toBe(0);
  });

  it('stops on a failing baseline, or compares failing test ids with --verify-baseline-failures-ok', { timeout: 600_000 }, async () => {
    const s = await getStack();
    const files = { 'tests/marked.py': MARKED, 'tests/test_marked.py': MARKED_TEST, 'tests/test_legacy.py': LEGACY_TEST };
    const dir = project(files);
    const stopped = await verify(dir, pytestCommand(s));
    expect(stopped.code, describeRun('loopmigrate --verify', stopped)).toBe(2);
    expect(stopped.stderr).toContain('fails on the untouched project');
    expect(read(dir, 'shop/service.py')).toBe(SHOP['shop/service.py']);
    expect(read(dir, 'tests/test_legacy.py')).toBe(LEGACY_TEST);

    const r = await verify(dir, pytestCommand(s, ' -rA'), ['--verify-baseline-failures-ok']);
    expect(r.code, describeRun('loopmigrate --verify --verify-baseline-failures-ok', r)).toBe(1);
    expect(read(dir, 'shop/detect.py')).toBe(DETECT);
    expect(read(dir, 'tests/test_legacy.py')).not.toContain('loop=');
    expect(read(dir, 'shop/cli.py')).toContain(MIGRATED.cli);
    // The test that failed before passes now; the one that passed still does.
    const after = await pytest(s, dir);
    expect(after.code, describeRun('tests after', after)).toBe(0);
  });

  it('fails a run that hangs after --verify-timeout and reverts the fix that made it hang', { timeout: 600_000 }, async () => {
    const s = await getStack();
    const dir = project({ 'tests/marked.py': MARKED, 'tests/test_waiting.py': WAITING_TEST });
    const r = await verify(dir, pytestCommand(s), ['--verify-timeout', '15']);
    expect(r.code, describeRun('loopmigrate --verify', r)).toBe(1);
    expect(read(dir, 'shop/detect.py')).toBe(DETECT);
    expect(read(dir, 'shop/service.py')).toContain(MIGRATED.service);
    expect(r.stderr).toMatch(/timed out after 15 s/);
    expect(r.stderr).toMatch(/shop\/detect\.py:6:12: LM111 .*reverted: broke/);
  });

  it('keeps every fix and exits 0 when the tests pass with all of them', { timeout: 600_000 }, async () => {
    const s = await getStack();
    const dir = project({});
    const r = await verify(dir, pytestCommand(s));
    expect(r.code, describeRun('loopmigrate --verify', r)).toBe(0);
    expect(read(dir, 'shop/detect.py')).toContain(MIGRATED.detect);
    expect(read(dir, 'shop/service.py')).toContain(MIGRATED.service);
    expect(read(dir, 'shop/cli.py')).toContain(MIGRATED.cli);
    expect(r.stderr).toContain('verify: kept 3 of 3 fix groups, reverted 0');
    const after = await pytest(s, dir);
    expect(after.code, describeRun('tests after', after)).toBe(0);
  });
});

describe.runIf(interp === undefined && !required)('--verify with the pinned stack (Python 3.13)', () => {
  it.skip('skipped: no CPython 3.13 found; set LOOPMIGRATE_E2E=required to make this an error', () => {});
});
