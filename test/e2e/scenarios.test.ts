// Proof by running: each scenario under test/e2e/scenarios/ is a small legacy Python project.
// On the modern stack (CPython 3.13/3.12 -W error, pytest 9, pytest-asyncio 1.4, APScheduler 3.11)
// the legacy code must fail the way users see it, the hand-migrated reference must pass, and the
// project migrated by the built `loopmigrate` CLI must pass too and stay put on a second run.
// Scenarios whose rules the CLI does not list yet (`--list-rules`) are skipped, visibly.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun } from './process.js';
import {
  changedPaths,
  copyProject,
  diffAgainstReference,
  listRules,
  loadScenarios,
  removeTempDirs,
  runLoopmigrate,
  runScenarioCommand,
  type Expectation,
  type Manifest,
  type Scenario,
  snapshotTree,
  unmet,
} from './scenario.js';
import { ensureStack, findInterpreter, findInterpreters, type Stack, WANTED_VERSIONS } from './stack.js';

const required = process.env.LOOPMIGRATE_E2E === 'required';
const interpreters = findInterpreters();
const scenarios = loadScenarios();
const listed = listRules();
const wanted = WANTED_VERSIONS.join(' or ');
// Per test: a few Python/pytest processes on a loaded machine (scenarios run concurrently).
const STEP_TIMEOUT = 120_000;

