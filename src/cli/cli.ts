// yargs: flags → Settings; then discover → process → print/write. Exit 0/1/2 per the contract.
import type { Mode } from '../common/mode.js';
import { packageInfo } from '../common/package-info.js';
import path from 'node:path';
import yargs from 'yargs';
import { ConfigError, excludeMatcher, loadConfig, type Config } from '../config/config.js';
import { DirectoryListing, discover, isForceExcluded } from '../discover/discover.js';
import { createProgress, progressWanted } from '../output/progress.js';
import { renderRuleDoc } from '../rule-api/docs.js';
import { findRule, selectRules, transforms, unknownSelectors } from '../engine/registry.js';
import { colorEnabled, colors } from '../output/colors.js';
import { unifiedDiffBytes } from '../output/diff.js';
import { createPrinter, type Format } from '../output/formats.js';
import { displayPath } from '../output/paths.js';
import { readAll, stdinResults } from './stdin.js';
import { Summary } from '../output/summary.js';
import type { FileResult, Settings, TargetVersion } from '../common/types.js';
import { SUPPORTED_TARGETS } from '../common/version.js';
import { describeInferredTarget } from '../config/project.js';
import { runFiles } from '../run/runner.js';
import { projectScope } from '../run/project-scope.js';
import { describeIoError } from '../common/io-errors.js';
import { withdrawn } from '../file/pipeline.js';
import { defaultJobs } from '../run/pool/pool.js';
import { inShard, parseShard, shardOf } from '../run/shard.js';
import { CONFIG_NAMES } from '../pytest/config.js';
import { writeIfUnchanged } from '../write/write.js';
import { writeOutput } from '../write/output.js';
import { DEFAULT_LIMITS, PARSER_MEMORY_MAX, parseSize } from '../common/limits.js';
import { StaleTempSweeper } from '../write/tempfiles.js';
import { ReviewSession, type ReviewArgs } from '../review/session.js';
import { FLAGS, HELP, PATHS, VERSION } from './options.js';
import { verifyRun, type VerifyRunOptions } from './verify-run.js';
import { writeStd } from './stdio.js';
import { VERIFY_DEFAULTS } from '../verify/verify.js';
import { wasmTiers } from '../run/wasm-tier.js';

// The bin shim opts the CLI's own process in to choosing the wasm tier of its runs, and to ending
// quietly-but-clearly when stdout or stderr cannot be written.
export { chooseWasmTier } from '../run/wasm-tier.js';
export { guardStdio } from './stdio.js';

interface Io {
  out: (s: string | Uint8Array) => void;
  err: (s: string) => void;
}

const defaultIo: Io = {
  out: (s) => writeStd(process.stdout, s),
  err: (s) => writeStd(process.stderr, s),
};

export function packageVersion(): string {
  return packageInfo().version;
}

