#!/usr/bin/env node
// The real-world corpus: real projects at the legacy commit before their maintainers migrated their
// loop code, run through loopmigrate and compared with that migration. For each project of
// scripts/realworld/projects.toml (or only the NAMEs given):
//   1. extract the legacy tree from the project's git snapshot (the `fetch` tool's mirror) into a temp dir;
//   2. run its tests on the modern stack (the manifest's Python and pip requirements, -W error::DeprecationWarning
//      unless the manifest says why not), recording every test's outcome (JUnit XML);
//   3. run `loopmigrate --unsafe-fixes --edit-config`, then the tests again, then loopmigrate a second time (it must
//      make no edit);
//   4. compare the tool's diff with the maintainers' (legacy..migration), hunk by hunk (hunks.mjs),
//      applying the verdicts recorded in the manifest.
// It prints one table and writes it, with every judged hunk, to docs/realworld.md.
//   5. run `loopmigrate --unsafe-fixes --verify TESTS` on the legacy tree again, then the tests on what it left.
// Usage: npm run realworld -- [--mirrors DIR] [--bin FILE] [--keep] [--no-write] [--show-all] [--no-verify] [NAME..]
//   --mirrors DIR  where fetched repositories live as DIR/<owner>+<name>/repo (default: $LOOPMIGRATE_MIRRORS,
//                  else ../.mirror next to this checkout)
//   --bin FILE     run this loopmigrate (bin/loopmigrate.js of another checkout) instead of this one's,
//                  to compare builds; implies --no-write
//   --keep         keep each project's work tree and logs (printed at the end)
//   --no-write     print the table, leave docs/realworld.md as it is
//   --show-all     print every hunk, not only those needing attention
//   --no-verify    skip step 5 (its column then says "not run")
// Not part of `npm test`: it needs the mirrors, Python through pyenv and the pip mirror.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { classify, counts, describe, parseDiff } from './hunks.mjs';
import { outcomes, summarize } from './junit.mjs';
import { crashed, toolOutcome } from './tool.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
let BIN = path.join(ROOT, 'bin', 'loopmigrate.js');
const MANIFEST = path.join(ROOT, 'scripts', 'realworld', 'projects.toml');
const DOC = path.join(ROOT, 'docs', 'realworld.md');
const CACHE = path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'loopmigrate', 'realworld');

function parseArgs(argv) {
  const opts = { mirrors: process.env.LOOPMIGRATE_MIRRORS || path.resolve(ROOT, '..', '.mirror'), keep: false, write: true, showAll: false, verify: true, names: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--mirrors') opts.mirrors = path.resolve(argv[++i] ?? '');
    else if (a === '--keep') opts.keep = true;
    else if (a === '--bin') {
      BIN = path.resolve(argv[++i] ?? '');
      opts.write = false;
    } else if (a === '--no-write') opts.write = false;
    else if (a === '--show-all') opts.showAll = true;
    else if (a === '--no-verify') opts.verify = false;
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else opts.names.push(a);
  }
  return opts;
}

