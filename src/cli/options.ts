// The command line's options, in the order `--help` lists them. yargs gets them from here
// (src/cli/cli.ts) and so does the README's flag table (src/cli/flag-table.ts, `npm run docs`), so
// the two cannot drift apart.
import type { Options } from 'yargs';
import { DEFAULT_LIMITS } from '../common/limits.js';
import { SUPPORTED_TARGETS } from '../common/version.js';
import { FORMATS } from '../output/formats.js';
import { reviewOptions } from '../review/session.js';

/**
 * One option as yargs takes it, plus two fields yargs ignores and only the table shows: the name of
 * its value (`--patch FILE`) and, where yargs has no `default` (it is computed, or comes from the
 * config), the default in words. The description states that default too; test/docs.test.ts checks
 * that it does.
 */
export type Flag = Options & { value?: string; defaultText?: string };

const maxFileSize = `${DEFAULT_LIMITS.maxFileSize / 1024 ** 2}M`;
const parseTimeout = `${DEFAULT_LIMITS.parseTimeoutMs / 1000}`;

export const PATHS = { describe: 'Files or directories to process (default: .)', type: 'string', defaultText: '.' } as const satisfies Flag;

export const FLAGS = {
  'dry-run': { type: 'boolean', describe: 'Print unified diffs of the fixes; write nothing' },
  check: { type: 'boolean', describe: 'Report findings only; write nothing' },
  patch: { type: 'string', value: 'FILE', describe: 'Write the fixes as one git-apply-able patch to FILE ("-" for stdout); touch no source file', requiresArg: true },
  // Not array options: those would swallow the paths after them (`--select LM101 src/`). Repeating
  // the flag still collects every value.
  select: { type: 'string', value: 'RULES', requiresArg: true, describe: 'Rules to enable: codes, prefixes (LM1) or names, comma-separated (repeatable)' },
  ignore: { type: 'string', value: 'RULES', requiresArg: true, describe: 'Rules to disable: codes, prefixes or names, comma-separated (repeatable)' },
  'unsafe-fixes': { type: 'boolean', describe: 'Also apply fixes that may change behaviour' },
  'edit-config': {
    type: 'boolean',
    describe: "Also edit the project's pytest config when it lies outside the paths given (one file, or the files pre-commit passes); without it such an edit is reported",
  },
  'target-version': {
    type: 'string',
    value: 'VERSION',
    defaultText: 'py310',
    describe: `Minimum Python the code must run on (${SUPPORTED_TARGETS.join(', ')}); default: target-version in the config, else requires-python in pyproject.toml, else py310`,
    requiresArg: true,
  },
  format: { choices: FORMATS, default: 'text' as const, describe: 'Output format for findings: text (stderr), json, sarif (SARIF 2.1.0) or github (workflow annotations) on stdout' },
  config: { type: 'string', value: 'FILE', describe: 'Use this config file (pyproject.toml or loopmigrate.toml) instead of searching upwards from the paths', requiresArg: true },
  'force-exclude': {
    type: 'boolean',
    describe: 'Apply the excludes (exclude, extend-exclude, the default ones) to the files and directories named on the command line and to the stdin filename too, as pre-commit needs',
  },
  'stdin-filename': {
    type: 'string',
    value: 'PATH',
    describe: 'Read the source from stdin as if it were file PATH; in fix mode write the fixed source to stdout (findings go to stderr)',
    requiresArg: true,
  },
  statistics: { type: 'boolean', describe: 'Print a table of findings per rule (count, fixable, suppressed)' },
  quiet: { alias: 'q', type: 'boolean', describe: 'Print only errors (no findings, summary or progress on stderr)' },
  verbose: { alias: 'v', type: 'boolean', describe: 'Print per-file notes, the config used and timings' },
  'max-file-size': { type: 'string', value: 'SIZE', defaultText: maxFileSize, describe: `Skip files larger than this (bytes, or with K/M/G; default ${maxFileSize})`, requiresArg: true },
  'parse-timeout': {
    type: 'number',
    value: 'SECONDS',
    defaultText: parseTimeout,
    describe: `Skip a file whose parse takes longer than this many seconds (default ${parseTimeout}; 0: no limit)`,
    requiresArg: true,
  },
  jobs: { type: 'number', value: 'N', defaultText: 'one per core', describe: 'Worker threads (default: one per core; 1 runs on the main thread)', requiresArg: true },
  shard: { type: 'string', value: 'K/N', describe: 'Process only shard K of N (e.g. 2/4): a stable split by file path for CI matrices', requiresArg: true },
  'list-rules': { type: 'boolean', describe: 'List the rules and exit' },
  explain: { type: 'string', value: 'RULE', describe: 'Print the documentation of a rule (code or name) and exit', requiresArg: true },
  interactive: reviewOptions.interactive,
  'patch-dir': { ...reviewOptions['patch-dir'], value: 'DIR' },
  'allow-dirty': reviewOptions['allow-dirty'],
  report: { ...reviewOptions.report, value: 'FILE' },
  verify: {
    type: 'string',
    value: 'COMMAND',
    requiresArg: true,
    describe: 'Run COMMAND (e.g. "pytest -x -q -rA") on a temporary copy of the project before and after the fixes, revert the fixes that make it fail, and apply the rest',
  },
  'verify-baseline-failures-ok': { type: 'boolean', describe: 'With --verify: when COMMAND already fails, compare failing test ids (pytest -rA or --junitxml) instead of stopping' },
  'verify-max-runs': {
    type: 'number',
    value: 'N',
    defaultText: '40',
    describe: 'With --verify: run COMMAND at most N times (default 40); fixes not proven safe by then are reverted',
    requiresArg: true,
  },
  'verify-timeout': { type: 'number', value: 'SECONDS', defaultText: '600', describe: 'With --verify: a run of COMMAND longer than this fails (default 600)', requiresArg: true },
  'verify-jobs': { type: 'number', value: 'N', defaultText: '1', describe: 'With --verify: run COMMAND in up to N copies at once (default 1)', requiresArg: true },
  'verify-log-dir': { type: 'string', value: 'DIR', describe: "With --verify: keep each run's output here (default: a new temporary directory, named in the summary)", requiresArg: true },
} satisfies Record<string, Flag>;

/** yargs' own --help and --version, with the descriptions yargs gives them by default. */
export const HELP = { alias: 'h', type: 'boolean', describe: 'Show help' } as const satisfies Flag;
export const VERSION = { type: 'boolean', describe: 'Show version number' } as const satisfies Flag;