function splitList(values: unknown): string[] {
  const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
  return list
    .flatMap((v) => String(v).split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

class UsageError extends Error {}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let usageError: string | undefined;
  const parser = yargs(argv)
    .scriptName('loopmigrate')
    .usage('$0 [paths..]\n\nFind legacy asyncio event-loop code and rewrite it for Python 3.12-3.14 and pytest-asyncio 1.x.\nWith no mode flag, safe fixes are applied in place.')
    .positional('paths', PATHS)
    .options(FLAGS)
    .conflicts('dry-run', ['check', 'patch', 'interactive', 'patch-dir'])
    .conflicts('check', ['patch', 'interactive', 'patch-dir'])
    .conflicts('patch', ['interactive', 'patch-dir'])
    .conflicts('interactive', 'patch-dir')
    .conflicts('quiet', 'verbose')
    .strictOptions()
    .help('help', HELP.describe)
    .alias('help', HELP.alias)
    .version('version', VERSION.describe, packageVersion())
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      usageError = msg || err?.message || 'invalid arguments';
    });
  let args;
  try {
    args = await parser.parseAsync();
  } catch (err) {
    usageError ??= err instanceof Error ? err.message : String(err);
  }
  if (usageError || !args) {
    io.err(`loopmigrate: error: ${usageError}\nRun 'loopmigrate --help' for usage.\n`);
    return 2;
  }
  if (args.help || args.version) return 0;
  try {
    return await run(args, io);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) {
      io.err(`loopmigrate: error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

interface Args extends ReviewArgs {
  _: (string | number)[];
  'dry-run'?: boolean;
  check?: boolean;
  patch?: string;
  select?: string | string[];
  ignore?: string | string[];
  'unsafe-fixes'?: boolean;
  'target-version'?: string;
  format: Format;
  'list-rules'?: boolean;
  explain?: string;
  'max-file-size'?: string;
  'parse-timeout'?: number;
  config?: string;
  'force-exclude'?: boolean;
  'stdin-filename'?: string;
  statistics?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  jobs?: number;
  shard?: string;
  verify?: string;
  'verify-baseline-failures-ok'?: boolean;
  'verify-max-runs'?: number;
  'verify-timeout'?: number;
  'verify-jobs'?: number;
  'verify-log-dir'?: string;
  'edit-config'?: boolean;
}

async function run(args: Args, io: Io): Promise<number> {
  if (args['list-rules']) {
    for (const t of transforms) io.out(`${t.code}  ${t.name.padEnd(36)} ${fixLabel(t.fixAvailability).padEnd(9)} ${t.summary}\n`);
    return 0;
  }
  if (args.explain !== undefined) {
    const rule = findRule(args.explain);
    if (!rule) throw new UsageError(`unknown rule '${args.explain}'; 'loopmigrate --list-rules' lists them`);
    io.out(renderRuleDoc(rule));
    return 0;
  }
  const cliSelect = splitList(args.select);
  const cliIgnore = splitList(args.ignore);
  const unknown = unknownSelectors([...cliSelect, ...cliIgnore]);
  if (unknown.length) throw new UsageError(`unknown rule selector ${unknown.map((u) => `'${u}'`).join(', ')}; use codes (LM101), prefixes (LM1) or names (--list-rules)`);
  const cliTarget = args['target-version'];
  if (cliTarget !== undefined && !(SUPPORTED_TARGETS as readonly string[]).includes(cliTarget)) {
    throw new UsageError(`invalid --target-version '${cliTarget}'; expected one of ${SUPPORTED_TARGETS.join(', ')}`);
  }
  const maxFileSize = args['max-file-size'] === undefined ? DEFAULT_LIMITS.maxFileSize : parseSize(args['max-file-size']);
  if (maxFileSize === null) throw new UsageError(`invalid --max-file-size '${args['max-file-size']}'; expected a size such as 10M, 512K or 2000000`);
  const timeout = args['parse-timeout'];
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout >= 0)) throw new UsageError(`invalid --parse-timeout '${timeout}'; expected a number of seconds (0: no limit)`);
  const limits = { maxFileSize, parseTimeoutMs: timeout === undefined ? DEFAULT_LIMITS.parseTimeoutMs : Math.round(timeout * 1000), parserMemory: parserMemoryLimit() };
  const stdinFile = args['stdin-filename'];
  if (stdinFile !== undefined && args._.length) throw new UsageError('--stdin-filename reads one file from stdin; do not pass paths as well');
  const paths = stdinFile !== undefined ? [stdinFile] : args._.length ? args._.map(String) : ['.'];
  const config = loadConfig(paths, args.config);
  const settings = mergeSettings({ select: cliSelect, ignore: cliIgnore, unsafeFixes: args['unsafe-fixes'], targetVersion: cliTarget as TargetVersion | undefined }, config);
  const mode: Mode = args['dry-run'] ? 'dry-run' : args.check ? 'check' : args.patch !== undefined || args['patch-dir'] !== undefined ? 'patch' : 'fix';
  const rules = selectRules(settings.select, settings.ignore);
  const color = colorEnabled(process.stderr);
  const quiet = Boolean(args.quiet);
  const note = args.verbose ? (s: string) => progress.log(`${colors(color).dim(`loopmigrate: ${s}`)}\n`) : () => {};
  const error = (s: string) => progress.log(`${colors(color).red('loopmigrate: error:')} ${s}\n`);
  const warn = (s: string) => progress.log(`${colors(color).yellow('loopmigrate: warning:')} ${s}\n`);
  // Machine output owns stdout, except when stdout carries the fixed source of --stdin-filename.
  const sourceToStdout = stdinFile !== undefined && mode === 'fix';
  const machineOut = sourceToStdout ? io.err : io.out;
  if (stdinFile !== undefined && (args.interactive || args['patch-dir'] !== undefined)) throw new UsageError('--stdin-filename cannot be combined with --interactive or --patch-dir');
  const verifyOptions = args.verify === undefined ? undefined : verifyOptionsOf(args, mode, stdinFile);
  const review = await ReviewSession.start(args, { mode, settings, rules, color, err: io.err });
  if (typeof review === 'string') throw new UsageError(review);

  const summary = new Summary(mode);
  const printer = createPrinter(args.format, {
    mode,
    rules,
    unsafeFixes: settings.unsafeFixes,
    color,
    quiet,
    statistics: Boolean(args.statistics),
    summary,
    out: machineOut,
    log: (s) => progress.log(s),
    err: io.err,
  });
  const patchChunks: Buffer[] = [];
  const jobs = args.jobs ?? defaultJobs();
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`invalid --jobs '${args.jobs}'; expected a whole number >= 1`);
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  if (shard === null) throw new UsageError(`invalid --shard '${args.shard}'; expected K/N with 1 <= K <= N, e.g. 1/4`);
  const prefilter = process.env.LOOPMIGRATE_PREFILTER !== '0';
  const started = performance.now();
  let results: AsyncIterable<FileResult>;
  let progress = createProgress(0, false, process.stderr);
  const workerOptions = { settings, transforms: rules, fix: mode !== 'check', jobs, prefilter, limits, keepSource: printer.needsSource };
  const sweeper = new StaleTempSweeper((temp) => progress.log(`loopmigrate: note: removed ${displayPath(temp)}, a temporary file left by an interrupted run\n`));
  let stdinBytes: Uint8Array | undefined;
  // --force-exclude (or the config's force-exclude): named paths are excluded like walked ones.
  const excludes = {
    defaultExcludes: config?.exclude === undefined,
    isExcluded: config && excludeMatcher(config),
    forceExclude: args['force-exclude'] ?? config?.forceExclude ?? false,
    root: config ? path.dirname(config.file) : process.cwd(),
    onForceExcluded: (abs: string) => note(`${displayPath(abs)}: excluded (--force-exclude)`),
  };
  /** Files the walk found (before --shard): none and no path error means the paths hold no Python file. */
  let found = 0;
  if (stdinFile !== undefined) {
    if (excludes.forceExclude && isForceExcluded(path.resolve(stdinFile), false, excludes)) {
      // Excluded: not processed (so --max-file-size does not apply); a fix to stdout passes it through unchanged.
      excludes.onForceExcluded(path.resolve(stdinFile));
      results = toAsync([]);
      for await (const chunk of process.stdin) if (sourceToStdout) io.out(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    } else {
      // Over --max-file-size, nothing is written to stdout either: the input was not read to its end.
      stdinBytes = await readAll(process.stdin, limits.maxFileSize);
      results = stdinResults(stdinFile, stdinBytes, limits.maxFileSize, workerOptions);
    }
  } else {
    const listing = new DirectoryListing(new Set(CONFIG_NAMES));
    // The rest of the project is read for its facts only: what cannot be read there is no error of this
    // run, and the project root is walked, not named, so --force-exclude has nothing to say there.
    const scope = projectScope(paths, { ...excludes, listing, forceExclude: false }, Boolean(args['edit-config']));
    const walked = counted(
      discover(paths, {
        ...excludes,
        listing,
        onProblem: (p) => {
          if (p.warning) {
            warn(`${displayPath(p.path)}: ${p.message}`);
            return;
          }
          summary.problem();
          error(`${displayPath(p.path)}: ${p.message}`);
        },
      }),
      () => found++,
    );
    // A shard processes its files only, but the project facts come from every file, and each project
    // edit (a config file) belongs to the shard its own path hashes to, so shards add up to one full run.
    const everything = shard ? [...walked] : undefined;
    const discovered = shard && everything ? inShard(everything, shard) : walked;
    const project = shard && everything ? { scope, named: everything, owns: (p: string) => shardOf(displayPath(p), shard.count) === shard.index } : { scope };
    // No bar with --interactive: its questions and hunks own the terminal, a bar redrawn over them
    // would hide the question being typed at, and its rate and ETA would count the user's thinking.
    if (!quiet && !args.interactive && progressWanted(process.stderr)) {
      // The bar needs a total, so the (cheap) path list is gathered first, only when a bar may show.
      const list = [...discovered];
      progress = createProgress(list.length, true, process.stderr);
      results = runFiles(list, { ...workerOptions, project, listing });
    } else results = runFiles(discovered, { ...workerOptions, project, listing });
  }
  note(config ? `config: ${displayPath(config.file)}` : 'config: none found (defaults)');
  note(
    `rules: ${rules.map((r) => r.code).join(', ') || 'none'}; target: ${settings.targetVersion ?? `each file's declared Python (${describeInferredTarget(path.join(path.resolve(paths[0] ?? '.'), '__loopmigrate__.py'))} here)`}`,
  );
  if (verifyOptions) {
    // Every result first: the fixes are proven together on a copy of the project before one is written.
    const all: FileResult[] = [];
    for await (const r of results) all.push(r);
    progress.stop();
    const verified = await verifyRun(all, { ...verifyOptions, settings, rules, log: (line) => io.err(`${line}\n`) });
    if (verified.status !== undefined) return verified.status;
    results = toAsync(verified.results);
  }
  const badConfigs = new Set<string>();
  // Each result becomes the file's result as the run leaves it: a fix that is not written after all is withdrawn.
  for await (let result of results) {
    progress.tick();
    const file = result.path;
    const shown = displayPath(file);
    if (mode === 'fix') sweeper.visit(result.snapshot?.realPath ?? file);
    if (mode === 'patch' && result.fixed !== undefined && (shown === '..' || shown.startsWith('../') || path.isAbsolute(shown))) {
      // A patch applies relative to where it is applied; a path out of the cwd would escape it.
      summary.skip('outside-cwd');
      error(`${shown}: is outside the current directory, so it cannot be part of a patch; run loopmigrate --patch from a directory that contains it`);
      result = { ...withdrawn(result), fixed: undefined };
    }
    if (result.skipped) {
      summary.skip(result.skipped.reason);
      const at = result.skipped.at ? `:${result.skipped.at.line}:${result.skipped.at.column}` : '';
      if (result.skipped.at) badConfigs.add(file);
      error(`${shown}${at}: ${result.skipped.message}`);
    }
    // A settings file that does not parse, reported once however many files (and threads) read it.
    for (const { path: bad, problem, assumed } of result.configProblems ?? []) {
      if (badConfigs.has(bad)) continue;
      badConfigs.add(bad);
      summary.problem();
      error(`${displayPath(bad)}:${problem.line}:${problem.column}: ${problem.message}; ${assumed}`);
    }
    if (result.fixed !== undefined && result.fixedBytes && result.originalBytes && result.original !== undefined) {
      if (mode === 'fix' && !sourceToStdout) {
        const decision = await review.beforeWrite(result, shown);
        result = decision.result;
        if (decision.refused) {
          summary.skip(decision.refused.reason);
          error(`${shown}: ${decision.refused.message}`);
        } else if (decision.bytes) {
          const outcome = result.snapshot
            ? writeIfUnchanged(result.snapshot, decision.bytes)
            : { ok: false as const, reason: 'write-failed' as const, message: 'was not read from disk, so it cannot be written back' };
          if (!outcome.ok) {
            result = withdrawn(result);
            summary.skip(outcome.reason);
            error(`${shown}: ${outcome.message}`);
          } else summary.changed();
        }
      } else {
        summary.changed();
        if (mode === 'patch' && args.patch !== undefined) patchChunks.push(unifiedDiffBytes(shown, result.original, result.fixed, result.originalBytes));
      }
    }
    review.collect(result, shown);
    summary.file(result.findings, settings.unsafeFixes, mode === 'check' ? 0 : (result.introduced ?? 0));
    if (result.notParsed) summary.unparsed();
    printer.file(result, shown);
    if (args.verbose) {
      const open = result.findings.filter((f) => !f.suppressed);
      const suppressed = result.findings.length - open.length;
      const fixed = open.filter((f) => f.applied).length;
      note(`${shown}: ${open.length} finding${open.length === 1 ? '' : 's'}, ${fixed} fixed${suppressed ? `, ${suppressed} suppressed` : ''} (${(result.elapsedMs ?? 0).toFixed(1)} ms)`);
    }
    // An editor replaces its buffer with this output, so anything but a clean fix echoes the input.
    if (sourceToStdout && stdinBytes) io.out(result.fixedBytes && !result.skipped ? result.fixedBytes : stdinBytes);
  }
  progress.stop();
  if (mode === 'patch' && args.patch !== undefined) {
    const patch = Buffer.concat(patchChunks);
    if (args.patch === '-') io.out(patch);
    else {
      try {
        writeOutput(args.patch, patch);
      } catch (err) {
        io.err(`loopmigrate: error: cannot write the patch to ${args.patch} (${describeIoError(err)}); any earlier file there is unchanged\n`);
        return 2;
      }
    }
  }
  for (const problem of review.finish()) {
    summary.problem();
    error(problem);
  }
  if (stdinFile === undefined && found === 0 && summary.problems === 0 && !quiet) {
    warn(`no Python files found in ${paths.join(', ')} (.py files and .ipynb notebooks that are not excluded or gitignored)`);
  }
  printer.end();
  if (!quiet) io.err(summary.line(settings.unsafeFixes) + '\n');
  note(`done in ${((performance.now() - started) / 1000).toFixed(2)} s; wasm: ${wasmTiers()}`);
  return summary.exitCode();
}

/** LOOPMIGRATE_PARSER_MEMORY: how much memory the parser may take for one file (README, "Limits"). */
function parserMemoryLimit(): number {
  const value = process.env.LOOPMIGRATE_PARSER_MEMORY;
  if (value === undefined || value === '') return DEFAULT_LIMITS.parserMemory;
  const bytes = parseSize(value);
  if (bytes === null || bytes < 64 * 1024 ** 2 || bytes > PARSER_MEMORY_MAX) {
    throw new UsageError(`invalid LOOPMIGRATE_PARSER_MEMORY '${value}'; expected a size from 64M to ${PARSER_MEMORY_MAX / 1024 ** 2}M, e.g. 1G`);
  }
  return bytes;
}

function* counted<T>(items: Iterable<T>, count: () => void): Generator<T> {
  for (const item of items) {
    count();
    yield item;
  }
}

async function* toAsync<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield await Promise.resolve(item);
}

/** --verify's settings, refused where there are no fixes to prove or no project to copy. */
function verifyOptionsOf(args: Args, mode: Mode, stdinFile: string | undefined): Omit<VerifyRunOptions, 'settings' | 'rules' | 'log'> {
  if (mode === 'check') throw new UsageError('--verify proves fixes; it cannot be combined with --check');
  if (stdinFile !== undefined || args.interactive) throw new UsageError('--verify cannot be combined with --stdin-filename or --interactive');
  if (process.platform === 'win32') throw new UsageError('--verify needs a POSIX shell; it is not supported on Windows');
  const command = (args.verify ?? '').trim();
  if (!command) throw new UsageError('--verify needs a command, e.g. --verify "pytest -x -q -rA"');
  const whole = (name: 'verify-jobs' | 'verify-max-runs' | 'verify-timeout', fallback: number, min: number): number => {
    const v = args[name];
    if (v === undefined) return fallback;
    if (!Number.isInteger(v) || v < min) throw new UsageError(`invalid --${name} '${String(v)}'; expected a whole number >= ${min}`);
    return v;
  };
  return {
    command,
    jobs: whole('verify-jobs', VERIFY_DEFAULTS.jobs, 1),
    maxRuns: whole('verify-max-runs', VERIFY_DEFAULTS.maxRuns, 2),
    timeoutMs: whole('verify-timeout', VERIFY_DEFAULTS.timeoutMs / 1000, 1) * 1000,
    baselineFailuresOk: Boolean(args['verify-baseline-failures-ok']),
    logDir: args['verify-log-dir'] === undefined ? undefined : path.resolve(args['verify-log-dir']),
  };
}

interface CliSettings {
  select: string[];
  ignore: string[];
  unsafeFixes: boolean | undefined;
  targetVersion: TargetVersion | undefined;
}

/** Flags win over the config file: --select replaces `select`, --ignore adds to `ignore`. */
export function mergeSettings(cli: CliSettings, config: Config | undefined): Settings {
  return {
    select: cli.select.length ? cli.select : (config?.select ?? []),
    ignore: [...(config?.ignore ?? []), ...cli.ignore],
    unsafeFixes: cli.unsafeFixes ?? config?.unsafeFixes ?? false,
    targetVersion: cli.targetVersion ?? config?.targetVersion,
    perFileIgnores: config?.perFileIgnores.length ? config.perFileIgnores : undefined,
  };
}

function fixLabel(a: string): string {
  return a === 'always' ? 'fix' : a === 'sometimes' ? 'some-fix' : 'report';
}
