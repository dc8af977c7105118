// The project facts as data (src/pytest/facts.ts gathers them): what the test-suite rules know about
// other files. Plain JSON-serialisable values, handed to worker threads and to each file's rules.
import type { SyntaxProblem } from './config-syntax.js';

export const SCOPES = ['function', 'class', 'module', 'package', 'session'] as const;
export type ScopeName = (typeof SCOPES)[number];

export type ConfigFlavour =
  | 'pytest.toml' // [pytest], TOML types (pytest 9)
  | 'pytest.ini' // [pytest]
  | 'pyproject-ini' // [tool.pytest.ini_options], strings
  | 'pyproject-toml' // [tool.pytest], TOML types (pytest 9)
  | 'pyproject-none' // a pyproject.toml without a pytest table: pytest's fallback rootdir config
  | 'tox.ini' // [pytest]
  | 'setup.cfg'; // [tool:pytest]

export interface PytestConfig {
  path: string;
  flavour: ConfigFlavour;
  /** The pytest options as strings (TOML values stringified). */
  options: Record<string, string>;
  /** Dependency specifiers the file declares (pyproject.toml), lower-cased. */
  dependencies: string[];
}

/** A config file pytest reads and cannot parse: pytest stops on it, and loopmigrate never edits it. */
export interface BrokenConfig {
  path: string;
  problem: SyntaxProblem;
}

export interface EventLoopOverride {
  file: string;
  line: number;
  /** null when the scope is not a literal (reported, not fixed). */
  scope: ScopeName | null;
  /** Why the body does more than create/yield/close a loop; null when it is simple. */
  problem: string | null;
  /**
   * 'config': the scope becomes the default loop scopes in the pytest config (the override covers
   * every test module the config governs); 'markers': `loop_scope=` goes on the tests and async
   * fixtures it covers (a sub-directory conftest, a test module, or no editable config).
   */
  route: 'config' | 'markers';
  config: string | null;
  /** Its body makes a new loop (new_event_loop), so as a plain fixture it still works under pytest-asyncio 1.x. */
  fresh: boolean;
  /**
   * A test module under it whose sync tests hold `event_loop` as an object (see syncLoopUse): the
   * override stays for them (LM201 does not delete it, and reports it unless it makes a new loop).
   * Null: nothing needs it.
   */
  keptFor: string | null;
  /**
   * Why this run leaves the override in place although a run on the whole project would remove it: the
   * run cannot carry its scope (into a config outside the paths given, onto tests it does not process).
   */
  held?: string;
  /** Fixtures a loop-factories hook replacing it deletes (see loop-factories.ts); nothing else may request them. */
  dimensions?: string[];
}

export interface AnyioPlan {
  /** The file that gets (or already has) the anyio_backend fixture. */
  target: string;
  scope: ScopeName;
  /** The wide async fixtures that need it, as `path:line`. */
  needs: string[];
}