if (interpreters.length === 0) {
  const why = `no CPython ${wanted} found (python3.X on PATH, pyenv, or LOOPMIGRATE_E2E_PYTHON3X)`;
  if (required) {
    it('e2e: finds a CPython >= 3.12 (LOOPMIGRATE_E2E=required)', () => {
      throw new Error(`e2e scenarios cannot run: ${why}`);
    });
  } else {
    const line = `e2e scenarios skipped: ${why}; set LOOPMIGRATE_E2E=required to make this an error`;
    console.warn(`loopmigrate ${line}`);
    it.skip(line, () => {});
  }
} else {
  const stacks = new Map<string, Stack>();
  const tempDirs: string[] = [];

  beforeAll(async () => {
    // One venv per interpreter, built once and cached; later runs only import-check it.
    for (const interp of interpreters) stacks.set(interp.minor, await ensureStack(interp));
  }, 900_000);
  afterAll(() => removeTempDirs(tempDirs));

  if (listed.error) {
    it.runIf(required)('e2e: loopmigrate --list-rules works (LOOPMIGRATE_E2E=required)', () => {
      throw new Error(listed.error);
    });
  }

  const versions = interpreters.map((i) => i.version).join(', ');
  describe.concurrent(`e2e scenarios on Python ${versions}`, () => {
    for (const scenario of scenarios) defineScenario(scenario);
  });

  /**
   * Runs the scenario's command in `project` on every interpreter, one after the other (the
   * scenarios themselves run concurrently), and lists what did not meet `exp`, per version.
   */
  async function onEveryStack(m: Manifest, project: string, exp: Expectation, label: string): Promise<string[]> {
    const problems: string[] = [];
    for (const interp of interpreters) {
      const stack = stacks.get(interp.minor);
      if (!stack) throw new Error(`stack for Python ${interp.minor} was not built`);
      const r = await runScenarioCommand(stack, m, project);
      const unmetHere = unmet(r, exp);
      if (unmetHere.length > 0) problems.push(`[Python ${interp.version}] ${unmetHere.join('; ')}\n${describeRun(label, r)}`);
    }
    return problems;
  }

  function defineScenario(scenario: Scenario): void {
    const m = scenario.manifest;
    const passing: Expectation = { fails: false, ...m.expectAfter };
    describe(scenario.name, () => {
      if (scenario.noop) {
        it(
          'modern code passes',
          async () => {
            const project = copyProject(scenario, 'before', tempDirs);
            expect(await onEveryStack(m, project, passing, 'modern code')).toEqual([]);
          },
          STEP_TIMEOUT,
        );
      } else {
        const how = m.expectBefore.fails ? 'fails as users see it' : 'runs (it breaks on later versions)';
        it(
          `legacy code ${how}`,
          async () => {
            const project = copyProject(scenario, 'before', tempDirs);
            expect(await onEveryStack(m, project, m.expectBefore, 'legacy code')).toEqual([]);
          },
          STEP_TIMEOUT,
        );
        it(
          'hand-migrated reference passes',
          async () => {
            const project = copyProject(scenario, 'after', tempDirs);
            expect(await onEveryStack(m, project, passing, 'reference migration')).toEqual([]);
          },
          STEP_TIMEOUT,
        );
      }

      const missing = m.rules.filter((code) => !listed.rules.has(code));
      const flags = [...(m.unsafeFixes ? ['--unsafe-fixes'] : []), ...(m.flags ?? [])];
      const waiting = listed.error ? ' [skipped: CLI unavailable]' : missing.length > 0 ? ` [skipped: needs ${missing.join(', ')}]` : '';
      const title = scenario.noop
        ? `loopmigrate ${flags.join(' ')} leaves it byte-identical${waiting}`
        : m.reports
          ? `loopmigrate ${flags.join(' ')} reports it without an edit${waiting}`
          : `loopmigrate ${flags.join(' ')} migrates it: passes after, second run changes nothing${waiting}`;
      const toolExit = m.toolExit ?? (m.reports ? 1 : 0);
      it.runIf(waiting === '')(
        title.replace(/ {2}/g, ' '),
        async () => {
          const project = copyProject(scenario, 'before', tempDirs);
          const original = snapshotTree(project);

          const fix = await runLoopmigrate([...flags, ...(m.paths ?? ['.'])], project);
          expect(fix.code, describeRun('loopmigrate fix run', fix)).toBe(toolExit);
          const migrated = snapshotTree(project);
          const changed = changedPaths(original, migrated);
          if (m.reports) {
            // The tool cannot prove a fix here: it must say so at each site and touch nothing.
            expect(changed, 'loopmigrate edited code it should only report').toEqual([]);
            for (const site of m.reports) expect(fix.stderr, describeRun('loopmigrate fix run', fix)).toContain(site);
            return;
          }
          if (scenario.noop) expect(changed, 'loopmigrate changed already-modern files').toEqual([]);
          else expect(changed.length, `loopmigrate changed nothing\n${describeRun('fix run', fix)}`).toBeGreaterThan(0);

          // The second run names the project by absolute path, the other way users call it.
          const again = await runLoopmigrate([...flags, ...(m.paths ?? ['.']).map((p) => join(project, p))], project);
          expect(again.code, describeRun('second loopmigrate run', again)).toBe(toolExit);
          expect(changedPaths(migrated, snapshotTree(project)), 'second run changed files').toEqual([]);

          const problems = await onEveryStack(m, project, passing, 'migrated code');
          if (m.alsoOn) {
            // The fixes must keep the oldest supported Python working, and the legacy code ran there.
            const old = findInterpreter(m.alsoOn);
            if (!old) problems.push(`no CPython ${m.alsoOn} found through pyenv`);
            else {
              const bare = { ...old, venv: '', python: old.executable };
              const legacy = copyProject(scenario, 'before', tempDirs);
              for (const [label, dir] of [
                ['legacy code', legacy],
                ['migrated code', project],
              ] as const) {
                const r = await runScenarioCommand(bare, m, dir);
                const unmetHere = unmet(r, passing);
                if (unmetHere.length > 0) problems.push(`[Python ${old.version}] ${unmetHere.join('; ')}\n${describeRun(label, r)}`);
              }
            }
          }
          const versusReference = scenario.noop ? '' : diffAgainstReference(scenario, migrated);
          expect(problems, `--- loopmigrate's result versus the hand-migrated reference ---\n${versusReference || '(identical)\n'}`).toEqual([]);
        },
        STEP_TIMEOUT,
      );
    });
  }
}
