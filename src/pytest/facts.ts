// Project facts: what the rules that declare `needs` (src/rule-api/transform.ts) know about other files.
//
// Design: the per-file worker model stays as it is: a file's result is a pure function of its text,
// the settings and the read-only facts handed to it. Rules that need to know about other files
// (a pytest config found from a conftest, an `event_loop` override in a parent conftest, where an
// `anyio_backend` fixture lives) get those facts from one cheap pre-pass over the discovered files,
// run before the per-file work:
//   1. gatherProjectFacts() reads only conftest.py and test modules whose text mentions the names the
//      rules look for, parses those, and records plain data: the pytest config each directory uses
//      (located as pytest does), the `event_loop` overrides with their scope and whether their body is
//      simple, `anyio_backend` fixtures and wide async fixtures, and which configs' projects use
//      pytest-asyncio. The result is JSON-serialisable, so a worker thread can receive it as is.
//   2. fileFacts() narrows them to what one file's transforms need (asyncio mode, the loop scope an
//      override implied for this file's tests, whether this conftest should hold an anyio_backend);
//      the engine hands that to FileContext as `ctx.pytest`.
//   3. Edits to files that are not Python (the pytest config) are "project edits": each rule plans its
//      own once from the facts (`plan` in src/rule-api/transform.ts), and project-edits.ts returns them
//      as ordinary FileResults keyed by the config path, so the CLI prints, patches and writes them like
//      any other file (a new section is just added text).
//   4. When a rule reads the loop facts (LM102-LM104), the pre-pass also searches every file's bytes
//      for `set_event_loop(x)` (loopInstalls): where another module sets a loop, `get_event_loop()`
//      returns it, and those rules keep runs on it. No file waits for these facts; the runner does
//      again the rare file a rule finished before they were known (recheck() in src/run/runner.ts).
// The facts are read from the files as they are before any fix, and every decision depends only on
// them, so a second run (on the fixed files) finds nothing left to do.
import { DEFAULT_FILE_FACTS, type ProjectFacts, type PytestFileFacts } from '../common/facts.js';
import { computeLineStarts, positionAt, positionIn } from '../common/lines.js';
import { readFileSync } from 'node:fs';
import { readRegularFile } from '../common/safe-read.js';
import path from 'node:path';
import { initParser, parse, parserAborted, ParserMemoryError, ParseTimeoutError, setParserMemoryLimit, setParseTimeout } from '../python/parser.js';
import { DEFAULT_LIMITS, formatSize, type Limits } from '../common/limits.js';
import { ScopeIndex } from '../python/scope.js';
import type { DirectoryListing } from '../discover/discover.js';
import { isBroken, locateConfig, setOptions, type ConfigCache } from './config.js';
import { type PytestConfig } from '../common/facts.js';
import { isScopeName, keyword, scopeRank } from './decorators.js';
import { type ScopeName } from '../common/facts.js';
import { eventLoopBodyProblem, firstLoopHolder, fixturesIn, makesFreshLoop } from './fixtures.js';
import { FIXTURES_IMPORTED, parameterNamed, TriggerIndex } from '../speed/triggers.js';
import { dimensionNames, overrideVerdict } from './loop-factories.js';

/** What the pre-pass asks of a test module's text, answered by one scan of its bytes. */
const ASKS = new TriggerIndex([
  // The module uses pytest-asyncio (its marks, its module, or its `event_loop` fixture).
  [
    ['asyncio', /\bpytest_asyncio\b|mark\.asyncio\b/],
    ['event_loop', parameterNamed('event_loop')],
  ],
  // It can hold what the pre-pass records (a conftest it keeps can be an anyio_backend target).
  ['event_loop', 'anyio', ['async def', 'scope']],
  // It can define such fixtures: pytest's fixture decorators, resolved through an import.
  [
    ['fixture', 'event_loop', FIXTURES_IMPORTED],
    ['fixture', 'anyio', FIXTURES_IMPORTED],
    ['fixture', 'async def', 'scope', FIXTURES_IMPORTED],
  ],
  // It runs tests on AnyIO.
  [['anyio', /mark\.anyio\b|\banyio_backend\b/]],
  // A sync test requests event_loop (it may hold it as an object).
  [['event_loop', /(?<!async[ \t]{1,8})\bdef[ \t]+test\w*[ \t]*\([^)]*\bevent_loop\b/]],
  // It defines a `loop` fixture (pytest-aiohttp 1.x removed its own).
  [['def loop', 'fixture', FIXTURES_IMPORTED]],
  // It names pytest-aiohttp, or aiohttp's own plugin (which keeps a `loop` fixture).
  ['pytest_aiohttp'],
  ['aiohttp.pytest_plugin'],
]);
const [USES_ASYNCIO, KEEP, PARSE, USES_ANYIO, SYNC_LOOP_TESTS, DEFINES_LOOP, PYTEST_AIOHTTP, AIOHTTP_PLUGIN] = [0, 1, 2, 3, 4, 5, 6, 7];

