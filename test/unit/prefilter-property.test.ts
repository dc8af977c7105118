// The prefilter never loses a finding, however a fixture is spelled. The triggers and anchors are
// derived from what each rule declares it is about (src/speed/derive.ts); this property test respells
// every snapshot fixture in ways Python allows (import aliases, `from` imports, line continuations,
// comments inside brackets, spaced keywords, CRLF) and checks, for each respelling, that
//   - the engine with the prefilter and anchors gives the same findings and fixes as without them, and
//   - the byte scan of the worker (TriggerIndex.scan on the raw bytes) keeps every rule that reports.
// A respelling need not keep the fixture's meaning: any text is a valid input for this property.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEngine, triggerIndex } from '../../src/engine/engine.js';
import { initParser, parse, type Node } from '../../src/python/parser.js';
import { FACTS_CONDITIONS } from '../../src/rule-api/about.js';
import { factsHold } from '../../src/speed/triggers.js';
import { transforms as registry } from '../../transforms/index.js';
import { fileRules } from '../../src/rule-api/transform.js';
import { LONG, SEED } from '../fuzz/config.js';
import { caseOptions } from '../helpers/engine.js';
import { snapshotInputs, snapshotRoot } from '../helpers/snapshots.js';

const root = snapshotRoot;
// The rules that look at files (a project rule plans config edits and has no prefilter).
const transforms = fileRules(registry);
const cases = snapshotInputs();

type Respelling = (source: string, pick: (n: number) => number) => string;

/** The modules whose uses the respellings reach through aliases and `from` imports. */
const MODULES = ['asyncio', 'pytest', 'functools', 'aiohttp', 'uvloop', 'pytest_asyncio'];

/** Offsets of nodes of a type, last first (so that edits at one do not move the others). */
function offsetsOf(source: string, type: string, at: (n: Node) => number): number[] {
  const out: number[] = [];
  const walk = (n: Node) => {
    if (n.type === type) out.push(at(n));
    for (const c of n.namedChildren) if (c) walk(c);
  };
  walk(parse(source).rootNode);
  return [...new Set(out)].sort((a, b) => b - a);
}

const RESPELLINGS: Record<string, Respelling> = {
  // `import asyncio` → `import asyncio as m0`, and every `asyncio.x` after it → `m0.x`.
  alias(source, pick) {
    const module = MODULES[pick(MODULES.length)] as string;
    const imp = new RegExp(String.raw`^([ \t]*)import ${module}[ \t]*$`, 'm');
    if (!imp.test(source)) return source;
    return source.replace(imp, `$1import ${module} as m0`).replace(new RegExp(String.raw`(?<![\w.])${module}\.(?=[A-Za-z_])`, 'g'), 'm0.');
  },
  // `asyncio.name(` → `name(` with `from asyncio import name` after the first import of asyncio.
  fromImport(source, pick) {
    const module = MODULES[pick(MODULES.length)] as string;
    const uses = [...source.matchAll(new RegExp(String.raw`(?<![\w.])${module}\.([A-Za-z_]\w*)(?![\w.])`, 'g'))].map((m) => m[1] as string);
    const name = uses[pick(Math.max(uses.length, 1))];
    const imp = new RegExp(String.raw`^import ${module}[ \t]*$`, 'm');
    if (!name || !imp.test(source)) return source;
    return source.replace(new RegExp(String.raw`(?<![\w.])${module}\.${name}(?![\w.])`, 'g'), name).replace(imp, (m) => `${m}\nfrom ${module} import ${name}`);
  },
  // `x.attr` → `x \` + newline + `.attr` (a backslash continuation, legal anywhere outside strings).
  continuation(source, pick) {
    const dots = offsetsOf(source, 'attribute', (n) => n.childForFieldName('attribute')?.startIndex ?? n.endIndex);
    const at = dots[pick(Math.max(dots.length, 1))];
    if (at === undefined || source[at - 1] !== '.') return source;
    return `${source.slice(0, at - 1)} \\\n    .${source.slice(at)}`;
  },
  // A comment and a line break after the `(` of a call's arguments or a def's parameters.
  comment(source, pick) {
    const brackets = [...offsetsOf(source, 'argument_list', (n) => n.startIndex), ...offsetsOf(source, 'parameters', (n) => n.startIndex)];
    const at = brackets[pick(Math.max(brackets.length, 1))];
    if (at === undefined || source[at] !== '(') return source;
    return `${source.slice(0, at + 1)}  # note\n    ${source.slice(at + 1)}`;
  },
  // `f(loop=x)` → `f(loop = x)`.
  spacedKeyword(source) {
    return source.replace(/(\(|, )(\w+)=(?!=)/g, '$1$2 = ');
  },
  // `from m import a` → `from m import (\n    a,  # why\n)`.
  parenthesisedImport(source) {
    return source.replace(/^from ([\w.]+) import ([\w, ]+)$/m, 'from $1 import (\n    $2,  # why\n)');
  },
  crlf(source) {
    return source.replace(/\r?\n/g, '\r\n');
  },
};

const NAMES = Object.keys(RESPELLINGS);

describe('the prefilter derived from the rules’ declarations', () => {
  it('loses no finding of any fixture, respelled', async () => {
    await initParser();
    expect(cases.length).toBeGreaterThan(50);
    let changed = 0;
    let reporting = 0;
    for (const file of cases) {
      const original = readFileSync(file, 'utf8');
      const opts = caseOptions(original);
      // As the worker builds it: clauses on facts this file's facts cannot meet are dropped.
      const index = triggerIndex(
        transforms,
        FACTS_CONDITIONS.filter((c) => factsHold(c, opts.pytest)),
      );
      const plan = fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.nat(1000)), { minLength: 1, maxLength: 4 });
      fc.assert(
        fc.property(plan, (steps) => {
          let source = original;
          for (const [name, seed] of steps) {
            let s = seed;
            const pick = (n: number) => (n <= 0 ? 0 : (s = (s * 31 + 7) % 100_003) % n);
            source = (RESPELLINGS[name] as Respelling)(source, pick);
          }
          if (source !== original) changed++;
          const run = (prefilter: boolean) => runEngine(source, { transforms, unsafeFixes: true, target: opts.target, fix: true, pytest: opts.pytest, notebook: opts.notebook, prefilter });
          const off = run(false);
          const on = run(true);
          const label = `${path.relative(root, file)} respelled by ${steps.map((x) => x[0]).join(', ')}:\n${source}`;
          expect({ fixed: on.fixed, problem: on.problem, findings: on.findings }, label).toEqual({ fixed: off.fixed, problem: off.problem, findings: off.findings });
          const reported = new Set(off.findings.map((f) => f.code));
          if (reported.size) reporting++;
          const scanned = new Set(index.scan(Buffer.from(source), { notebook: opts.notebook, facts: opts.pytest }).map((i) => transforms[i]?.code));
          expect(
            [...reported].filter((code) => !scanned.has(code)),
            label,
          ).toEqual([]);
        }),
        { numRuns: LONG ? 60 : 6, seed: SEED ?? 22, endOnFailure: true },
      );
    }
    // Not vacuous: most respellings change the text and still report.
    expect(changed).toBeGreaterThan(cases.length * 3);
    expect(reporting).toBeGreaterThan(cases.length * 3);
  });
});
