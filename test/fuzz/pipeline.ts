// The whole-pipeline properties, shared by the fuzz run and the regression replay: on any input the
// engine never crashes, never makes the file parse worse, and a second run makes no edits.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { runEngine } from '../../src/engine/engine.js';
import { countErrors, initParser, parse } from '../../src/python/parser.js';
import { triggered } from '../../src/engine/engine.js';
import { parseTarget, type PythonVersion } from '../../src/common/version.js';
import { transforms } from '../../transforms/index.js';
import { fileRules } from '../../src/rule-api/transform.js';

const repo = path.resolve(import.meta.dirname, '..', '..');

function errors(text: string): number {
  const tree = parse(text);
  try {
    return countErrors(tree);
  } finally {
    tree.delete();
  }
}

/** A regression file may start with `# fuzz: --target-version py311` to replay with that target. */
export function replayTarget(text: string): PythonVersion {
  const m = /^# fuzz: --target-version (py3\d+)/.exec(text);
  return (m?.[1] && parseTarget(m[1])) || [3, 12];
}

/** How many checked inputs got fixes: a fuzz run where none did would prove nothing. */
export const exercised = { runs: 0, fixed: 0 };

/** Null when every property holds, else what went wrong. */
export async function pipelineViolation(text: string, target: PythonVersion): Promise<string | null> {
  exercised.runs++;
  await initParser();
  const opts = { transforms, unsafeFixes: true, target, fix: true };
  let first;
  try {
    first = runEngine(text, opts);
  } catch (err) {
    return `the engine threw: ${err instanceof Error ? err.stack : String(err)}`;
  }
  // A reverted fix is a rule whose edits broke the syntax: the engine's safety net caught it, but the
  // rule is still wrong, so it fails here like a crash does.
  if (first.problem && first.problem.kind !== 'syntax-error' && first.problem.kind !== 'too-deep') return `problem (${first.problem.kind}): ${first.problem.message}`;
  if (first.fixed === undefined) return null;
  exercised.fixed++;
  const before = errors(text);
  const after = errors(first.fixed);
  if (after > before) return `the output parses worse (${after} errors, input ${before})`;
  let second;
  try {
    second = runEngine(first.fixed, opts);
  } catch (err) {
    return `the second run threw: ${err instanceof Error ? err.stack : String(err)}`;
  }
  if (second.problem) return `second run problem: ${second.problem.message}`;
  if (second.fixed !== undefined) return 'not idempotent: a second run made edits';
  return null;
}

/** Python files to mutate: the project's own fixtures, plus stdlib files that trigger a rule. */
export function seedFiles(limit: number): Array<{ name: string; text: string }> {
  const seeds: Array<{ name: string; text: string }> = [];
  const add = (file: string, name: string) => {
    if (statSync(file).size > 60_000) return;
    const text = readFileSync(file, 'utf8');
    if (triggered(text, fileRules(transforms)).length) seeds.push({ name, text });
  };
  const snaps = path.join(repo, 'snapshots');
  for (const rule of existsSync(snaps) ? readdirSync(snaps).sort() : []) {
    for (const f of readdirSync(path.join(snaps, rule)).sort()) if (f.endsWith('.input.py') || f.endsWith('.noop.py')) add(path.join(snaps, rule, f), `snapshots/${rule}/${f}`);
  }
  for (const dir of stdlibDirs()) {
    for (const sub of ['asyncio', 'test/test_asyncio', 'unittest']) {
      const d = path.join(dir, sub);
      if (!existsSync(d)) continue;
      for (const f of readdirSync(d).sort()) if (f.endsWith('.py')) add(path.join(d, f), `stdlib:${path.basename(dir)}/${sub}/${f}`);
    }
  }
  // Spread the picks over the list so both fixtures and stdlib files are used.
  const step = Math.max(1, seeds.length / limit);
  const picked: typeof seeds = [];
  for (let i = 0; i < seeds.length && picked.length < limit; i += step) {
    const s = seeds[Math.floor(i)];
    if (s) picked.push(s);
  }
  return picked;
}

function stdlibDirs(): string[] {
  try {
    const out = execFileSync('python3', ['-I', '-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8', timeout: 10_000 });
    const dir = out.trim();
    return dir && existsSync(dir) ? [dir] : [];
  } catch {
    return [];
  }
}