const DEFAULT_PYTHON_FILES = ['test_*.py', '*_test.py'];

/** conftest.py, or a module pytest collects tests from: its basename matches the config's `python_files`. */
export function isTestModule(file: string, cfg?: PytestConfig): boolean {
  const base = path.basename(file);
  if (base === 'conftest.py') return true;
  const patterns = cfg?.options.python_files?.split(/\s+/).filter(Boolean) ?? DEFAULT_PYTHON_FILES;
  return patterns.some((p) => globToRegExp(p.includes('/') ? p.slice(p.lastIndexOf('/') + 1) : p).test(base));
}

const globs = new Map<string, RegExp>();

function globToRegExp(glob: string): RegExp {
  let re = globs.get(glob);
  if (!re) {
    const body = glob
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`);
    globs.set(glob, re);
  }
  return re;
}

function isUnder(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

interface Scanned {
  file: string;
  /** Its sync tests hold `event_loop` as an object. */
  holdsLoop?: boolean;
  wideAsync: Array<{ line: number; scope: ScopeName; anyioKind: boolean; loopScoped: boolean }>;
  anyioBackend: ScopeName | null;
  usesAnyio: boolean;
}

/** What a run covers, when it is not the whole project (named paths, the pre-commit hook). */
export interface RunScope {
  /** The files the run processes (every shard's). */
  processed: ReadonlySet<string>;
  /** Whether the run may edit this pytest config (the paths given hold it, or --edit-config). */
  mayEdit: (config: string) => boolean;
}

/**
 * The pre-pass; `files` are the absolute paths of the whole project (discovery from the project root),
 * `scope` what of it this run processes. The few modules that define fixtures the rules care about are
 * parsed, so the parser is initialised on the first of them only.
 */
export async function gatherProjectFacts(
  files: readonly string[],
  listing?: DirectoryListing,
  loopFacts = false,
  pluginFixtures = false,
  scope?: RunScope,
  limits: Limits = DEFAULT_LIMITS,
): Promise<ProjectFacts> {
  // The run's limits hold here as for the files it processes: a module of the project the run does not
  // process is read and parsed within them too.
  setParseTimeout(limits.parseTimeoutMs);
  setParserMemoryLimit(limits.parserMemory);
  const facts: ProjectFacts = {
    configs: {},
    configOf: {},
    broken: {},
    overrides: [],
    asyncioProjects: [],
    anyio: [],
    anyioUnplaced: [],
    planned: {},
    loopInstalls: [],
    pluginEventLoops: [],
    aiohttpProjects: [],
    loopFixtures: [],
    sharedLoopFixtures: [],
    unscopedWide: [],
    unscanned: [],
  };
  const processed = (f: string) => !scope || scope.processed.has(f);
  const located: ConfigCache = new Map();
  const configFor = (file: string): string | null => {
    const dir = path.dirname(file);
    if (!(dir in facts.configOf)) {
      const cfg = locateConfig(dir, located, listing);
      if (isBroken(cfg)) facts.broken[cfg.path] ??= cfg;
      else if (cfg) facts.configs[cfg.path] ??= cfg;
      facts.configOf[dir] = cfg?.path ?? null;
    }
    return facts.configOf[dir] ?? null;
  };
  const tests = files.filter((f) => {
    const cfgPath = configFor(f);
    return isTestModule(f, cfgPath ? facts.configs[cfgPath] : undefined);
  });
  const asyncio = new Set<string>();
  const aiohttp = new Set<string>();
  const aiohttpPlugin = new Set<string>();
  const scanned: Scanned[] = [];
  for (const file of tests) {
    const cfgPath = configFor(file);
    const bytes = readWithin(file, limits.maxFileSize);
    if (bytes === undefined) continue;
    if (typeof bytes === 'string') {
      facts.unscanned.push({ file, config: cfgPath, reason: bytes });
      // Not read, so it may set a loop too (as any other module: searchOtherModules).
      if (loopFacts) facts.loopInstalls.push({ file, line: 0, unread: bytes });
      continue;
    }
    // The test modules' bytes are here already: their loop installs are searched now, not read again.
    if (loopFacts) loopInstallsIn(file, bytes, facts);
    const answers = new Set(ASKS.scan(bytes));
    if (answers.has(USES_ASYNCIO)) asyncio.add(cfgPath ?? '');
    if (answers.has(PYTEST_AIOHTTP)) aiohttp.add(cfgPath ?? '');
    if (answers.has(AIOHTTP_PLUGIN)) aiohttpPlugin.add(cfgPath ?? '');
    // One parse answers everything asked of a module: the fixtures the rules care about, sync tests
    // holding event_loop, a `loop` fixture of its own.
    const usesAnyio = answers.has(USES_ANYIO);
    const kept = answers.has(KEEP);
    if (!answers.has(DEFINES_LOOP) && !(kept && (answers.has(PARSE) || answers.has(SYNC_LOOP_TESTS)))) {
      if (kept) scanned.push({ file, wideAsync: [], anyioBackend: null, usesAnyio });
      continue;
    }
    await initParser();
    let found: Scanned;
    try {
      found = scanFile(file, bytes.toString('utf8'), usesAnyio, facts);
    } catch (err) {
      const reason = err instanceof ParserMemoryError || err instanceof ParseTimeoutError ? err.message : parserAborted(err);
      if (reason === undefined) throw err;
      facts.unscanned.push({ file, config: cfgPath, reason });
      continue;
    }
    if (kept) scanned.push(found);
  }
  for (const [p, cfg] of Object.entries(facts.configs)) {
    if (cfg.options.asyncio_mode !== undefined || cfg.options.asyncio_default_fixture_loop_scope !== undefined) asyncio.add(p);
    if (cfg.dependencies.some((d) => /^pytest[-_]asyncio\b/.test(d))) asyncio.add(p);
    if (cfg.dependencies.some((d) => /^pytest[-_]aiohttp\b/i.test(d))) aiohttp.add(p);
  }
  facts.asyncioProjects = [...asyncio].sort();
  facts.aiohttpProjects = [...aiohttp].filter((p) => !aiohttpPlugin.has(p)).sort();
  const holders = scanned.filter((s) => s.holdsLoop).map((s) => s.file);
  for (const o of facts.overrides) {
    const conftest = path.basename(o.file) === 'conftest.py';
    o.keptFor = holders.find((h) => (conftest ? isUnder(h, path.dirname(o.file)) : h === o.file)) ?? null;
  }
  for (const o of facts.overrides) {
    const other = o.dimensions && requestedUnder(o.file, o.dimensions, tests, limits.maxFileSize);
    if (other) o.problem = `it customises the loop, and a loop-factories hook cannot take its place: ${other}`;
  }
  for (const o of facts.overrides) {
    o.config = configFor(o.file);
    const governed = tests.filter((t) => configFor(t) === o.config && path.basename(t) !== 'conftest.py');
    const dir = path.dirname(o.file);
    const coversAll = path.basename(o.file) === 'conftest.py' && governed.every((t) => isUnder(t, dir));
    const cfg = o.config ? facts.configs[o.config] : undefined;
    o.route = cfg && coversAll && editable(cfg) ? 'config' : 'markers';
    // Removing the override is one change with carrying its scope: both in this run, or neither.
    if (o.problem || !scope || !processed(o.file)) continue;
    if (o.route === 'config' && cfg && !scope.mayEdit(cfg.path)) {
      o.held = `its scope belongs in ${path.basename(cfg.path)}, which is outside the paths given; run loopmigrate with --edit-config, or on the whole project`;
      continue;
    }
    const left = o.route === 'markers' ? tests.find((t) => isUnder(t, dir) && !processed(t) && path.basename(t) !== 'conftest.py') : undefined;
    if (left)
      o.held = `its scope must go onto the tests it covers, and this run does not process ${path.relative(dir, left).split(path.sep).join('/')}; run loopmigrate on ${path.basename(dir)}/ as a whole`;
  }
  for (const s of scanned) for (const w of s.wideAsync) if (!w.loopScoped) facts.unscopedWide.push({ file: s.file, line: w.line, scope: w.scope });
  planAnyio(scanned, facts, configFor);
  if (loopFacts || pluginFixtures) {
    const searched = new Set(tests);
    searchOtherModules(
      files.filter((f) => !searched.has(f)),
      facts,
      loopFacts,
      pluginFixtures,
      limits.maxFileSize,
    );
  }
  if (pluginFixtures && facts.pluginEventLoops.length === 0) planSharedLoopFixtures(holders, tests, facts, configFor);
  return facts;
}

/**
 * Where a test module under a conftest requests one of `names` (a parameter of a def, `usefixtures`,
 * `getfixturevalue`), judged from its text: a look-alike only makes LM201 report instead of fixing.
 */
function requestedUnder(conftest: string, names: string[], tests: readonly string[], maxFileSize: number): string | null {
  const dir = path.dirname(conftest);
  for (const t of tests) {
    if (t === conftest || !isUnder(t, dir)) continue;
    const bytes = readWithin(t, maxFileSize);
    // One too large to read may request them as well.
    if (typeof bytes === 'string') return `${path.relative(dir, t)} may request \`${names[0]}\` too (not read: ${bytes})`;
    if (bytes === undefined) continue;
    const text = bytes.toString('latin1');
    for (const name of names) {
      if (!text.includes(name)) continue;
      const asParameter = new RegExp(`\\bdef[ \\t]+\\w+[ \\t]*\\([^)]*\\b${name}\\b`);
      const byName = new RegExp(`(usefixtures|getfixturevalue)\\([^)]*['"]${name}['"]`);
      if (asParameter.test(text) || byName.test(text)) return `\`${name}\` is also requested in ${path.relative(dir, t)}`;
    }
  }
  return null;
}

