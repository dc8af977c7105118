#!/usr/bin/env node
// npm run bench -- [--runs N] [--scaling] [--no-check] [--node PATH] [DIR..]
//
// Side-by-side benchmark (not a test): loopmigrate --check (the built CLI, a fresh process per run)
// against ast-grep with equivalent rules (scripts/bench/ast-grep-rules.yml) and the `grep -rlF` floor
// over loopmigrate's trigger words. Runs alternate between the tools; the table shows medians of wall
// time, CPU time and peak RSS. Without directories it builds two corpora in the temp directory:
//   sparse  every .py file of the newest pyenv Python's standard library and site-packages;
//   dense   the files of the Python 3.6-3.8 standard libraries that contain a legacy word (LEGACY below).
// Path parts that loopmigrate excludes by default (site-packages, build, ...) or that ast-grep skips
// (hidden) are renamed in the copies, so both tools see the same files; the counts are printed.
// loopmigrate runs with Node's compile cache (README, "Code cache"; Node 22.8 and later) as a user's
// runs do: the first run writes it. After the timings it checks that the findings are the same with one
// thread, with the prefilter off (LOOPMIGRATE_PREFILTER=0: every rule on every file, queries over whole
// trees), without the compile cache and without the choice of V8's baseline wasm compiler for runs
// that parse little (LOOPMIGRATE_V8_TUNING=0), and prints what each buys. --scaling times 1x, 2x and 4x copies of the first corpus.
// --node PATH runs loopmigrate with that Node binary (e.g. one of scripts/other-nodes.mjs's, under
// node_modules/.cache/loopmigrate-node/<major>/bin/node) instead of the one running the bench.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const runs = Number(takeOption('--runs') ?? 5);
const scaling = takeFlag('--scaling');
const check = !takeFlag('--no-check');
const nodeBin = takeOption('--node') ?? process.execPath;
if (!existsSync(nodeBin)) usage(`no Node binary at ${nodeBin}`);
const dirs = argv;
if (!Number.isInteger(runs) || runs < 1) usage('--runs takes a whole number >= 1');
for (const d of dirs) if (d.startsWith('-') || !existsSync(d)) usage(`not a directory: ${d}`);

/**
 * What makes a file "dense": the words of the legacy patterns the ast-grep rules look for. Fixed here,
 * independent of loopmigrate's own triggers, so the corpus stays the same as the triggers change.
 */
const LEGACY = [
  'get_event_loop',
  'run_until_complete',
  'run_forever',
  'loop=',
  'coroutine',
  'all_tasks',
  'current_task',
  'event_loop',
  'mark.asyncio',
  'set_event_loop_policy',
  'uvloop',
  'AsyncIOScheduler',
  'ClientSession',
];

const { transforms } = await import(path.join(repo, 'dist', 'transforms', 'index.js'));
const { triggerIndex } = await import(path.join(repo, 'dist', 'src', 'engine', 'engine.js'));
const { DEFAULT_EXCLUDES } = await import(path.join(repo, 'dist', 'src', 'discover', 'discover.js'));
const { fileRules } = await import(path.join(repo, 'dist', 'src', 'rule-api', 'transform.js'));
/** The substrings loopmigrate's scan looks for (project rules read no file): the floor is finding those in every file. */
const triggerWords = triggerIndex(fileRules(transforms)).primaries;
const astGrep = astGrepBinary();
const rules = path.join(repo, 'scripts', 'bench', 'ast-grep-rules.yml');
const cacheRoot = path.join(os.tmpdir(), 'loopmigrate-bench');
const cli = path.join(repo, 'bin', 'loopmigrate.js');

function usage(message) {
  console.error(`bench: ${message}\nusage: npm run bench -- [--runs N] [--scaling] [--no-check] [--node PATH] [DIR..]`);
  process.exit(2);
}

function takeOption(name) {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  argv.splice(i, 2);
  return v;
}

function takeFlag(name) {
  const i = argv.indexOf(name);
  if (i < 0) return false;
  argv.splice(i, 1);
  return true;
}

/** The native binary of the installed @ast-grep/cli platform package (no postinstall needed). */
function astGrepBinary() {
  const pkg = `@ast-grep/cli-${process.platform}-${process.arch}${process.platform === 'linux' ? '-gnu' : ''}`;
  try {
    return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'ast-grep');
  } catch {
    return path.join(path.dirname(require.resolve('@ast-grep/cli/package.json')), 'ast-grep');
  }
}