function sh(cmd, opts = {}) {
  return spawnSync('bash', ['-c', cmd], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
}

function must(cmd, opts = {}) {
  const r = sh(cmd, opts);
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${(r.stderr || r.stdout).slice(-2000)}`);
  return r.stdout;
}

const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

function log(msg) {
  process.stderr.write(`${msg}\n`);
}

/** A venv with the project's requirements, cached by Python and requirements. */
function venvFor(p) {
  const python = path.join(must(`pyenv prefix ${q(p.python)}`).trim(), 'bin', 'python');
  const key = createHash('sha256')
    .update(JSON.stringify([python, p.requirements]))
    .digest('hex')
    .slice(0, 12);
  const venv = path.join(CACHE, `venv-${p.name}-${key}`);
  const ready = path.join(venv, '.loopmigrate-ready');
  if (!existsSync(ready)) {
    rmSync(venv, { recursive: true, force: true });
    mkdirSync(CACHE, { recursive: true });
    log(`  creating ${venv}`);
    must(`${q(python)} -m venv ${q(venv)}`);
    must(`${q(path.join(venv, 'bin', 'pip'))} install -q ${p.requirements.map(q).join(' ')}`, { env: pipEnv() });
    writeFileSync(ready, `${new Date().toISOString()}\n`);
  }
  return venv;
}

/** ruff, for the hygiene column: installed once in its own venv beside the projects'. */
function ruffBin() {
  const venv = venvFor({ name: 'ruff', python: '3.13', requirements: ['ruff'] });
  return path.join(venv, 'bin', 'ruff');
}

/**
 * ruff's complaints about `files` in `dir` with the project's own settings: `ruff check --select
 * I,E,W` diagnostics plus files `ruff format --check` would change. A config this ruff cannot read
 * is replaced by ruff's defaults (--isolated).
 */
function hygiene(dir, files) {
  if (files.length === 0) return 0;
  const ruff = ruffBin();
  const run = (isolated) => {
    const flags = isolated ? ' --isolated' : '';
    const check = sh(`${q(ruff)} check${flags} --no-cache --select I,E,W --output-format concise ${files.map(q).join(' ')}`, { cwd: dir });
    const format = sh(`${q(ruff)} format${flags} --no-cache --check ${files.map(q).join(' ')}`, { cwd: dir });
    if (check.status === 2 || format.status === 2) return null;
    const diagnostics = (check.stdout.match(/^\S+:\d+:\d+: /gm) ?? []).length;
    const reformat = (format.stdout.match(/^Would reformat: /gm) ?? []).length;
    return diagnostics + reformat;
  };
  return run(false) ?? run(true) ?? 0;
}

/** pip reaches only the local mirror here: do not wait on retries against an index it cannot reach. */
function pipEnv() {
  return { ...process.env, PIP_RETRIES: '0', PIP_DISABLE_PIP_VERSION_CHECK: '1' };
}

function install(p, venv, dir) {
  if (p.install === 'none') return;
  const flag = p.install === 'editable' ? '-e ' : '';
  must(`${q(path.join(venv, 'bin', 'pip'))} install -q --no-deps ${flag}.`, { cwd: dir, env: { ...pipEnv(), ...(p.install_env ?? {}) } });
}

/** `PASSED id` / `FAILED id` lines of a plain smoke-test command. */
function plainOutcomes(stdout) {
  const map = new Map();
  for (const m of stdout.matchAll(/^(PASSED|FAILED) (\S+)$/gm)) map.set(m[2], m[1] === 'PASSED' ? 'passed' : 'failed');
  return map;
}

/**
 * The project's test command as a shell line. A pytest command gets -p no:cacheprovider, JUnit XML at
 * `junit` (every test's outcome) and -W error::DeprecationWarning; any other command (a smoke test of
 * example scripts) is run as it is and reports each check as a `PASSED id` or `FAILED id` line.
 */
function testCommand(p, venv, junit) {
  const pytest = /\bpytest\b/.test(p.test);
  const extra = pytest ? ['-p', 'no:cacheprovider', `--junit-xml=${junit}`] : [];
  // Deprecations fail the tests, except those the manifest names as not the project's loop code
  // (`ignore_warnings`, -W specs). The later -W wins, so the error filter goes first, right after pytest.
  for (const spec of pytest ? (p.ignore_warnings ?? []) : []) extra.push('-W', spec);
  const werror = pytest && p.werror !== false ? ` -W ${q('error::DeprecationWarning')}` : '';
  // The venv's interpreter by its path: a `python` found on PATH could be another one.
  const command = p.test.replace(/^python\b/, q(path.join(venv, 'bin', 'python'))).replace(/\bpytest\b/, `pytest${werror}`);
  // Plain words unquoted, so that --verify can read the JUnit path off the command line.
  const word = (a) => (/^[\w./:=@%+,-]+$/.test(a) ? a : q(a));
  return { pytest, cmd: `${command} ${extra.map(word).join(' ')}` };
}

/** The environment the tests run in; `pythonPath` is where the project's own code is imported from. */
function testEnv(p, venv, pythonPath) {
  return {
    ...process.env,
    PATH: `${path.join(venv, 'bin')}:${process.env.PATH}`,
    VIRTUAL_ENV: venv,
    PYTHONDONTWRITEBYTECODE: '1',
    ...(pythonPath ? { PYTHONPATH: pythonPath } : {}),
    ...(p.env ?? {}),
  };
}

/** Run the project's test command (testCommand) in `dir`, its log and JUnit report in `logDir`. */
function runTests(p, venv, dir, logDir, label) {
  const junit = path.join(logDir, `${label}.xml`);
  rmSync(junit, { force: true });
  const { pytest, cmd } = testCommand(p, venv, junit);
  const env = testEnv(p, venv, p.install === 'none' ? dir : null);
  const seconds = p.timeout ?? 900;
  const started = Date.now();
  const r = sh(`timeout --kill-after=10 ${seconds} bash -c ${q(cmd)}`, { cwd: dir, env });
  writeFileSync(path.join(logDir, `${label}.log`), `$ ${cmd}\n${r.stdout}\n${r.stderr}`);
  const results = pytest ? (existsSync(junit) ? outcomes(readFileSync(junit, 'utf8')) : new Map()) : plainOutcomes(r.stdout);
  return { status: r.status, seconds: Math.round((Date.now() - started) / 1000), results, timedOut: r.status === 124, tail: `${r.stdout}${r.stderr}`.trim().split('\n').slice(-3).join(' | ') };
}

/**
 * How loopmigrate is run on every project: the manifest's `paths` name its code, and the project's
 * pytest configuration beside them is part of the migration (--edit-config), as when a team migrates
 * its repository.
 */
const TOOL_ARGS = ['--unsafe-fixes', '--edit-config', '--allow-dirty', '--format', 'json'];

function loopmigrate(p, dir) {
  const args = [...TOOL_ARGS, ...(p.loopmigrate_args ?? []), ...p.paths];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  let json = null;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    // reported below as a crash
  }
  return { status: r.status, json, stderr: r.stderr };
}

/**
 * Tests that passed `before` and fail or vanish `after` (`broke`), and those that failed before and
 * pass after. A parametrised id that vanished while its test still runs, and passes, in every variant
 * left (a loop-factories hook replaced the fixtures that parametrised it) is a merged variant, not a break.
 */
function compareTests(before, after) {
  const failedIn = (o) => ['failed', 'error'].includes(o);
  const broke = [...before.results].filter(([id, o]) => o === 'passed' && failedIn(after.results.get(id) ?? 'missing')).map(([id]) => id);
  const baseOf = (id) => id.replace(/\[[^\]]*\]$/, '');
  const variantsAfter = new Map();
  for (const [id, o] of after.results) if (id !== baseOf(id)) variantsAfter.set(baseOf(id), [...(variantsAfter.get(baseOf(id)) ?? []), o]);
  const merges = (id) => {
    if (id === baseOf(id)) return false;
    const left = [...(variantsAfter.get(baseOf(id)) ?? []), ...(after.results.has(baseOf(id)) ? [after.results.get(baseOf(id))] : [])];
    return left.length > 0 && left.every((o) => o === 'passed');
  };
  const gone = [...before.results].filter(([id, o]) => o === 'passed' && !after.results.has(id)).map(([id]) => id);
  const fixedTests = [...before.results].filter(([id, o]) => failedIn(o) && after.results.get(id) === 'passed').map(([id]) => id);
  return { broke: [...broke, ...gone.filter((id) => !merges(id))], merged: gone.filter(merges), fixedTests };
}

/**
 * `loopmigrate --unsafe-fixes --verify TEST-COMMAND` on the legacy tree: the tool runs the project's
 * tests on a copy, before and after its fixes, and keeps only the fixes that leave them as green as
 * before (failing test ids compared: most legacy trees fail some tests on the modern stack). Then the
 * tests run once more on the tree it left, compared with the legacy run.
 */
function verifyPhase(p, venv, dir, logDir, before) {
  must('git reset -q --hard HEAD~1', { cwd: dir });
  if (must('git log -1 --format=%s', { cwd: dir }).trim() !== 'legacy') throw new Error('--verify phase: the work tree is not back at the legacy commit');
  const seconds = p.timeout ?? 900;
  // The JUnit report inside the copy the command runs in. The environment is the tests' own: that the
  // copy's code is imported (not the tree the PYTHONPATH or an editable install names) is the tool's job.
  const { cmd } = testCommand(p, venv, '.loopmigrate-verify-junit.xml');
  const verifyLogs = path.join(logDir, 'verify');
  const args = [...TOOL_ARGS, ...(p.loopmigrate_args ?? [])];
  args.push('--verify', cmd, '--verify-baseline-failures-ok', '--verify-timeout', String(seconds), '--verify-log-dir', verifyLogs, ...p.paths);
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...testEnv(p, venv, p.install === 'none' ? dir : null), NO_COLOR: '1' } });
  const minutes = (Date.now() - started) / 60000;
  writeFileSync(path.join(logDir, 'verify.log'), `$ loopmigrate ${args.map(q).join(' ')}\n${r.stderr}`);
  let json = null;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    // reported as a crash below
  }
  const findings = json?.findings ?? [];
  const kept = findings.filter((f) => f.applied).length;
  const reverted = findings.filter((f) => typeof f.notFixed === 'string' && f.notFixed.startsWith('reverted')).map((f) => `${f.path}:${f.line} ${f.code}: ${f.notFixed}`);
  const runsFile = path.join(verifyLogs, 'runs.json');
  const runs = existsSync(runsFile) ? JSON.parse(readFileSync(runsFile, 'utf8')).length : 0;
  install(p, venv, dir);
  log('  tests after --verify');
  const after = runTests(p, venv, dir, logDir, 'verified');
  must('git checkout -q .', { cwd: dir });
  const { broke } = compareTests(before, after);
  const summaryLine = r.stderr.split('\n').find((l) => /^verify: (kept|`)/.test(l)) ?? r.stderr.trim().split('\n').at(-1) ?? '';
  // Exit 2 without JSON is --verify refusing (a baseline it cannot compare), not a crash.
  const crash = r.status === 2 && json === null ? /internal error/.test(r.stderr) : crashed({ ...r, json });
  return { status: r.status, crashed: crash, kept, reverted, runs, minutes, after: summarize(after), broke, summaryLine };
}

