#!/usr/bin/env node
// The corpus check: run the built CLI in fix mode with --unsafe-fixes over a temp copy of real code
// nobody here wrote, and verify file by file:
//   1. no crash: exit status 0/1/2, no stack trace, no "internal error" (skips are counted by reason);
//   2. every file that compiled before still compiles, with the interpreter the code came from;
//   3. a second run makes no edits;
//   4. `git apply` of the --patch output on a pristine copy gives the bytes of the in-place run;
//   5. every hunk that changes or removes existing lines is explained by an applied finding: it lies
//      in the def/class that encloses the finding (the whole file for findings outside any def/class),
//      or it only adds/removes import lines (the import edits that travel with fixes). Pure insertions
//      (a helper a fix defines) change no existing byte and pass. This catches edits far from any
//      finding; it cannot prove byte ranges, which the CLI does not print.
// Usage: npm run corpus -- [--python PY] [--keep] [DIR..]   (default: the stdlib of every Python
// found: pyenv's versions and python3 on PATH). Exits 1 on any violation.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { structuredPatch } from 'diff';

const BIN = path.resolve(import.meta.dirname, '..', 'bin', 'loopmigrate.js');
const SKIP_DIRS = new Set(['site-packages', '__pycache__', 'dist-packages']);

const COMPILE = `
import sys, json, warnings
warnings.simplefilter("ignore")
ok = []
for name in sys.stdin.read().split("\\0"):
    if not name:
        continue
    try:
        with open(name, "rb") as f:
            compile(f.read(), name, "exec", dont_inherit=True)
        ok.append(name)
    except Exception:
        pass
sys.stdout.write(json.dumps(ok))
`;

function parseArgs(argv) {
  const opts = { python: undefined, keep: false, dirs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--python') opts.python = argv[++i];
    else if (a === '--keep') opts.keep = true;
    else opts.dirs.push(a);
  }
  return opts;
}

function tryRun(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 }).trim();
  } catch {
    return '';
  }
}

function stdlibOf(python) {
  const out = tryRun(python, ['-I', '-c', 'import sys, sysconfig; print(sysconfig.get_paths()["stdlib"]); print("%d.%d" % sys.version_info[:2])']);
  const [dir, version] = out.split('\n');
  return dir && existsSync(dir) ? { dir, version } : null;
}

/** Every interpreter we can find: pyenv's versions, then python3 on PATH; one corpus per stdlib. */
function findCorpora(opts) {
  if (opts.dirs.length) {
    const python = opts.python ?? 'python3';
    return opts.dirs.map((d) => ({ name: path.basename(path.resolve(d)), dir: path.resolve(d), python }));
  }
  const pythons = [];
  for (const v of tryRun('pyenv', ['versions', '--bare']).split('\n').filter(Boolean)) {
    const prefix = tryRun('pyenv', ['prefix', v]);
    if (prefix) pythons.push(path.join(prefix, 'bin', 'python'));
  }
  pythons.push(opts.python ?? 'python3');
  const seen = new Set();
  const corpora = [];
  for (const python of pythons) {
    const lib = stdlibOf(python);
    if (!lib || !lib.version.startsWith('3.')) continue;
    const real = realpathSync(lib.dir);
    if (seen.has(real)) continue;
    seen.add(real);
    corpora.push({ name: `stdlib ${lib.version}`, dir: lib.dir, python });
  }
  return corpora;
}

function copyPython(src, dest) {
  cpSync(src, dest, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (p) => {
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) return false;
      if (st.isDirectory()) return !SKIP_DIRS.has(path.basename(p));
      return st.isFile() && p.endsWith('.py');
    },
  });
}

