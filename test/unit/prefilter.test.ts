import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEngine } from '../../src/engine/engine.js';
import { initParser } from '../../src/python/parser.js';
import { DEFAULT_FILE_FACTS } from '../../src/common/facts.js';
import { calledOrAliased, imported, keywordArgument, parameterNamed, TriggerIndex, type Atom, type Trigger } from '../../src/speed/triggers.js';
import { triggerOf } from '../../src/speed/derive.js';
import { transforms } from '../../transforms/index.js';
import { fileRules } from '../../src/rule-api/transform.js';
import { caseOptions } from '../helpers/engine.js';
import { snapshotInputs, snapshotRoot } from '../helpers/snapshots.js';
import { anchorOccurrences } from '../../src/python/words.js';

const holds = (atom: Atom, text: string) => (typeof atom === 'string' ? text.includes(atom) : atom instanceof RegExp ? atom.test(text) : false);
const naive = (triggers: Trigger[], text: string) => triggers.flatMap((t, i) => (t.some((c) => (typeof c === 'string' ? [c] : c).every((a) => holds(a, text))) ? [i] : []));

describe('TriggerIndex', () => {
  const triggers: Trigger[] = [
    ['get_event_loop'],
    [['run_until_complete', 'asyncio']],
    [['asyncio', 'wait', /\bwait\b/], 'scope='],
    [
      ['coroutine', 'asyncio'],
      ['ClientSession', 'aiohttp'],
    ],
    [['zq', 'qz']],
  ];
  const index = new TriggerIndex(triggers);

  it('finds each clause at the start, middle and end of a text, in bytes and in text', () => {
    const texts = ['get_event_loop', 'asyncio\nrun_until_complete', 'x = asyncio.wait(fs)', 'f(scope=1)', 'é€ aiohttp.ClientSession()', 'qz zq'];
    expect(texts.map((t) => index.scan(Buffer.from(t)))).toEqual([[0], [1], [2], [2], [3], [4]]);
    for (const t of texts) expect(index.scanText(t)).toEqual(index.scan(Buffer.from(t)));
    expect(index.scan(Buffer.from('asyncio.wait_for(x)'))).toEqual([]);
    expect(index.scan(Buffer.from('nothing here'))).toEqual([]);
  });

  it('agrees with a naive evaluation on random texts', () => {
    const alphabet = 'lopr_e=gtunscmaiwyCShqz \n(.';
    const words = ['get_event_loop', 'run_until_complete', 'asyncio', 'wait', 'scope=', 'coroutine', 'ClientSession', 'aiohttp', 'zq', 'qz'];
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 3000; n++) {
      const len = Math.floor(rand() * 60);
      let text = '';
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
      for (let k = 0; k < 3; k++) if (rand() < 0.4) text = text.slice(0, 10 * k) + words[Math.floor(rand() * words.length)] + text.slice(10 * k);
      expect(index.scan(Buffer.from(text)), JSON.stringify(text)).toEqual(naive(triggers, text));
    }
  });

  it('treats regular expressions as matching in notebooks, whose JSON hides the layout', () => {
    const nb = Buffer.from('{"cells": [{"source": ["await asyncio.wait(\\n", "  fs)"]}]}');
    expect(index.scan(Buffer.from('asyncio.waitress'))).toEqual([]);
    expect(index.scan(Buffer.from('asyncio.waitress'), { notebook: true })).toEqual([2]);
    expect(index.scan(nb, { notebook: true })).toEqual([2]);
  });

  it('evaluates facts conditions on the given facts, and on the defaults without them', () => {
    const facts = new TriggerIndex([[['async', { facts: 'overridden-loop' }]], [[{ facts: 'anyio-plan' }, 'x']]]);
    const text = Buffer.from('async def test_x(): ...');
    expect(facts.scan(text)).toEqual([]);
    expect(facts.scan(text, { facts: { ...DEFAULT_FILE_FACTS, loopScope: { scope: 'module', from: 'conftest.py:3' } } })).toEqual([0]);
    expect(facts.scan(text, { facts: { ...DEFAULT_FILE_FACTS, anyioUnplaced: true } })).toEqual([1]);
  });

  it('refuses a clause without a substring to anchor the scan', () => {
    expect(() => new TriggerIndex([[[/x/]]])).toThrow(/needs a substring/);
    expect(() => new TriggerIndex([[[{ facts: 'anyio-plan' }]]])).toThrow(/needs a substring/);
  });
});