function pythons() {
  const found = [];
  for (const v of ['3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14']) {
    try {
      const prefix = execFileSync('pyenv', ['prefix', v], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (prefix) found.push({ version: v, exe: path.join(prefix, 'bin', 'python') });
    } catch {
      // pyenv has no such version here
    }
  }
  return found;
}

function pythonPaths(exe) {
  const out = execFileSync(exe, ['-c', "import sysconfig; p = sysconfig.get_paths(); print(p['stdlib']); print(p['purelib'])"], { encoding: 'utf8' });
  return [...new Set(out.trim().split('\n'))].filter((p) => existsSync(p));
}

/**
 * Copy the .py files of `sources` into a corpus directory both tools read the same way: path
 * components that loopmigrate excludes by default (site-packages, build, ...) or that ast-grep skips
 * (hidden) are renamed, links are not followed, ignore files are not copied.
 */
function buildCorpus(name, sources, filter = () => true) {
  const dest = path.join(cacheRoot, name);
  const stamp = path.join(cacheRoot, `${name}.json`);
  const key = JSON.stringify({ sources, legacy: name.startsWith('dense') ? LEGACY : [] });
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key && existsSync(dest)) return dest;
  rmSync(dest, { recursive: true, force: true });
  const excluded = new Set(DEFAULT_EXCLUDES);
  const safe = (part) => (excluded.has(part) ? `${part}_` : part.startsWith('.') ? `dot${part}` : part);
  for (const [i, src] of sources.entries()) {
    const walk = (dir, rel) => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const full = path.join(dir, e.name);
        const r = path.join(rel, safe(e.name));
        if (e.isDirectory()) walk(full, r);
        else if (e.isFile() && e.name.endsWith('.py')) {
          const bytes = readFileSync(full);
          if (!filter(bytes)) continue;
          mkdirSync(path.join(dest, path.dirname(r)), { recursive: true });
          writeFileSync(path.join(dest, r), bytes);
        }
      }
    };
    walk(src, `src${i}`);
  }
  mkdirSync(cacheRoot, { recursive: true });
  writeFileSync(stamp, key);
  return dest;
}

function corpusSize(dir) {
  let files = 0;
  let bytes = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) {
        files++;
        bytes += lstatSync(full).size;
      }
    }
  };
  walk(dir);
  return { files, mb: bytes / 1e6 };
}

/**
 * One measured run: wall seconds from a monotonic clock around the process (/usr/bin/time's own
 * figure has 10 ms steps, too coarse for grep on a small corpus), CPU seconds and peak RSS in MB
 * from /usr/bin/time.
 */
