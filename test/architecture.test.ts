// The dependency rule of docs/architecture.md, checked on the code: every import (type-only ones
// included) of src/ and transforms/ goes to the importer's own folder or to a folder below it in the
// page's list; speed/ is imported only by file/ and engine/; transforms/ only by src/engine/registry.ts;
// only file/ runs the engine on a file's text.
// The page's exceptions must each still be needed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';

const doc = readFileSync(path.join(repoRoot, 'docs', 'architecture.md'), 'utf8');

function between(start: string, end: string): string {
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/architecture.md lacks ${start} … ${end}`);
  return doc.slice(a + start.length, b);
}

const LAYERS = between('<!-- layers:start -->', '<!-- layers:end -->')
  .split('\n')
  .map((l) => /^\d+\.\s+(\S+)\s*$/.exec(l.trim())?.[1])
  .filter((l): l is string => l !== undefined);

/** `- \`from\` → \`to\`: why` lines: repository-relative .ts paths. */
const EXCEPTIONS = between('<!-- exceptions:start -->', '<!-- exceptions:end -->')
  .split('\n')
  .map((l) => /^- `([^`]+)` → `([^`]+)`/.exec(l.trim()))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => `${m[1]} → ${m[2]}`);

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(repoRoot, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(repoRoot, rel)).isDirectory()) out.push(...tsFiles(rel));
    else if (name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

/** The folder a repository-relative path belongs to: `transforms`, or the first folder under src/. */
function layerOf(file: string): string {
  if (file.startsWith('transforms/')) return 'transforms';
  const [, first] = file.split('/');
  return (first ?? '').replace(/\.ts$/, '');
}

/** The relative imports of a file (static, dynamic and type-only), as repository-relative .ts paths. */
function importsOf(file: string, text: string): string[] {
  const out: string[] = [];
  // Statements at the start of a line (not the text of a string that holds one), and dynamic imports.
  const re = /^[ \t]*(?:import|export)\b[^;'"]*?(?:\bfrom\s*)?'(\.{1,2}\/[^']+)'|\bimport\(\s*'(\.{1,2}\/[^']+)'/gm;
  for (const m of text.matchAll(re)) {
    const spec = (m[1] ?? m[2]) as string;
    out.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts'));
  }
  return out;
}

interface Edge {
  from: string;
  to: string;
  why: string;
}

function violations(files: ReadonlyMap<string, string>, layers: readonly string[]): Edge[] {
  const rank = new Map(layers.map((l, i) => [l, i]));
  const out: Edge[] = [];
  for (const [file, text] of files) {
    const from = layerOf(file);
    for (const target of importsOf(file, text)) {
      const to = layerOf(target);
      if (from === to) continue;
      const a = rank.get(from);
      const b = rank.get(to);
      if (a === undefined || b === undefined) out.push({ from: file, to: target, why: `folder ${a === undefined ? from : to} is not in the list` });
      else if (b < a) out.push({ from: file, to: target, why: `${from} may not import ${to}, which is above it` });
      else if (to === 'speed' && from !== 'file' && from !== 'engine') out.push({ from: file, to: target, why: 'only file/ and engine/ use speed/' });
      else if (to === 'transforms' && file !== 'src/engine/registry.ts') out.push({ from: file, to: target, why: 'only src/engine/registry.ts imports transforms/' });
    }
  }
  return out;
}

/**
 * The files that run the engine on a file's text (runEngine, the notebook runner) outside src/file/,
 * whose pipeline every caller goes through, and the engine itself.
 */
function enginesOutsideFile(files: ReadonlyMap<string, string>): string[] {
  return [...files].filter(([file, text]) => !file.startsWith('src/file/') && file !== 'src/engine/engine.ts' && /\b(?:runEngine|runNotebook)\b/.test(text)).map(([file]) => file);
}

describe('the dependency rule of docs/architecture.md', () => {
  const files = new Map([...tsFiles('src'), ...tsFiles('transforms')].map((f) => [f, readFileSync(path.join(repoRoot, f), 'utf8')]));

  it('lists every folder of src/ (and transforms/)', () => {
    const folders = new Set([...files.keys()].map(layerOf));
    expect([...folders].filter((f) => !LAYERS.includes(f)).sort()).toEqual([]);
    expect(LAYERS.filter((l) => !folders.has(l))).toEqual([]);
  });

  it('holds for every import, but for the listed exceptions', () => {
    const found = violations(files, LAYERS).map((v) => `${v.from} → ${v.to}: ${v.why}`);
    expect(found.filter((v) => !EXCEPTIONS.some((e) => v.startsWith(`${e}:`)))).toEqual([]);
  });

  it('lists no exception the code no longer needs', () => {
    const found = new Set(violations(files, LAYERS).map((v) => `${v.from} → ${v.to}`));
    expect(EXCEPTIONS.filter((e) => !found.has(e))).toEqual([]);
  });

  it('only file/ runs the engine on a file', () => {
    expect(enginesOutsideFile(files)).toEqual([]);
    const fake = new Map([
      ['src/review/x.ts', "import { runEngine } from '../engine/engine.js';"],
      ['src/file/y.ts', "import { runNotebook } from './notebook.js';"],
    ]);
    expect(enginesOutsideFile(fake)).toEqual(['src/review/x.ts']);
  });

  it('catches an import upwards, a speed/ import from outside file/ and engine/, and an unlisted folder', () => {
    const fake = new Map([
      ['src/python/x.ts', "import type { Mode } from '../cli/cli.js';"],
      ['src/output/y.ts', "import { api } from '../speed/triggers.js';"],
      ['src/nowhere/z.ts', "const m = await import('../common/types.js');"],
    ]);
    expect(violations(fake, LAYERS).map((v) => v.why)).toEqual(['python may not import cli, which is above it', 'only file/ and engine/ use speed/', 'folder nowhere is not in the list']);
  });
});