export interface ProjectFacts {
  configs: Record<string, PytestConfig>;
  /** Directory → path of the config pytest reads there (null: none; a key of `broken`: pytest stops on that file). */
  configOf: Record<string, string | null>;
  /** Config files pytest would stop on, by path: the files they govern have no known pytest settings. */
  broken: Record<string, BrokenConfig>;
  overrides: EventLoopOverride[];
  /** Config paths (or '' for no config) whose projects use pytest-asyncio. */
  asyncioProjects: string[];
  anyio: AnyioPlan[];
  /** Wide AnyIO fixtures for which no single conftest covers them all (reported where they are). */
  anyioUnplaced: Array<{ file: string; scope: ScopeName }>;
  /** Config path → its pytest options once the project edits this run applies are made. */
  planned: Record<string, Record<string, string>>;
  /**
   * Calls anywhere in the project that set a loop as the current one (`asyncio.set_event_loop(x)`, x
   * not None): where such a call may run first, `asyncio.get_event_loop()` returns that loop, and a
   * rewrite to `asyncio.run()` would run on a new one (LM102, LM103, LM104).
   */
  loopInstalls: Array<{ file: string; line: number; unread?: string }>;
  /**
   * conftest.py and test modules the pre-pass could not read or parse within the run's limits (over
   * --max-file-size, the parser's memory limit or the parse timeout), with the config that governs
   * each (null: none) and why: what they define is unknown, so the fixes and config edits that depend
   * on the facts of that config's tests are reported, not made.
   */
  unscanned: Array<{ file: string; config: string | null; reason: string }>;
  /** `def event_loop(` in modules that are not conftest.py or test modules (plugins): LM202 leaves sync tests that may get it. */
  pluginEventLoops: Array<{ file: string; line: number }>;
  /**
   * Config paths (or '' for no config) whose projects test with pytest-aiohttp (a declared dependency,
   * or `pytest_aiohttp` named in a test module) and never load aiohttp's own `aiohttp.pytest_plugin`
   * (which still has a `loop` fixture): pytest-aiohttp 1.x has none.
   */
  aiohttpProjects: string[];
  /** conftest.py and test modules that define a fixture named `loop`. */
  loopFixtures: string[];
  /**
   * Sync tests of several modules hold `event_loop` as an object with no fixture of the project's own
   * in reach: the conftest.py above them all gets one `event_loop` fixture (LM202) instead of each
   * module its own.
   */
  sharedLoopFixtures: Array<{ conftest: string; holders: string[] }>;
  /**
   * Async fixtures wider than a function without `loop_scope` (conftest.py and test modules): setting
   * asyncio_default_fixture_loop_scope narrower than one of them needs its LM204 fix in the same run.
   */
  unscopedWide: Array<{ file: string; line: number; scope: ScopeName }>;
}

export interface PytestFileFacts {
  /**
   * The config pytest reads for this file does not parse (`path:line:col`): its settings are unknown, so
   * the rules reading these facts report without fixing (see FileContext.finding).
   */
  configUnreadable?: string;
  /**
   * A test module under the same pytest config could not be read for the facts (`path (reason)`, see
   * ProjectFacts.unscanned): the rules reading these facts report without fixing.
   */
  factsUnread?: string;
  mode: 'strict' | 'auto';
  conftest: boolean;
  /**
   * A conftest.py or a module pytest collects tests from. Any other module defining fixtures is a
   * plugin (or a helper a plugin loads): its `event_loop` fixture belongs to its users.
   */
  pytestModule: boolean;
  /** Set when the file's tests and async fixtures ran in a loop an override of this scope gave them. */
  loopScope?: { scope: ScopeName; from: string };
  /** Why this run leaves the override defined in this file (see EventLoopOverride.held). */
  overrideHeld?: string;
  /** The route of an override defined in this file. */
  overrideRoute?: 'config' | 'markers';
  /** The config's default test and fixture loop scopes once the planned config edits are made. */
  defaultTestLoopScope: ScopeName;
  defaultFixtureLoopScope: ScopeName;
  anyioBackend?: { scope: ScopeName; needs: string[] };
  anyioUnplaced: boolean;
  /** Another file of the project sets a current loop (`dir/file.py:line`); see ProjectFacts.loopInstalls. */
  loopSetElsewhere?: string;
  /**
   * The project's own `event_loop` fixture this file's tests get (its own, else the nearest conftest's),
   * as `dir/file.py:line`, when it stays because sync tests under it hold the loop as an object.
   */
  eventLoopFixture?: string;
  /** A plugin module of the project defines `event_loop` (`dir/file.py:line`); see ProjectFacts.pluginEventLoops. */
  pluginEventLoop?: string;
  /**
   * The project's own `event_loop` fixture in reach of this file does more than make a loop (parameters,
   * a loop class, debug settings), so LM201 leaves it: what requests `event_loop` here still gets it
   * (`dir/file.py:line`, and what it does).
   */
  eventLoopStays?: { from: string; problem: string };
  /** Tests here requesting `loop` asked for pytest-aiohttp's removed fixture (no `loop` fixture of the project in reach). */
  aiohttpLoopRemoved?: boolean;
  /** Sync tests under this file's own `event_loop` override hold it as an object: it stays. */
  overrideKept?: boolean;
  /** This conftest.py gets the `event_loop` fixture the sync tests of these modules hold (`dir/file.py`). */
  sharedLoopFixture?: string[];
}

export const DEFAULT_FILE_FACTS: PytestFileFacts = { mode: 'strict', conftest: false, pytestModule: true, defaultTestLoopScope: 'function', defaultFixtureLoopScope: 'function', anyioUnplaced: false };