function measure(cmd, args, env = {}) {
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %U %S %M', cmd, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const line = r.stderr
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('BENCH '));
  if (!line) throw new Error(`${cmd} failed: ${r.stderr.slice(-500)}`);
  const [, user, sys, rss] = line.split(' ').slice(1).map(Number);
  return { wall, cpu: user + sys, rss: rss / 1024, stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** a/b as `1.234×`, or `n/a` when b is too small to divide by. */
const times = (a, b, digits = 3) => (b > 0 ? `${(a / b).toFixed(digits)}×` : 'n/a');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The medians of several measured runs. */
const medians = (list) => ({ wall: median(list.map((r) => r.wall)), cpu: median(list.map((r) => r.cpu)), rss: median(list.map((r) => r.rss)) });

const tools = {
  loopmigrate: (dir) => [nodeBin, [cli, '--check', '--format', 'json', dir]],
  'ast-grep': (dir) => [astGrep, ['scan', '-r', rules, '--json=compact', '--inspect', 'summary', dir]],
  'grep -rlF': (dir) => ['grep', ['-rlF', ...triggerWords.flatMap((t) => ['-e', t]), '--include=*.py', dir]],
};

function filesSeen(tool, run) {
  if (tool === 'loopmigrate') return JSON.parse(run.stdout).summary.filesScanned;
  if (tool === 'ast-grep') return Number(/scannedFileCount=(\d+)/.exec(run.stderr)?.[1] ?? NaN);
  return NaN;
}

function bench(name, dir) {
  const size = corpusSize(dir);
  const samples = Object.fromEntries(Object.keys(tools).map((t) => [t, []]));
  const seen = {};
  for (let i = 0; i < runs; i++) {
    for (const [tool, make] of Object.entries(tools)) {
      const [cmd, args] = make(dir);
      const run = measure(cmd, args);
      samples[tool].push(run);
      if (i === 0) seen[tool] = filesSeen(tool, run);
    }
  }
  const rows = Object.entries(samples).map(([tool, list]) => {
    const m = medians(list);
    return { tool, ...m, filesPerS: size.files / m.wall, mbPerS: size.mb / m.wall };
  });
  const ag = rows.find((r) => r.tool === 'ast-grep');
  const floor = rows.find((r) => r.tool === 'grep -rlF');
  console.log(
    `\n## ${name}: ${size.files} files, ${size.mb.toFixed(1)} MB (${dir}); files seen: loopmigrate ${seen.loopmigrate}, ast-grep ${seen['ast-grep']}; ${runs} run${runs === 1 ? '' : 's'} each, medians`,
  );
  console.log('| tool | wall s | CPU s | peak RSS MB | files/s | MB/s | wall vs ast-grep | wall vs grep |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.tool} | ${r.wall.toFixed(3)} | ${r.cpu.toFixed(2)} | ${r.rss.toFixed(0)} | ${r.filesPerS.toFixed(0)} | ${r.mbPerS.toFixed(1)} | ${times(r.wall, ag.wall)} | ${times(r.wall, floor.wall, 2)} |`,
    );
  }
  if (seen.loopmigrate !== seen['ast-grep']) console.log(`WARNING: the tools saw different file counts (${seen.loopmigrate} vs ${seen['ast-grep']})`);
  return { rows, size, seen };
}

/**
 * The runs the default one is compared with: findings must not depend on them, and their times show
 * what each switched-off part buys. `name` goes in the identity line, `label` in the timing line.
 */
const VARIANTS = [
  { name: '--jobs 1', label: 'one thread (--jobs 1)', args: ['--jobs', '1'] },
  { name: 'no prefilter', label: 'no prefilter (every rule on every file)', env: { LOOPMIGRATE_PREFILTER: '0' } },
  { name: 'no code cache', label: 'no code cache (one run)', env: { LOOPMIGRATE_CODE_CACHE: '0' } },
  { name: 'no wasm tier choice', label: 'no wasm tier choice (one run)', env: { LOOPMIGRATE_V8_TUNING: '0' } },
];

function checkEquivalence(dir, pooled) {
  const run = (args = [], env) => {
    const r = measure(nodeBin, [cli, '--check', '--format', 'json', ...args, dir], env);
    return { findings: JSON.stringify(JSON.parse(r.stdout).findings), wall: r.wall, cpu: r.cpu };
  };
  const base = run();
  const runs = VARIANTS.map((v) => ({ ...v, ...run(v.args, v.env) }));
  const ok = runs.every((r) => r.findings === base.findings);
  const [first, ...others] = runs.map((r) => r.name);
  console.log(`findings identical with ${first}, the pool, ${others.slice(0, -1).join(', ')} and ${others[others.length - 1]}: ${ok ? 'yes' : 'NO'} (${JSON.parse(base.findings).length} findings)`);
  const ratio = (other) => `${other.wall.toFixed(2)} s wall, ${(other.wall / pooled.wall).toFixed(2)}× the default run`;
  console.log(`- ${runs.map((r) => `${r.label}: ${ratio(r)}`).join('; ')}`);
  return ok;
}

const target = (label, ok, detail) => console.log(`- ${ok ? 'PASS' : 'MISS'} ${label}: ${detail}`);

let failures = 0;
const corpora = [];
if (dirs.length) {
  for (const [i, d] of dirs.entries()) corpora.push([`corpus${i + 1}`, buildCorpus(`given-${i}`, [path.resolve(d)])]);
} else {
  const py = pythons();
  const newest = py[py.length - 1];
  if (!newest) {
    console.error('bench: no Python found through pyenv; pass corpus directories explicitly');
    process.exit(2);
  }
  corpora.push([`sparse (Python ${newest.version} stdlib + site-packages)`, buildCorpus(`sparse-${newest.version}`, pythonPaths(newest.exe))]);
  const old = py.filter((p) => ['3.6', '3.7', '3.8'].includes(p.version));
  const legacy = (bytes) => LEGACY.some((w) => bytes.indexOf(w) !== -1);
  if (old.length)
    corpora.push([
      `dense (Python ${old.map((p) => p.version).join('/')} stdlib files with a legacy word)`,
      buildCorpus(
        'dense',
        old.flatMap((p) => pythonPaths(p.exe).slice(0, 1)),
        legacy,
      ),
    ]);
}