describe('imported', () => {
  const re = imported('asyncio');
  it('finds the import statements of a module, also after a BOM, try:, a semicolon or a continuation', () => {
    for (const text of [
      'import asyncio',
      '\ufeffimport asyncio',
      'import os, asyncio',
      'from asyncio.tasks import x',
      'try: import asyncio',
      'x = 1; import asyncio',
      '    from asyncio import (\n  sleep)',
      'import os, \\\n    asyncio',
    ]) {
      expect(re.test(text), JSON.stringify(text)).toBe(true);
      expect(re.test(Buffer.from(text).toString('latin1')), JSON.stringify(text)).toBe(true);
    }
  });
  it('ignores mentions, relative imports and longer names', () => {
    for (const text of ['# uses asyncio', 'from . import events', 'import asyncio_mod', 'x = asyncio']) expect(re.test(text), text).toBe(false);
  });
});

describe('calledOrAliased and parameterNamed', () => {
  it('see calls however they are laid out, and aliasing imports', () => {
    const re = calledOrAliased('set_event_loop_policy');
    for (const text of ['asyncio.set_event_loop_policy(None)', 'set_event_loop_policy (p)', 'asyncio.set_event_loop_policy(  # c\n  p)', 'from asyncio import set_event_loop_policy as selp'])
      expect(re.test(text), text).toBe(true);
    for (const text of ['self.addCleanup(asyncio.set_event_loop_policy, None)', 'f = set_event_loop_policy']) expect(re.test(text), text).toBe(false);
  });
  it('see parameters, not prose', () => {
    const re = parameterNamed('event_loop');
    for (const text of ['def test(event_loop):', 'def test(self, event_loop: asyncio.AbstractEventLoop)', 'def f(\n    event_loop,\n)', 'def f(event_loop=None)'])
      expect(re.test(text), text).toBe(true);
    for (const text of ['The optional event_loop argument', 'get_event_loop()', 'self.event_loop = x']) expect(re.test(text), text).toBe(false);
  });
});

describe('keywordArgument', () => {
  const loop = keywordArgument('loop');
  it('matches the keyword however the call is laid out', () => {
    for (const text of ['f(loop=x)', 'f(a, loop = x)', 'f(\n    a,\n    loop=x,\n)', 'f(a,  # the loop\n  loop\n  =x)', 'f(a, \\\n loop=x)']) {
      expect(loop.test(text), text).toBe(true);
    }
  });
  it('does not match assignments, comparisons or longer names', () => {
    for (const text of ['loop = x', 'f(loop == x)', 'f(loops=x)', 'f(my_loop=x)', 'self.loop = x']) expect(loop.test(text), text).toBe(false);
  });
});

// Every regular expression a trigger uses runs on every candidate file: none may backtrack
// exponentially (a line of `#` after a bracket once made one run for minutes). On these inputs a
// polynomial one returns at once and an exponential one would never return, so the test timing out
// is the failure; nothing here measures speed.
describe('trigger regular expressions on adversarial text', () => {
  const atoms = [...new Set(fileRules(transforms).flatMap((t) => triggerOf(t.about).flatMap((c) => (typeof c === 'string' ? [] : c.filter((a): a is RegExp => a instanceof RegExp)))))];
  const inputs = [
    `f(x, ${'#'.repeat(3000)}\n loop)`,
    `(${' #'.repeat(3000)}\n`,
    `import ${'asyncio.'.repeat(2000)}x`,
    `from asyncio import (${' a,'.repeat(3000)}`,
    `asyncio${' . x'.repeat(3000)} y`,
    `async ${'\\ '.repeat(3000)}`,
    `get_event_loop ${'# as\n'.repeat(3000)}`,
    `asyncio${' \\\n'.repeat(3000)}x`,
    `from asyncio import ${'a \\\n'.repeat(3000)}`,
  ];
  it('finish on inputs that defeat naive patterns', () => {
    expect(atoms.length).toBeGreaterThan(10);
    for (const input of inputs) {
      for (const re of atoms) re.test(input);
      anchorOccurrences(input, ['get_event_loop', 'loop']);
    }
  });
});