function listFiles(dir, rel = '') {
  const out = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

function compiles(python, root, files) {
  if (!files.length) return new Set();
  const r = spawnSync(python, ['-I', '-c', COMPILE], { cwd: root, input: files.join('\0'), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${python} could not run the compile check: ${r.stderr}`);
  return new Set(JSON.parse(r.stdout));
}

function cli(args, cwd) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, seconds: (Date.now() - started) / 1000 };
}

function crashProblems(run, label) {
  const problems = [];
  if (run.signal || ![0, 1, 2].includes(run.status)) problems.push(`${label}: exit status ${run.status ?? run.signal}`);
  if (/\n\s+at .+[(:]\d+/.test(run.stderr)) problems.push(`${label}: stack trace on stderr`);
  for (const line of run.stderr.split('\n')) if (/internal error/.test(line)) problems.push(`${label}: ${line}`);
  return problems;
}

const IMPORT_LINE = /^\s*(import\s|from\s+\S+\s+import\s)|^\s*$/;

function indentOf(line) {
  return /^[ \t]*/.exec(line)[0].replace(/\t/g, '        ').length;
}

const HEADER = /^\s*(async\s+def|def|class)\s/;

/** [first, last] (1-based) of the def/class enclosing a finding on `line`; the whole file at module level. */
function enclosingBlock(lines, line) {
  let own = indentOf(lines[line - 1] ?? '');
  let start = line;
  while (start > 1 && own > 0) {
    const l = lines[start - 2];
    start--;
    if (!l.trim() || l.trimStart().startsWith('#') || indentOf(l) >= own) continue;
    if (HEADER.test(l)) {
      const headerIndent = indentOf(l);
      let end = line;
      while (end < lines.length) {
        const next = lines[end];
        if (next.trim() && !next.trimStart().startsWith('#') && indentOf(next) <= headerIndent) break;
        end++;
      }
      return [start, end];
    }
    own = indentOf(l);
  }
  return [1, lines.length];
}

function unexplainedHunks(before, after, findings) {
  const lines = before.split(/\r\n|\r|\n/);
  const blocks = findings.map((f) => enclosingBlock(lines, f.line)).map(([a, b], i) => [Math.min(a, findings[i].line), Math.max(b, findings[i].endLine)]);
  const bad = [];
  for (const h of structuredPatch('a', 'b', before, after, '', '', { context: 0 }).hunks) {
    const first = h.oldStart;
    const last = h.oldStart + Math.max(h.oldLines, 1) - 1;
    if (blocks.some(([a, b]) => first <= b && last >= a)) continue;
    if (h.lines.every((l) => IMPORT_LINE.test(l.slice(1)))) continue;
    // A pure insertion (an import, a helper a fix defines) changes no existing byte.
    if (h.oldLines === 0) continue;
    bad.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines}\n${h.lines.join('\n')}`);
  }
  return bad;
}

function checkCorpus(corpus, ruleRows, keep) {
  const work = mkdtempSync(path.join(tmpdir(), 'lm-corpus-'));
  const pristine = path.join(work, 'pristine');
  const fixed = path.join(work, 'fixed');
  const patched = path.join(work, 'patched');
  const violations = [];
  const t0 = Date.now();
  try {
    copyPython(corpus.dir, pristine);
    cpSync(pristine, fixed, { recursive: true, verbatimSymlinks: true });
    cpSync(pristine, patched, { recursive: true, verbatimSymlinks: true });
    const files = listFiles(pristine);
    const bytes = files.reduce((n, f) => n + statSync(path.join(pristine, f)).size, 0);

    const run = cli(['--unsafe-fixes', '--format', 'json', '.'], fixed);
    violations.push(...crashProblems(run, 'fix run'));
    let report = { findings: [], summary: { skipped: {} } };
    try {
      report = JSON.parse(run.stdout);
    } catch {
      violations.push('fix run: stdout is not the JSON report');
    }
    for (const f of report.findings) {
      const row = ruleRows.get(f.code) ?? { findings: 0, fixed: 0, unsafe: 0 };
      row.findings++;
      if (f.applied) row.fixed++;
      ruleRows.set(f.code, row);
    }
    const changed = files.filter((f) => !readFileSync(path.join(pristine, f)).equals(readFileSync(path.join(fixed, f))));

    // Only changed files can compile differently, so only they are compiled (before and after).
    const recompile = [...compiles(corpus.python, pristine, changed)];
    const compiledAfter = compiles(corpus.python, fixed, recompile);
    for (const f of recompile) if (!compiledAfter.has(f)) violations.push(`${f}: compiled before the fixes, not after`);

    const byFile = new Map();
    for (const f of report.findings) if (f.applied) byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);
    for (const f of changed) {
      const bad = unexplainedHunks(readFileSync(path.join(pristine, f), 'utf8'), readFileSync(path.join(fixed, f), 'utf8'), byFile.get(f) ?? []);
      for (const h of bad) violations.push(`${f}: a change no applied finding explains\n${h}`);
    }

    const again = cli(['--unsafe-fixes', '--dry-run', '--format', 'json', '.'], fixed);
    violations.push(...crashProblems(again, 'second run'));
    try {
      const second = JSON.parse(again.stdout);
      if (second.summary.filesChanged !== 0) violations.push(`second run: would change ${second.summary.filesChanged} more files`);
    } catch {
      violations.push('second run: stdout is not the JSON report');
    }

    const patchFile = path.join(work, 'fixes.patch');
    const patch = cli(['--unsafe-fixes', '--patch', patchFile, '.'], patched);
    violations.push(...crashProblems(patch, 'patch run'));
    if (statSync(patchFile, { throwIfNoEntry: false })?.size) {
      const applied = spawnSync('git', ['apply', '--whitespace=nowarn', patchFile], { cwd: patched, encoding: 'utf8' });
      if (applied.status !== 0) violations.push(`git apply failed: ${applied.stderr.trim()}`);
    }
    for (const f of files) {
      if (!readFileSync(path.join(patched, f)).equals(readFileSync(path.join(fixed, f)))) violations.push(`${f}: the patch gives other bytes than the in-place run`);
    }
    return {
      name: corpus.name,
      files: files.length,
      mb: bytes / 1e6,
      changed: changed.length,
      skipped: report.summary.skipped ?? {},
      fixSeconds: run.seconds,
      seconds: (Date.now() - t0) / 1000,
      violations,
    };
  } finally {
    if (keep) process.stderr.write(`kept ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (typeof c === 'number' ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const opts = parseArgs(process.argv.slice(2));
const USAGE = 'usage: npm run corpus -- [--python PY] [--keep] [DIR..]';
if (opts.dirs.some((d) => d === '--help' || d === '-h')) {
  console.log(USAGE);
  process.exit(0);
}
for (const d of opts.dirs) {
  if (d.startsWith('-') || !existsSync(d) || !statSync(d).isDirectory()) {
    process.stderr.write(`corpus: not a directory: ${d}\n${USAGE}\n`);
    process.exit(2);
  }
}
if (!existsSync(path.resolve(import.meta.dirname, '..', 'dist', 'src', 'cli.cjs'))) {
  process.stderr.write('corpus: build first (npm run build)\n');
  process.exit(2);
}
const corpora = findCorpora(opts);
if (!corpora.length) {
  process.stderr.write('corpus: no Python interpreter or directory to check\n');
  process.exit(2);
}
const ruleRows = new Map();
const results = [];
for (const c of corpora) {
  process.stderr.write(`corpus: ${c.name} (${c.dir}) ...\n`);
  results.push(checkCorpus(c, ruleRows, opts.keep));
}
const skipReasons = [...new Set(results.flatMap((r) => Object.keys(r.skipped)))].sort();
console.log(
  table(
    ['corpus', 'files', 'MB', 'changed', 'fix s', 'total s', ...skipReasons.map((r) => `skip:${r}`), 'violations'],
    results.map((r) => [
      r.name,
      r.files,
      Number(r.mb.toFixed(1)),
      r.changed,
      Number(r.fixSeconds.toFixed(1)),
      Number(r.seconds.toFixed(1)),
      ...skipReasons.map((k) => r.skipped[k] ?? 0),
      r.violations.length,
    ]),
  ),
);
console.log();
console.log(
  table(
    ['rule', 'findings', 'fixed', 'not fixed'],
    [...ruleRows].sort(([a], [b]) => a.localeCompare(b)).map(([code, r]) => [code, r.findings, r.fixed, r.findings - r.fixed]),
  ),
);
const all = results.flatMap((r) => r.violations.map((v) => `${r.name}: ${v}`));
if (all.length) {
  console.log(`\n${all.length} violation(s):`);
  for (const v of all.slice(0, 200)) console.log(`- ${v}`);
  process.exit(1);
}
console.log('\nno violations');
