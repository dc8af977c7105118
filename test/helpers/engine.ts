// Running the engine in-process for fixture tests.
import { runEngine, type EngineResult } from '../../src/engine/engine.js';
import { initParser } from '../../src/python/parser.js';
import type { Transform } from '../../src/rule-api/transform.js';
import { DEFAULT_TARGET, parseTarget, type PythonVersion } from '../../src/common/version.js';
import { DEFAULT_FILE_FACTS, type PytestFileFacts } from '../../src/common/facts.js';
import { isScopeName } from '../../src/pytest/decorators.js';
import { DEFAULT_LINE_LENGTH } from '../../src/config/project.js';

export interface CaseOptions {
  unsafeFixes: boolean;
  target: PythonVersion;
  pytest?: PytestFileFacts;
  /** `--notebook`: the case stands for a notebook's code cells (`# %%` before each). */
  notebook?: boolean;
  /** `--line-length N` (default 88, black's): the project's limit for lines the fixes produce. */
  lineLength?: number;
}

/**
 * The project facts a test-suite case stands in for, from `--asyncio-mode auto`, `--loop-scope S`
 * (an event_loop override of scope S covers the file), `--default-loop-scope S` (the config's
 * defaults), `--anyio-backend S` (this conftest should hold an anyio_backend of scope S),
 * `--loop-set-elsewhere FILE:LINE` (another module sets a current loop there), `--pytest-aiohttp` (the
 * project tests with pytest-aiohttp 1.x and has no `loop` fixture in reach), `--plugin-module` (the file is
 * neither a conftest.py nor a test module: a pytest plugin's), `--event-loop-stays` (the project's own
 * `event_loop` fixture in reach is one LM201 cannot remove), `--conftest` (the file is a conftest.py), `--shared-loop-fixture` (a conftest that gets the `event_loop`
 * fixture sync tests of two modules under it hold).
 */
function pytestFacts(flags: string[]): PytestFileFacts | undefined {
  const value = (name: string) => {
    const i = flags.indexOf(name);
    return i >= 0 ? flags[i + 1] : undefined;
  };
  const mode = value('--asyncio-mode');
  const loop = value('--loop-scope');
  const defaults = value('--default-loop-scope');
  const anyio = value('--anyio-backend');
  const setElsewhere = value('--loop-set-elsewhere');
  const aiohttp = flags.includes('--pytest-aiohttp');
  const plugin = flags.includes('--plugin-module');
  const stays = flags.includes('--event-loop-stays');
  const conftest = flags.includes('--conftest');
  const shared = flags.includes('--shared-loop-fixture');
  if (!mode && !loop && !defaults && !anyio && !setElsewhere && !aiohttp && !plugin && !stays && !conftest && !shared) return undefined;
  const facts: PytestFileFacts = { ...DEFAULT_FILE_FACTS, mode: mode === 'auto' ? 'auto' : 'strict' };
  if (isScopeName(loop)) facts.loopScope = { scope: loop, from: 'conftest.py:1' };
  if (isScopeName(defaults)) facts.defaultTestLoopScope = facts.defaultFixtureLoopScope = defaults;
  if (isScopeName(anyio)) facts.anyioBackend = { scope: anyio, needs: ['conftest.py:1'] };
  if (setElsewhere) facts.loopSetElsewhere = setElsewhere;
  if (aiohttp) facts.aiohttpLoopRemoved = true;
  if (plugin) facts.pytestModule = false;
  if (conftest || shared) facts.conftest = true;
  if (shared) facts.sharedLoopFixture = ['tests/test_a.py', 'tests/test_b.py'];
  if (stays) facts.eventLoopStays = { from: 'tests/conftest.py:30', problem: 'it is parametrised' };
  return facts;
}

/** A case file may start with `# snapshot: --unsafe-fixes --target-version py311` (and the flags above), after a `#!` line if it has one. */
export function caseOptions(source: string): CaseOptions {
  // The first line, or the second after a `#!` line (a script's case).
  const [first = '', second = ''] = source.split(/\r?\n/, 2);
  const header = /^# snapshot:(.*)$/.exec(first.startsWith('#!') ? second : first);
  const flags = header?.[1]?.trim().split(/\s+/) ?? [];
  const t = flags.indexOf('--target-version');
  const l = flags.indexOf('--line-length');
  return {
    lineLength: l >= 0 ? Number(flags[l + 1]) : DEFAULT_LINE_LENGTH,
    unsafeFixes: flags.includes('--unsafe-fixes'),
    target: (t >= 0 && parseTarget(flags[t + 1] ?? '')) || DEFAULT_TARGET,
    pytest: pytestFacts(flags),
    notebook: flags.includes('--notebook'),
  };
}

export async function fixText(source: string, transforms: readonly Transform[], opts: CaseOptions): Promise<EngineResult> {
  await initParser();
  return runEngine(source, { transforms, unsafeFixes: opts.unsafeFixes, target: opts.target, fix: true, pytest: opts.pytest, notebook: opts.notebook, lineLength: opts.lineLength });
}