/**
 * Modules whose sync tests hold `event_loop` as an object and have no `event_loop` fixture of the
 * project in reach (each would get its own from LM202): where two or more of them, under one pytest
 * config, sit below an existing conftest.py, that conftest gets the fixture once, as a project keeps
 * shared fixtures. The nearest conftest above all of them that pytest reads for each.
 */
function planSharedLoopFixtures(holders: string[], tests: readonly string[], facts: ProjectFacts, configFor: (f: string) => string | null): void {
  const inReach = (h: string) => facts.overrides.some((o) => o.file === h || (path.basename(o.file) === 'conftest.py' && isUnder(h, path.dirname(o.file))));
  const byConfig = new Map<string, string[]>();
  for (const h of holders) {
    if (path.basename(h) === 'conftest.py' || inReach(h)) continue;
    const key = configFor(h) ?? '';
    byConfig.set(key, [...(byConfig.get(key) ?? []), h]);
  }
  const conftests = new Set(tests.filter((t) => path.basename(t) === 'conftest.py'));
  for (const [cfg, group] of byConfig) {
    if (group.length < 2) continue;
    let common = path.dirname(group[0] ?? '');
    for (const h of group) while (!isUnder(h, common)) common = path.dirname(common);
    // The nearest conftest at or above the common directory, within the config's directory.
    const top = cfg ? path.dirname(cfg) : path.parse(common).root;
    for (let dir = common; isUnder(dir, top); dir = path.dirname(dir)) {
      const conftest = path.join(dir, 'conftest.py');
      // LM202 looks at the conftest when it mentions pytest (its trigger): nearly every conftest does.
      if (conftests.has(conftest) && mentionsPytest(conftest)) {
        facts.sharedLoopFixtures.push({ conftest, holders: group });
        break;
      }
      if (dir === top || path.dirname(dir) === dir) break;
    }
  }
}