function runProject(p, opts) {
  const gitDir = path.join(opts.mirrors, p.repo.replace('/', '+'), 'repo');
  if (!existsSync(gitDir)) throw new Error(`no snapshot of ${p.repo} under ${opts.mirrors}: get it with the fetch tool (github:${p.repo})`);
  const git = (args) => must(`git --git-dir=${q(gitDir)} ${args}`);
  for (const sha of [p.legacy, p.migration]) git(`cat-file -e ${sha}^{commit}`);
  const work = mkdtempSync(path.join(tmpdir(), `lm-realworld-${p.name}-`));
  const dir = path.join(work, 'tree');
  const logDir = path.join(work, 'logs');
  mkdirSync(dir);
  mkdirSync(logDir);
  must(`git --git-dir=${q(gitDir)} archive --format=tar ${p.legacy} | tar -x -C ${q(dir)}`);
  const commit = (msg, force = '') => must(`git add -A ${force} && git -c user.name=realworld -c user.email=realworld@localhost commit -q --allow-empty -m ${q(msg)}`, { cwd: dir });
  must('git init -q', { cwd: dir });
  commit('legacy', '-f');

  const venv = venvFor(p);
  install(p, venv, dir);
  log(`  tests before (${p.test})`);
  const before = runTests(p, venv, dir, logDir, 'before');
  // Tests may write into tracked files: the tool sees the legacy tree as it was extracted.
  must('git checkout -q .', { cwd: dir });

  const first = loopmigrate(p, dir);
  writeFileSync(path.join(logDir, 'loopmigrate.json'), first.json ? JSON.stringify(first.json, null, 1) : first.stderr);
  const toolDiff = must('git diff -U0 --no-color --no-ext-diff', { cwd: dir });
  writeFileSync(path.join(logDir, 'loopmigrate.diff'), must('git diff --no-color', { cwd: dir }));
  commit('loopmigrate');
  // Output hygiene: ruff's complaints about the changed Python files, legacy and migrated.
  const changedPy = must('git diff --name-only HEAD~1 HEAD', { cwd: dir })
    .split('\n')
    .filter((f) => f.endsWith('.py'));
  // (With no path, `git checkout HEAD~1 --` would move HEAD itself: only ever with paths.)
  let ruffBefore = 0;
  if (changedPy.length) {
    must(`git checkout -q HEAD~1 -- ${changedPy.map(q).join(' ')}`, { cwd: dir });
    ruffBefore = hygiene(dir, changedPy);
    must(`git checkout -q HEAD -- ${changedPy.map(q).join(' ')}`, { cwd: dir });
  }
  const ruffAfter = hygiene(dir, changedPy);

  install(p, venv, dir);
  log('  tests after');
  const after = runTests(p, venv, dir, logDir, 'after');
  must('git checkout -q .', { cwd: dir });

  const second = loopmigrate(p, dir);
  const secondEdits = must('git diff --name-only', { cwd: dir }).split('\n').filter(Boolean);

  const verified = opts.verify ? verifyPhase(p, venv, dir, logDir, before) : null;

  const pathspec = p.paths.map(q).join(' ');
  const oracleDiff = git(`diff -U0 --no-color --no-ext-diff ${p.legacy} ${p.migration} -- ${pathspec}`);
  const findings = (first.json?.findings ?? []).map((f) => ({ path: f.path, line: f.line, applied: f.applied, code: f.code }));
  const oldLinesOf = (file) => {
    const r = sh(`git --git-dir=${q(gitDir)} show ${q(`${p.legacy}:${file}`)}`);
    return r.status === 0 ? r.stdout.split('\n') : null;
  };
  const { rows, stale } = classify(parseDiff(toolDiff), parseDiff(oracleDiff), findings, p.verdict ?? [], oldLinesOf);

  const { broke, merged, fixedTests } = compareTests(before, after);
  const result = {
    p,
    before: summarize(before),
    after: summarize(after),
    broke,
    merged,
    ruff: [ruffBefore, ruffAfter],
    fixedTests,
    verified,
    secondEdits,
    // The second run must not crash either: its edits alone cannot tell a clean run from a crashed one.
    ...toolOutcome([first, second]),
    findings: first.json?.summary,
    rows,
    stale,
    counts: counts(rows),
    work,
  };
  if (!opts.keep) rmSync(work, { recursive: true, force: true });
  return result;
}