// The triggers must be necessary conditions: every fixture gives the same findings when each rule runs
// on every file as when only the candidate rules run.
describe('triggers of the registered rules', () => {
  const root = snapshotRoot;
  const cases = snapshotInputs();

  // Spellings the triggers and anchors must follow: import aliases, multi-line imports with comments,
  // star imports, and a name reached across a line continuation or a comment (LF and CRLF).
  const aliased = [
    'import asyncio\n\nif __name__ == "__main__":\n    loop = asyncio \\\n        .get_event_loop()\n    print(loop.run_until_complete(main()))\n',
    'import asyncio\r\n\r\nif __name__ == "__main__":\r\n    loop = asyncio \\\r\n        .get_event_loop()\r\n    print(loop.run_until_complete(main()))\r\n',
    'import asyncio\n\nloop = (asyncio  # the module\n    .get_event_loop())\nloop.run_until_complete(main())\n',
    'from asyncio import \\\n    get_event_loop\n\nloop = get_event_loop()\nloop.run_until_complete(main())\n',
    'from asyncio import get_event_loop as gel\n\nasync def f():\n    return gel()\n\ndef g():\n    return gel()\n',
    'from asyncio import (\n    coroutine as co,  # legacy\n)\n\n@co\ndef f():\n    yield from g()\n',
    'from asyncio import iscoroutinefunction as icf\nimport asyncio as aio\n\nx = icf(f) or aio.iscoroutinefunction(g)\n',
    'import asyncio\nfrom asyncio import wait as w\n\nasync def main():\n    await w([job(1), job(2)])\n\nasync def job(n):\n    pass\n',
    'from asyncio import Task as T\n\ndef tasks():\n    return T.all_tasks()\n',
    'from asyncio import set_event_loop_policy as selp\nimport asyncio\nimport uvloop\n\nselp(uvloop.EventLoopPolicy())\nasyncio.run(main())\n',
    'from asyncio import *\n\nasync def f():\n    await sleep(1, loop=get_event_loop())\n',
    'from aiohttp import ClientSession as CS\n\nsession = CS()\n',
    'import asyncio\nfrom asyncio import Queue as Q\n\njobs = Q()\n\nasync def main():\n    await jobs.get()\n\nasyncio.run(main())\nasyncio.run(main())\n',
  ];

  it('lose no finding of aliased spellings', async () => {
    await initParser();
    for (const source of aliased) {
      const run = (prefilter: boolean) => runEngine(source, { transforms, unsafeFixes: true, target: [3, 12], fix: true, prefilter });
      const on = run(true);
      expect(on.findings.length, source).toBeGreaterThan(0);
      expect({ fixed: on.fixed, findings: on.findings }, source).toEqual({ fixed: run(false).fixed, findings: run(false).findings });
    }
  });

  it('lose no finding of any fixture', async () => {
    await initParser();
    expect(cases.length).toBeGreaterThan(50);
    for (const file of cases) {
      const source = readFileSync(file, 'utf8');
      const opts = caseOptions(source);
      for (const unsafeFixes of [false, true]) {
        const run = (prefilter: boolean) => runEngine(source, { transforms, unsafeFixes, target: opts.target, fix: true, pytest: opts.pytest, prefilter });
        const strip = (r: ReturnType<typeof run>) => ({ fixed: r.fixed, problem: r.problem, findings: r.findings });
        expect(strip(run(true)), path.relative(root, file)).toEqual(strip(run(false)));
      }
    }
  });
});