console.log(
  `loopmigrate ${JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version}, ${execFileSync(astGrep, ['--version'], { encoding: 'utf8' }).trim()}, node ${execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim()}, ${os.cpus().length} cores, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(`trigger words (${triggerWords.length}): ${triggerWords.join(' ')}`);
const results = [];
for (const [name, dir] of corpora) {
  const r = bench(name, dir);
  results.push([name, r]);
  if (check && !checkEquivalence(dir, r.rows[0])) failures++;
}

if (!dirs.length) {
  console.log('\n## targets');
  const [, sparse] = results[0];
  const tool = (r, t) => r.rows.find((x) => x.tool === t);
  const lm = (r) => tool(r, 'loopmigrate');
  target('sparse wall ≤ 0.15× ast-grep', lm(sparse).wall <= 0.15 * tool(sparse, 'ast-grep').wall, times(lm(sparse).wall, tool(sparse, 'ast-grep').wall));
  target('sparse wall ≤ 5× grep floor', lm(sparse).wall <= 5 * tool(sparse, 'grep -rlF').wall, times(lm(sparse).wall, tool(sparse, 'grep -rlF').wall, 2));
  target('sparse peak RSS ≤ 250 MB', lm(sparse).rss <= 250, `${lm(sparse).rss.toFixed(0)} MB`);
  if (results[1]) {
    const [, dense] = results[1];
    target('dense wall ≤ 1.5× ast-grep', lm(dense).wall <= 1.5 * tool(dense, 'ast-grep').wall, times(lm(dense).wall, tool(dense, 'ast-grep').wall));
  }
}

if (scaling) {
  const base = corpora[0][1];
  console.log('\n## scaling: 1×, 2×, 4× copies of the first corpus (loopmigrate, medians)');
  console.log('| copies | files | MB | wall s | CPU s | peak RSS MB | wall ms/MB | added ms/MB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  const points = [];
  for (const k of [1, 2, 4]) {
    const dir = path.join(cacheRoot, `scale-${path.basename(base)}-${k}`);
    if (!existsSync(dir)) for (let c = 0; c < k; c++) cpSync(base, path.join(dir, `copy${c}`), { recursive: true });
    const size = corpusSize(dir);
    const list = [];
    for (let i = 0; i < runs; i++) list.push(measure(...tools.loopmigrate(dir)));
    const p = { k, size, ...medians(list) };
    // What the extra megabytes cost over the previous size: the slope, without the fixed start-up.
    const prev = points[points.length - 1];
    p.added = prev ? (p.wall - prev.wall) / (p.size.mb - prev.size.mb) : undefined;
    points.push(p);
    console.log(
      `| ${k}× | ${size.files} | ${size.mb.toFixed(1)} | ${p.wall.toFixed(2)} | ${p.cpu.toFixed(2)} | ${p.rss.toFixed(0)} | ${((p.wall / size.mb) * 1000).toFixed(1)} | ${p.added === undefined ? '' : (p.added * 1000).toFixed(1)} |`,
    );
  }
  const spread = (xs) => (Math.max(...xs) - Math.min(...xs)) / Math.min(...xs);
  const perMb = points.map((p) => p.wall / p.size.mb);
  const trend = perMb[perMb.length - 1] < perMb[0] ? 'falling: the fixed start-up spreads over more MB' : 'rising';
  target('time per MB flat within 15%', spread(perMb) <= 0.15, `spread ${(spread(perMb) * 100).toFixed(0)}%, ${trend}`);
  const slopes = spread(points.slice(1).map((p) => p.added));
  console.log(
    `- added cost per MB (1×→2× vs 2×→4×) within 15%: ${slopes <= 0.15 ? 'yes' : 'no'} (spread ${(slopes * 100).toFixed(0)}%); peak RSS ${points.map((p) => p.rss.toFixed(0)).join(' / ')} MB`,
  );
}

process.exit(failures ? 1 : 0);
