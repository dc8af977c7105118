// What --verify reads from a run (src/verify/outcome.ts, src/verify/excerpt.ts): test ids from pytest's
// short test summary and from JUnit XML, the judgement against the baseline, and the excerpt shown for
// a reverted group. The fixtures are real pytest 9 output (`pytest -q -rA --junitxml=...` on a module
// with a passing, a failing, a parametrized, a class, a fixture-error and a subtests test).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { excerptOf } from '../../src/verify/excerpt.js';
import { comparable, judge, junitPathOf, parseJunitXml, parsePytestSummary, type Observed, type TestIds } from '../../src/verify/outcome.js';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'verify-fixtures', name), 'utf8');
const LOG = fixture('pytest-rA.log');
const XML = fixture('junit.xml');

function ids(passed: string[], failing: string[]): TestIds {
  return { passed: new Set(passed), failing };
}

function observed(exitCode: number | null, summary: TestIds | null, extra: Partial<Observed> = {}): Observed {
  return { exitCode, signal: null, timedOut: false, report: { summary, junit: null }, ...extra };
}

describe('pytest short test summary', () => {
  it('reads passed and failing node ids, brackets with spaces and " - " included', () => {
    const report = parsePytestSummary(LOG);
    expect(report).not.toBeNull();
    expect([...(report?.passed ?? [])]).toEqual(['tests/test_a.py::test_ok', 'tests/test_a.py::test_param[a b]']);
    expect(report?.failing).toEqual(['tests/test_a.py::test_err', 'tests/test_a.py::test_bad', 'tests/test_a.py::test_param[c - d]', 'tests/test_a.py::TestC::test_m', 'tests/test_a.py::test_sub']);
  });

  it('reads coloured output and collection errors, and stops at the summary line', () => {
    const log = [
      '\x1b[36m\x1b[1m=========================== short test summary info ============================\x1b[0m',
      '\x1b[31mERROR\x1b[0m tests/test_b.py',
      '!!!!!!!!!!!!!!!!!!!! Interrupted: 1 error during collection !!!!!!!!!!!!!!!!!!!!',
      '\x1b[31m1 error\x1b[0m\x1b[31m in 0.55s\x1b[0m',
      'FAILED not/a/test.py::printed_by_a_later_command',
    ].join('\n');
    expect(parsePytestSummary(log)).toEqual(ids([], ['tests/test_b.py']));
  });

  it('is null without a summary section; lines before the section are no summary', () => {
    expect(parsePytestSummary('tests/test_a.py::test_ok PASSED [ 50%]\nFAILED x.py::y\n')).toBeNull();
    const log = 'FAILED printed::earlier\n=== short test summary info ===\nFAILED t.py::x - E\n1 failed in 0.1s\n';
    expect(parsePytestSummary(log)).toEqual(ids([], ['t.py::x']));
  });
});

describe('JUnit XML', () => {
  it('reads test cases as classname.name, failing when they hold a failure or an error', () => {
    const report = parseJunitXml(XML);
    expect([...(report?.passed ?? [])]).toEqual(['tests.test_a.test_ok', 'tests.test_a.test_param[a b]']);
    expect(report?.failing).toEqual(['tests.test_a.test_bad', 'tests.test_a.test_param[c - d]', 'tests.test_a.TestC.test_m', 'tests.test_a.test_err', 'tests.test_a.test_sub']);
  });

  it('unescapes names, leaves skipped cases out, ignores comments and CDATA, and rejects other XML', () => {
    const xml = `<?xml version="1.0"?><testsuite><!-- <testcase name="commented"/> -->
      <testcase classname='m' name="t[&lt;&amp;&#x41;&#66;]"/>
      <testcase classname="m" name="s"><skipped message="no"/></testcase>
      <testcase classname="m" name="o"><system-out><![CDATA[<failure>]]></system-out></testcase>
    </testsuite>`;
    expect(parseJunitXml(xml)).toEqual(ids(['m.t[<&AB]', 'm.o'], []));
    expect(parseJunitXml('<html><testcase name="x"/></html>')).toBeNull();
  });

  it('finds the report path a command asks for', () => {
    expect(junitPathOf('pytest -x --junitxml=out/report.xml -q')).toBe('out/report.xml');
    expect(junitPathOf('pytest --junit-xml "my report.xml"')).toBe('my report.xml');
    expect(junitPathOf("cd sub && python -m pytest --junitxml='r.xml'")).toBe('r.xml');
    expect(junitPathOf('pytest --junitxml=r.xml; echo done')).toBe('r.xml');
    expect(junitPathOf('pytest -q')).toBeNull();
  });
});