const CATEGORY_ORDER = ['wrong', 'unjudged', 'missed', 'false-positive', 'equivalent', 'reported', 'extra-correct', 'out-of-scope', 'matched'];

/** The --verify column: fixes kept/reverted, and any test the kept fixes broke (there must be none). */
function verifyCell(v) {
  if (!v) return 'not run';
  if (v.crashed) return `crashed (status ${v.status})`;
  if (v.status === 2) return 'error (see below)';
  return `${v.kept}/${v.reverted.length}${v.broke.length ? `, ${v.broke.length} broken` : ''}`;
}

function tableRow(r) {
  if (r.error) return `| ${r.p.name} | ${r.p.kind} | error: ${r.error.replace(/\|/g, '\\|').split('\n')[0].slice(0, 120)} |  |  |  |  |  |  |  |  |  |  |  |  |`;
  const c = r.counts;
  return `| ${r.p.name} | ${r.p.kind} | ${r.before} | ${r.after} | ${r.broke.length}${r.merged?.length ? ` (${r.merged.length} variants merged)` : ''} | ${r.secondEdits.length} | ${c.matched} | ${c.equivalent} | ${c.wrong} | ${c.missed} | ${c.reported} | ${c.extraCorrect}/${c.falsePositive} | ${c.unjudged} | ${r.ruff ? `${r.ruff[0]} → ${r.ruff[1]}` : ''} | ${verifyCell(r.verified)} |`;
}