function mentionsPytest(file: string): boolean {
  const bytes = readWithin(file, DEFAULT_LIMITS.maxFileSize);
  return typeof bytes === 'string' || (bytes?.includes('pytest') ?? false);
}

/**
 * The file's bytes; undefined when it cannot be read (the run reports that where it processes the
 * file); a string saying why when it is larger than `max` (--max-file-size): it is not read at all.
 */
function readWithin(file: string, max: number): Buffer | string | undefined {
  const read = readRegularFile(file, max);
  return read === 'too-large' ? `over the ${formatSize(max)} limit of --max-file-size` : read;
}

/**
 * `set_event_loop(x)` with x not None, spelled as a call (an attribute or a name, as imports allow):
 * found on the bytes, without a parse, so the pre-pass costs a read and a search per file. It may
 * count a look-alike; that only makes LM102-LM104 report where they could have fixed.
 */
const SETS_LOOP = /\bset_event_loop[ \t]*\([ \t]*(?!None[ \t]*\))([A-Za-z_][\w.]*)?/g;

const DEFINES_EVENT_LOOP = /^[ \t]*def[ \t]+event_loop[ \t]*\(/m;

/**
 * The modules that are not conftest.py or test modules, read once for what the rules ask of them:
 * every `asyncio.set_event_loop(x)` (x not None), except a loop closed where it was set (loop facts);
 * `def event_loop(` in a plugin module (its fixture may be what the project's sync tests get).
 */
function searchOtherModules(files: readonly string[], facts: ProjectFacts, loopFacts: boolean, pluginFixtures: boolean, maxFileSize: number): void {
  for (const file of files) {
    if (!file.endsWith('.py')) continue;
    const bytes = readWithin(file, maxFileSize);
    if (bytes === undefined) continue;
    if (typeof bytes === 'string') {
      // Not read, so it may do either: the rules that ask report instead of fixing.
      if (loopFacts) facts.loopInstalls.push({ file, line: 0, unread: bytes });
      if (pluginFixtures) facts.pluginEventLoops.push({ file, line: 0 });
      continue;
    }
    if (loopFacts) loopInstallsIn(file, bytes, facts);
    if (pluginFixtures && bytes.indexOf('event_loop') !== -1) {
      const text = bytes.toString('latin1');
      const m = DEFINES_EVENT_LOOP.exec(text);
      if (m) facts.pluginEventLoops.push({ file, line: positionIn(text, m.index).line });
    }
  }
}

function loopInstallsIn(file: string, bytes: Buffer, facts: ProjectFacts): void {
  if (bytes.indexOf('set_event_loop(') === -1 && bytes.indexOf('set_event_loop (') === -1) return;
  const text = bytes.toString('latin1');
  let starts: number[] | undefined;
  for (const m of text.matchAll(SETS_LOOP)) {
    const name = m[1];
    if (name && closedLater(text, m.index + m[0].length, name)) continue;
    facts.loopInstalls.push({ file, line: positionAt((starts ??= computeLineStarts(text)), m.index).line });
  }
}

/**
 * `loop = new_event_loop(); set_event_loop(loop); ...; loop.close()`: a loop set for one function's
 * runs and closed before anything else can use it installs nothing for others. Judged from the text:
 * `name.close()` before the next top-level `def` or `class`.
 */
function closedLater(text: string, from: number, name: string): boolean {
  const rest = text.slice(from);
  const nextDef = /\n(?:async[ \t]+)?def[ \t]|\nclass[ \t]/.exec(rest);
  const body = nextDef ? rest.slice(0, nextDef.index) : rest;
  return body.includes(`${name}.close()`);
}

function editable(cfg: PytestConfig | undefined): boolean {
  if (!cfg) return false;
  try {
    return setOptions(cfg, readFileSync(cfg.path, 'utf8'), [['asyncio_default_fixture_loop_scope', 'function']]) !== null;
  } catch {
    return false;
  }
}

function scanFile(file: string, text: string, usesAnyio: boolean, facts: ProjectFacts): Scanned {
  const tree = parse(text);
  try {
    const scopes = new ScopeIndex(tree.rootNode, text);
    const out: Scanned = { file, wideAsync: [], anyioBackend: null, usesAnyio };
    for (const fx of fixturesIn(tree.rootNode, scopes)) {
      const line = fx.def.startPosition.row + 1;
      if (fx.name === 'loop' && facts.loopFixtures.at(-1) !== file) facts.loopFixtures.push(file);
      if (fx.name === 'event_loop') {
        const verdict = fx.scope
          ? overrideVerdict(fx.def, tree.rootNode, scopes, path.basename(file) === 'conftest.py', eventLoopBodyProblem(fx.def, scopes))
          : { problem: 'its scope is not a plain string', plan: null };
        const dimensions = verdict.plan ? dimensionNames(verdict.plan) : undefined;
        facts.overrides.push({
          file,
          line,
          scope: fx.scope,
          problem: verdict.problem,
          route: 'markers',
          config: null,
          fresh: makesFreshLoop(fx.def),
          keptFor: null,
          ...(dimensions?.length ? { dimensions } : {}),
        });
      } else if (fx.name === 'anyio_backend') {
        out.anyioBackend = fx.scope ?? 'function';
      } else if (fx.async && fx.scope && fx.scope !== 'function') {
        out.wideAsync.push({ line, scope: fx.scope, anyioKind: fx.decorator.qualified === 'pytest.fixture', loopScoped: keyword(fx.decorator.args, 'loop_scope') !== null });
      }
    }
    out.holdsLoop = firstLoopHolder(tree.rootNode, scopes) !== undefined;
    return out;
  } finally {
    tree.delete();
  }
}

/**
 * AnyIO runs an async fixture on the `anyio_backend` fixture's runner, so a session-scoped async
 * fixture needs a session-scoped anyio_backend visible from it: put one in the conftest of the
 * deepest directory that holds all such fixtures (or widen the one that is there).
 */
function planAnyio(scanned: Scanned[], facts: ProjectFacts, configFor: (f: string) => string | null): void {
  const byConfig = new Map<string, Scanned[]>();
  for (const s of scanned) {
    const key = configFor(s.file) ?? '';
    byConfig.set(key, [...(byConfig.get(key) ?? []), s]);
  }
  for (const [cfgPath, group] of byConfig) {
    if (!group.some((s) => s.usesAnyio)) continue;
    const cfg = facts.configs[cfgPath];
    // In auto mode pytest-asyncio owns async @pytest.fixture functions, not AnyIO.
    if (cfg && modeOf(cfg) === 'auto') continue;
    const wide = group.flatMap((s) => s.wideAsync.filter((w) => w.anyioKind).map((w) => ({ ...w, file: s.file })));
    if (wide.length === 0) continue;
    const scope = wide.reduce<ScopeName>((acc, w) => (scopeRank(w.scope) > scopeRank(acc) ? w.scope : acc), 'function');
    let common = path.dirname(wide[0]?.file ?? '');
    for (const w of wide) while (!isUnder(w.file, common)) common = path.dirname(common);
    // An existing anyio_backend in the covering conftest (or an ancestor's) is widened in place.
    const existing = group.filter((s) => s.anyioBackend !== null && path.basename(s.file) === 'conftest.py' && isUnder(common, path.dirname(s.file))).sort((a, b) => b.file.length - a.file.length)[0];
    const conftest = path.join(common, 'conftest.py');
    const sameFile = wide.every((w) => w.file === wide[0]?.file) ? wide[0]?.file : undefined;
    const target = existing?.file ?? (scanned.some((s) => s.file === conftest) ? conftest : sameFile);
    const needs = wide.map((w) => `${w.file}:${w.line}`);
    if (existing && existing.anyioBackend && scopeRank(existing.anyioBackend) >= scopeRank(scope)) continue;
    if (target) facts.anyio.push({ target, scope, needs });
    else for (const w of wide) facts.anyioUnplaced.push({ file: w.file, scope: w.scope });
  }
}

export function modeOf(cfg: PytestConfig | undefined): 'strict' | 'auto' {
  if (!cfg) return 'strict';
  if (/--asyncio-mode[= ]auto\b/.test(cfg.options.addopts ?? '')) return 'auto';
  return cfg.options.asyncio_mode?.trim() === 'auto' ? 'auto' : 'strict';
}

/** Whether any file's facts can satisfy a facts condition (an override or an AnyIO plan exists). */
export function mayHoldFacts(facts: ProjectFacts): boolean {
  return (
    Object.keys(facts.broken).length > 0 ||
    facts.unscanned.length > 0 ||
    facts.overrides.length > 0 ||
    facts.anyio.length > 0 ||
    facts.anyioUnplaced.length > 0 ||
    facts.loopInstalls.length > 0 ||
    facts.aiohttpProjects.length > 0 ||
    facts.sharedLoopFixtures.length > 0
  );
}

/** A path in a message: relative to the current directory when inside it, else absolute. */
export function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

/** The facts one file's transforms see. */
export function fileFacts(facts: ProjectFacts, file: string): PytestFileFacts {
  const dir = path.dirname(file);
  const cfgPath = facts.configOf[dir] ?? null;
  const cfg = cfgPath ? facts.configs[cfgPath] : undefined;
  const out: PytestFileFacts = { ...DEFAULT_FILE_FACTS, mode: modeOf(cfg), conftest: path.basename(file) === 'conftest.py', pytestModule: isTestModule(file, cfg) };
  const broken = cfgPath ? facts.broken[cfgPath] : undefined;
  if (broken) out.configUnreadable = `${shownPath(broken.path)}:${broken.problem.line}:${broken.problem.column}`;
  // The defaults the tests will run with: the config as this run's project edits leave it.
  const options = (cfgPath && facts.planned[cfgPath]) || cfg?.options || {};
  const testDefault = options.asyncio_default_test_loop_scope;
  const fixtureDefault = options.asyncio_default_fixture_loop_scope;
  out.defaultTestLoopScope = isScopeName(testDefault) ? testDefault : 'function';
  out.defaultFixtureLoopScope = isScopeName(fixtureDefault) ? fixtureDefault : 'function';
  const own = facts.overrides.find((o) => o.file === file);
  if (own) out.overrideRoute = own.route;
  if (own?.held) out.overrideHeld = own.held;
  if (own?.keptFor) out.overrideKept = true;
  // The override pytest uses for this file: its own, else the nearest conftest's above it.
  const effective = own ?? facts.overrides.filter((o) => path.basename(o.file) === 'conftest.py' && isUnder(file, path.dirname(o.file))).sort((a, b) => b.file.length - a.file.length)[0];
  const stays = effective?.problem ?? effective?.held;
  if (effective && stays) out.eventLoopStays = { from: `${path.basename(path.dirname(effective.file))}/${path.basename(effective.file)}:${effective.line}`, problem: stays };
  if (effective?.keptFor) out.eventLoopFixture = `${path.basename(path.dirname(effective.file))}/${path.basename(effective.file)}:${effective.line}`;
  if (facts.aiohttpProjects.includes(cfgPath ?? '')) {
    const own = facts.loopFixtures.some((f) => f === file || (path.basename(f) === 'conftest.py' && isUnder(file, path.dirname(f))));
    if (!own) out.aiohttpLoopRemoved = true;
  }
  const short = (f: string) => `${path.basename(path.dirname(f))}/${path.basename(f)}`;
  const shared = facts.sharedLoopFixtures.find((p) => p.conftest === file);
  if (shared) out.sharedLoopFixture = shared.holders.map(short);
  const sharedFor = facts.sharedLoopFixtures.find((p) => p.holders.includes(file));
  if (sharedFor) out.eventLoopFixture = short(sharedFor.conftest);
  const plugin = facts.pluginEventLoops[0];
  if (plugin) out.pluginEventLoop = `${path.basename(path.dirname(plugin.file))}/${path.basename(plugin.file)}:${plugin.line}`;
  if (effective && effective.route === 'markers' && effective.scope && !effective.problem && effective.scope !== out.defaultTestLoopScope) {
    out.loopScope = { scope: effective.scope, from: `${path.basename(path.dirname(effective.file))}/${path.basename(effective.file)}:${effective.line}` };
  }
  const plan = facts.anyio.find((a) => a.target === file);
  if (plan) out.anyioBackend = { scope: plan.scope, needs: plan.needs };
  out.anyioUnplaced = facts.anyioUnplaced.some((u) => u.file === file);
  const elsewhere = facts.loopInstalls.find((i) => i.file !== file);
  const named = (f: string) => `${path.basename(path.dirname(f))}/${path.basename(f)}`;
  if (elsewhere) out.loopSetElsewhere = elsewhere.unread ? `${named(elsewhere.file)} (not read: ${elsewhere.unread})` : `${named(elsewhere.file)}:${elsewhere.line}`;
  const unread = facts.unscanned.find((u) => u.config === cfgPath);
  if (unread) out.factsUnread = `${shownPath(unread.file)} (${unread.reason})`;
  return out;
}