describe('judging a run', () => {
  const CMD = 'pytest -q';

  it('against a passing baseline: exit status 0 passes, else the first failing id or the command is blamed', () => {
    expect(judge(observed(0, null), null, CMD, 1000)).toEqual({ pass: true });
    expect(judge(observed(1, ids([], ['t.py::a', 't.py::b'])), null, CMD, 1000)).toEqual({ pass: false, brokeBy: 't.py::a', why: 'exit status 1' });
    expect(judge(observed(2, null), null, CMD, 1000)).toEqual({ pass: false, brokeBy: CMD, why: 'exit status 2' });
    expect(judge(observed(null, null, { signal: 'SIGSEGV' }), null, CMD, 1000)).toEqual({ pass: false, brokeBy: CMD, why: 'killed by SIGSEGV' });
    expect(judge(observed(null, null, { timedOut: true }), null, CMD, 2500)).toEqual({ pass: false, brokeBy: CMD, why: 'timed out after 2.5 s' });
  });

  it('against a failing baseline: passes when no id newly fails and every id that passed still passes', () => {
    const baseline = observed(1, ids(['t.py::ok', 't.py::ok2'], ['t.py::old']));
    expect(comparable(baseline)).toBe(true);
    expect(judge(observed(1, ids(['t.py::ok', 't.py::ok2'], ['t.py::old'])), baseline, CMD, 1000)).toEqual({ pass: true });
    // The old failure fixed by the migration is no regression.
    expect(judge(observed(0, ids(['t.py::ok', 't.py::ok2', 't.py::old'], [])), baseline, CMD, 1000)).toEqual({ pass: true });
    expect(judge(observed(1, ids(['t.py::ok'], ['t.py::old', 't.py::ok2'])), baseline, CMD, 1000)).toEqual({
      pass: false,
      brokeBy: 't.py::ok2',
      why: 'failed, and did not fail in the baseline',
    });
    expect(judge(observed(1, ids(['t.py::ok'], ['t.py::old'])), baseline, CMD, 1000)).toEqual({
      pass: false,
      brokeBy: 't.py::ok2',
      why: 'passed in the baseline and did not pass now',
    });
    expect(judge(observed(1, null), baseline, CMD, 1000)).toMatchObject({ pass: false, brokeBy: CMD });
    expect(judge(observed(1, ids(['t.py::ok', 't.py::ok2'], ['t.py::old']), { timedOut: true }), baseline, CMD, 1000)).toMatchObject({ pass: false, why: 'timed out after 1 s' });
  });

  it('compares by JUnit ids when the summary is missing on either side', () => {
    const junitOnly = (passed: string[], failing: string[]): Observed => ({ exitCode: 1, signal: null, timedOut: false, report: { summary: null, junit: ids(passed, failing) } });
    const baseline = junitOnly(['m.ok'], ['m.old']);
    expect(judge(junitOnly(['m.ok'], ['m.old']), baseline, CMD, 1000)).toEqual({ pass: true });
    expect(judge(junitOnly([], ['m.old', 'm.ok']), baseline, CMD, 1000)).toMatchObject({ pass: false, brokeBy: 'm.ok' });
  });

  it('cannot compare with a failing baseline that names no tests or timed out', () => {
    expect(comparable(observed(1, null))).toBe(false);
    expect(comparable(observed(null, ids([], ['t.py::x']), { timedOut: true }))).toBe(false);
  });
});

describe('the excerpt of a failing run', () => {
  it('is the summary line and the end of the failure section of the test that broke', () => {
    const excerpt = excerptOf(LOG, 'tests/test_a.py::test_bad', null);
    expect(excerpt.split('\n')[0]).toBe('FAILED tests/test_a.py::test_bad - AssertionError: one is not');
    expect(excerpt).toContain('E       AssertionError: one is not');
    expect(excerpt).toContain('tests/test_a.py:7: AssertionError');
    expect(excerpt).not.toContain('test_param');
  });

  it('finds the sections of class methods, parametrized tests and fixture errors', () => {
    expect(excerptOf(LOG, 'tests/test_a.py::TestC::test_m', null)).toContain('E       RuntimeError: boom');
    expect(excerptOf(LOG, 'tests/test_a.py::test_param[c - d]', null)).toContain("E       AssertionError: assert 'c - d' != 'c - d'");
    expect(excerptOf(LOG, 'tests/test_a.py::test_err', null)).toContain('E       ValueError: fixture');
  });

  it('uses the JUnit failure for a JUnit id, and the end of the log for the command', () => {
    const junit = excerptOf('', 'tests.test_a.TestC.test_m', XML);
    expect(junit.split('\n')[0]).toBe('RuntimeError: boom');
    expect(junit).toContain('tests/test_a.py:15: RuntimeError');
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n');
    expect(excerptOf(`${lines}\n\n`, 'make test', null).split('\n')).toEqual(Array.from({ length: 12 }, (_, i) => `line ${i + 18}`));
  });
});
