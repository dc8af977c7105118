// yargs: flags → Settings; then discover → process → print/write. Exit 0/1/2 per the contract.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yargs from 'yargs';
import { discover } from './discover.js';
import { findRule, selectRules, transforms, unknownSelectors } from './registry.js';
import { unifiedDiff } from './report/diff.js';
import { jsonFinding, type JsonFinding } from './report/json.js';
import { displayPath } from './report/paths.js';
import { formatFinding } from './report/text.js';
import { Summary } from './summary.js';
import type { Settings, TargetVersion } from './types.js';
import { SUPPORTED_TARGETS } from './version.js';
import { runFiles } from './runner.js';
import { defaultJobs } from './pool.js';
import { inShard, parseShard } from './shard.js';
import { writeIfUnchanged } from './write.js';

export type Mode = 'fix' | 'dry-run' | 'check' | 'patch';

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function splitList(values: unknown): string[] {
  const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
  return list.flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean);
}

class UsageError extends Error {}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let usageError: string | undefined;
  const parser = yargs(argv)
    .scriptName('loopmigrate')
    .usage('$0 [paths..]\n\nFind legacy asyncio event-loop code and rewrite it for Python 3.12-3.14 and pytest-asyncio 1.x.\nWith no mode flag, safe fixes are applied in place.')
    .positional('paths', { describe: 'Files or directories to process (default: .)', type: 'string' })
    .option('dry-run', { type: 'boolean', describe: 'Print unified diffs of the fixes; write nothing' })
    .option('check', { type: 'boolean', describe: 'Report findings only; write nothing' })
    .option('patch', { type: 'string', describe: 'Write the fixes as one git-apply-able patch to FILE ("-" for stdout); touch no source file', requiresArg: true })
    .option('select', { type: 'string', array: true, describe: 'Rules to enable: codes, prefixes (LM1) or names, comma-separated' })
    .option('ignore', { type: 'string', array: true, describe: 'Rules to disable: codes, prefixes or names, comma-separated' })
    .option('unsafe-fixes', { type: 'boolean', describe: 'Also apply fixes that may change behaviour' })
    .option('target-version', { type: 'string', describe: `Minimum Python the code must run on (${SUPPORTED_TARGETS.join(', ')}); default: from requires-python in pyproject.toml, else py310`, requiresArg: true })
    .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'Output format for findings' })
    .option('jobs', { type: 'number', describe: 'Worker threads (default: one per core; 1 runs on the main thread)', requiresArg: true })
    .option('shard', { type: 'string', describe: 'Process only shard K of N (e.g. 2/4): a stable split by file path for CI matrices', requiresArg: true })
    .option('list-rules', { type: 'boolean', describe: 'List the rules and exit' })
    .option('explain', { type: 'string', describe: 'Print the documentation of a rule (code or name) and exit', requiresArg: true })
    .conflicts('dry-run', ['check', 'patch'])
    .conflicts('check', 'patch')
    .strictOptions()
    .help()
    .alias('help', 'h')
    .version(packageVersion())
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
    if (err instanceof UsageError) {
      io.err(`loopmigrate: error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

interface Args {
  _: (string | number)[];
  'dry-run'?: boolean;
  check?: boolean;
  patch?: string;
  select?: string[];
  ignore?: string[];
  'unsafe-fixes'?: boolean;
  'target-version'?: string;
  format: 'text' | 'json';
  'list-rules'?: boolean;
  explain?: string;
  jobs?: number;
  shard?: string;
}

async function run(args: Args, io: Io): Promise<number> {
  if (args['list-rules']) {
    for (const t of transforms) io.out(`${t.code}  ${t.name.padEnd(36)} ${fixLabel(t.fixAvailability).padEnd(9)} ${t.summary}\n`);
    return 0;
  }
  if (args.explain !== undefined) {
    const rule = findRule(args.explain);
    if (!rule) throw new UsageError(`unknown rule '${args.explain}'; 'loopmigrate --list-rules' lists them`);
    io.out(`# ${rule.code} ${rule.name}\n\nFix: ${fixLabel(rule.fixAvailability)} (target ${'>='} Python ${rule.minPython})\n\n${rule.docs}`);
    return 0;
  }
  const select = splitList(args.select);
  const ignore = splitList(args.ignore);
  const unknown = unknownSelectors([...select, ...ignore]);
  if (unknown.length) throw new UsageError(`unknown rule selector ${unknown.map((u) => `'${u}'`).join(', ')}; use codes (LM101), prefixes (LM1) or names (--list-rules)`);
  const target = args['target-version'];
  if (target !== undefined && !(SUPPORTED_TARGETS as readonly string[]).includes(target)) {
    throw new UsageError(`invalid --target-version '${target}'; expected one of ${SUPPORTED_TARGETS.join(', ')}`);
  }
  const settings: Settings = { select, ignore, unsafeFixes: Boolean(args['unsafe-fixes']), targetVersion: target as TargetVersion | undefined };
  const mode: Mode = args['dry-run'] ? 'dry-run' : args.check ? 'check' : args.patch !== undefined ? 'patch' : 'fix';
  const rules = selectRules(select, ignore);
  const paths = args._.length ? args._.map(String) : ['.'];
  const color = process.stderr.isTTY === true && !process.env.NO_COLOR;

  const summary = new Summary(mode);
  const json: JsonFinding[] = [];
  const patchChunks: string[] = [];
  const jobs = args.jobs ?? defaultJobs();
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`invalid --jobs '${args.jobs}'; expected a whole number >= 1`);
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  if (shard === null) throw new UsageError(`invalid --shard '${args.shard}'; expected K/N with 1 <= K <= N, e.g. 1/4`);
  const discovered = discover(paths, {
    onProblem: (p) => {
      summary.problem();
      io.err(`loopmigrate: error: ${displayPath(p.path)}: ${p.message}\n`);
    },
  });
  const files = shard ? inShard(discovered, shard) : discovered;
  const prefilter = process.env.LOOPMIGRATE_PREFILTER !== '0';
  for await (const result of runFiles(files, { settings, transforms: rules, fix: mode !== 'check', jobs, prefilter })) {
    const file = result.path;
    const shown = displayPath(file);
    if (result.skipped) {
      summary.skip(result.skipped.reason);
      io.err(`loopmigrate: error: ${shown}: ${result.skipped.message}\n`);
    }
    if (result.fixed !== undefined && result.fixedBytes && result.originalBytes && result.original !== undefined) {
      if (mode === 'fix') {
        const outcome = writeIfUnchanged(file, result.originalBytes, result.fixedBytes);
        if (!outcome.ok) {
          for (const f of result.findings) f.applied = false;
          summary.skip(outcome.reason);
          io.err(`loopmigrate: error: ${shown}: ${outcome.message}\n`);
        } else summary.changed();
      } else {
        summary.changed();
        const diff = unifiedDiff(shown, result.original, result.fixed);
        if (mode === 'dry-run' && args.format === 'text') io.out(diff);
        if (mode === 'patch') patchChunks.push(diff);
      }
    }
    summary.file(result.findings, settings.unsafeFixes);
    for (const f of result.findings) {
      if (args.format === 'json') json.push(jsonFinding(shown, f));
      else if (mode === 'check' || !f.applied) io.err(formatFinding(shown, f, { unsafeFixes: settings.unsafeFixes, color }) + '\n');
    }
  }
  if (mode === 'patch' && args.patch !== undefined) {
    const patch = patchChunks.join('');
    if (args.patch === '-') io.out(patch);
    else writeFileSync(path.resolve(args.patch), patch);
  }
  if (args.format === 'json') io.out(JSON.stringify({ version: 1, findings: json, summary: summary.toJson() }, null, 2) + '\n');
  io.err(summary.line(settings.unsafeFixes) + '\n');
  return summary.exitCode();
}

function fixLabel(a: string): string {
  return a === 'always' ? 'fix' : a === 'sometimes' ? 'some-fix' : 'report';
}