const HEADER = `| project | kind | tests before | tests after | broken by the run | 2nd-run edits | matched | different, correct | wrong | missed | reported only | extra (correct/false positive) | unjudged | ruff I,E,W + format | --verify: fixes kept/reverted |
|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`;

function details(r) {
  if (r.error) return `### ${r.p.name}\n\n${r.p.repo} — not run: ${r.error.split('\n')[0]}\n`;
  const lines = [
    `### ${r.p.name}`,
    '',
    `[${r.p.repo}](https://github.com/${r.p.repo}) ${r.p.kind}; legacy \`${r.p.legacy.slice(0, 10)}\`, migration \`${r.p.migration.slice(0, 10)}\`; Python ${r.p.python}; \`${r.p.test}\`${r.p.loopmigrate_args ? `; loopmigrate \`${r.p.loopmigrate_args.join(' ')}\` (${r.p.loopmigrate_args_reason ?? 'see manifest'})` : ''}${r.p.werror === false ? ' (without -W error::DeprecationWarning: ' + (r.p.werror_reason ?? 'see manifest') + ')' : ''}.`,
    '',
  ];
  if (r.p.migration_summary) lines.push(`Maintainers' migration: ${r.p.migration_summary}`, '');
  if (r.broke.length) lines.push(`Tests that passed before and fail after: ${r.broke.map((t) => `\`${t}\``).join(', ')}`, '');
  if (r.merged?.length) lines.push(`Parametrised variants that passed before and are gone after, their test passing in every variant left: ${r.merged.length} (e.g. \`${r.merged[0]}\`)`, '');
  if (r.fixedTests.length) lines.push(`Tests that failed before and pass after: ${r.fixedTests.length}`, '');
  if (r.secondEdits.length) lines.push(`A second run edited: ${r.secondEdits.join(', ')}`, '');
  const v = r.verified;
  if (v) {
    lines.push(
      `\`--unsafe-fixes --verify\` (failing test ids compared): ${v.summaryLine.replace(/^verify: /, '').replace(/ \(\d+ runs? in .*\)$/, '')}; ${v.runs} runs of the tests, ${v.minutes.toFixed(1)} min in all, exit ${v.status}; tests after it ${v.after}${v.broke.length ? `, broken: ${v.broke.map((t) => `\`${t}\``).join(', ')}` : ', none broken'}.`,
    );
    for (const line of v.reverted) lines.push(`- reverted: \`${line}\``);
    lines.push('');
  }
  const judged = [...r.rows].sort((a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category));
  for (const row of judged.filter((x) => x.category !== 'out-of-scope' && x.category !== 'matched')) lines.push(`- \`${row.key}\` **${row.category}**${row.reason ? `: ${row.reason}` : ''}`);
  const matched = judged.filter((x) => x.category === 'matched');
  if (matched.length) lines.push(`- **matched** (${matched.length}): ${matched.map((x) => `\`${x.key.split('#')[0]}\``).join(', ')}`);
  // Region verdicts cover many hunks with one reason: one line per reason.
  const outOfScope = new Map();
  for (const x of judged.filter((y) => y.category === 'out-of-scope')) outOfScope.set(x.reason, [...(outOfScope.get(x.reason) ?? []), x]);
  for (const [reason, xs] of outOfScope)
    lines.push(`- **out of scope** (${xs.length} maintainer hunk${xs.length === 1 ? '' : 's'} in ${[...new Set(xs.map((x) => x.file))].map((f) => `\`${f}\``).join(', ')}): ${reason}`);
  if (r.stale.length) lines.push('', `Verdicts in the manifest that match no hunk any more: ${r.stale.map((k) => `\`${k}\``).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** Replace the rows and sections of the projects run now; keep those of the others (as `old` had them). */
function writeDoc(results, command, old) {
  const oldRows = new Map();
  const oldSections = new Map();
  const table = /<!-- table:start -->\n([\s\S]*?)<!-- table:end -->/.exec(old)?.[1] ?? '';
  for (const line of table.split('\n')) {
    const name = /^\| ([^|]+?) \|/.exec(line)?.[1];
    // A row from before a column was added gets that column as "not run".
    const missing = HEADER.split('\n')[0].split('|').length - line.split('|').length;
    if (name && name !== 'project' && !line.startsWith('|---')) oldRows.set(name, missing > 0 ? `${line}${' not run |'.repeat(missing)}` : line);
  }
  const body = /<!-- details:start -->\n([\s\S]*?)<!-- details:end -->/.exec(old)?.[1] ?? '';
  for (const part of body.split(/(?=^### )/m)) {
    const name = /^### (\S+)/.exec(part)?.[1];
    if (name) oldSections.set(name, part.trimEnd() + '\n');
  }
  for (const r of results) {
    oldRows.set(r.p.name, tableRow(r));
    oldSections.set(r.p.name, details(r));
  }
  const manifest = loadManifest().map((p) => p.name);
  const order = (m) =>
    [...m.entries()]
      .filter(([n]) => manifest.includes(n))
      .sort((a, b) => manifest.indexOf(a[0]) - manifest.indexOf(b[0]))
      .map(([, v]) => v);
  const text = `# The real-world corpus

Real open-source projects at the commit before their maintainers migrated their own legacy event-loop
code (the manifest, [scripts/realworld/projects.toml](../scripts/realworld/projects.toml), names the
commits; no code of theirs is in this repository). Each is run through \`loopmigrate --unsafe-fixes
--edit-config\` on the manifest's paths, its tests are run before and after on the modern stack, and
the tool's diff is compared with the maintainers' migration hunk by hunk. Verdicts that need judgement are recorded in the manifest with a
reason. Refresh this page whenever a rule changes.

${runLine(old, command, results)}

- **tests before / after**: passed/failed (errors count as failed) on the modern stack, before and after
  the migration; **broken by the run**: tests that passed before and fail (or vanish) after; a
  parametrised variant that is gone while its test passes in every variant left is counted apart as
  "variants merged" (a loop-factories hook replaced the fixtures that parametrised it).
- **2nd-run edits**: files a second run still changed (must be 0).
- **ruff I,E,W + format**: in the Python files the run changed, \`ruff check --select I,E,W\` diagnostics
  plus files \`ruff format --check\` would reformat, with the project's own ruff settings (ruff's
  defaults when it has none), before → after the run; it must not grow.
- **--verify: fixes kept/reverted**: \`loopmigrate --unsafe-fixes --verify "<the tests>" --verify-baseline-failures-ok\`
  on the legacy tree (the tool runs the tests on a copy before and after its fixes and reverts the
  fixes that make a passing test fail), then the tests once more on the tree it left: fixes kept /
  reverted, and "N broken" if a test that passed on the legacy tree fails after (there must be none).
- **matched**: the tool's edit equals the maintainers' (whitespace and quote style aside); **different,
  correct**: judged equivalent; **wrong**: judged wrong; **missed**: the maintainers changed loop code
  the tool neither edited nor reported; **reported only**: the tool reported it without a fix;
  **extra**: edits where the maintainers made none, judged correct or a false positive;
  **unjudged**: no verdict recorded yet.

<!-- table:start -->
${HEADER}
${order(oldRows).join('\n')}
<!-- table:end -->

## Hunk verdicts

<!-- details:start -->
${order(oldSections).join('\n')}<!-- details:end -->
`;
  writeFileSync(DOC, text);
}

/** The run that made the table: a full run replaces the line, a run of some projects adds to it. */
function runLine(old, command, results) {
  const stamp = `\`${command}\` (${new Date().toISOString().slice(0, 10)}; loopmigrate ${gitDescribe()})`;
  const all = loadManifest().length;
  if (results.length === all) return `Last run: ${stamp}.`;
  const previous = /^Last run: .*$/m.exec(old)?.[0] ?? 'Last run: none of all projects yet.';
  // Every refresh since the last full run stays listed, newest last.
  const refreshed = [...old.matchAll(/^Refreshed since: .*$/gm)].map((m) => m[0]);
  return [previous, ...refreshed, `Refreshed since: ${results.map((r) => r.p.name).join(', ')} by ${stamp}.`].join('\n');
}

/** The checkout's description, taken once: the page this run writes makes the tree dirty. */
let described;
function gitDescribe() {
  described ??= describeCheckout();
  return described;
}

function describeCheckout() {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function loadManifest() {
  const { project = [] } = parseToml(readFileSync(MANIFEST, 'utf8'));
  return project.map((p) => ({ paths: ['.'], requirements: [], install: 'editable', python: '3.13', ...p }));
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const all = loadManifest();
  const unknown = opts.names.filter((n) => !all.some((p) => p.name === n));
  if (unknown.length) throw new Error(`not in the manifest: ${unknown.join(', ')}`);
  const chosen = opts.names.length ? all.filter((p) => opts.names.includes(p.name)) : all;
  const results = [];
  const command = `npm run realworld${opts.names.length ? ` -- ${opts.names.join(' ')}` : ''}`;
  const before = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
  for (const p of chosen) {
    log(`${p.name} (${p.repo} ${p.legacy.slice(0, 10)})`);
    try {
      results.push(runProject(p, opts));
    } catch (err) {
      results.push({ p, error: err instanceof Error ? err.message : String(err) });
    }
    const r = results.at(-1);
    if (r.error) log(`  error: ${r.error}`);
    else {
      for (const row of r.rows) if (opts.showAll || ['wrong', 'unjudged', 'missed', 'false-positive'].includes(row.category)) log(describe(row));
      for (const k of r.stale) log(`  stale verdict (matches no hunk): ${k}`);
      if (r.broke.length) log(`  BROKEN by the run: ${r.broke.join(', ')}`);
      if (r.secondEdits.length) log(`  a second run edited: ${r.secondEdits.join(', ')}`);
      if (r.toolCrash) log(`  loopmigrate crashed or reported an internal error (status ${r.toolStatus})`);
      if (r.verified) log(`  --verify: ${verifyCell(r.verified)}; ${r.verified.summaryLine}`);
      if (r.verified?.broke.length) log(`  BROKEN after --verify: ${r.verified.broke.join(', ')}`);
      if (opts.keep) log(`  kept: ${r.work}`);
    }
    // The page is brought up to date after every project: a long run that is stopped keeps what it found.
    if (opts.write) writeDoc(results, command, before);
  }
  console.log(HEADER);
  for (const r of results) console.log(tableRow(r));
  if (opts.write) log(`wrote ${path.relative(process.cwd(), DOC)}`);
  const bad = results.filter(
    (r) =>
      r.error ||
      r.broke.length ||
      (r.verified && (r.verified.crashed || r.verified.status === 2 || r.verified.broke.length)) ||
      r.secondEdits.length ||
      r.toolCrash ||
      r.counts.wrong ||
      r.counts.unjudged ||
      (r.ruff && r.ruff[1] > r.ruff[0]),
  );
  process.exitCode = bad.length ? 1 : 0;
}

main();
