// Engine promises with synthetic transforms: fixpoint over deferred overlaps, the pass cap, the
// re-parse guard, and import cleanup.
import { beforeAll, describe, expect, it } from 'vitest';
import { runEngine } from '../../src/engine/engine.js';
import { initParser } from '../../src/python/parser.js';
import { defineTransform, type FileRule } from '../../src/rule-api/transform.js';

const base = {
  summary: 'test',
  docs: '',
  minPython: '3.7',
  captures: ['n'],
};

function rule(code: string, query: string, check: FileRule['check'], words = ['x']): FileRule {
  return defineTransform({ ...base, code, name: code.toLowerCase(), fixAvailability: 'always', about: { words }, query, check });
}

const opts = (transforms: FileRule[]) => ({ transforms, unsafeFixes: false, target: [3, 12] as const, fix: true });

beforeAll(async () => {
  await initParser();
});

describe('runEngine', () => {
  it('skips text that matches no trigger without parsing it, and says so', () => {
    const r = runEngine('def (broken', opts([rule('LM901', '(identifier) @n', () => null, ['never'])]));
    expect(r).toEqual({ findings: [], notParsed: true });
  });

  it('refuses a file that does not parse', () => {
    const r = runEngine('x = (\n', opts([rule('LM901', '(identifier) @n', () => null)]));
    expect(r.problem?.kind).toBe('syntax-error');
  });

  it('refuses `except E, e:` below Python 3.14, and `except A, B as e:` always; 3.14 reads `except A, B:` as a tuple', () => {
    const any = [rule('LM901', '(identifier) @n', () => null)];
    const source = (clause: string) => `try:\n    x = 1\nexcept ${clause}:\n    pass\n`;
    const refusal = (clause: string, target: readonly [number, number]) => runEngine(source(clause), { ...opts(any), target }).problem;
    expect(refusal('ValueError, e', [3, 13])).toEqual({
      kind: 'syntax-error',
      message: expect.stringMatching(/^uses Python 2 syntax: `except E, e:` \(line 3\), a syntax error before Python 3\.14;/) as unknown,
    });
    expect(refusal('(A, B), e', [3, 12])?.kind).toBe('syntax-error');
    expect(refusal('A, \\\n    B', [3, 12])?.kind).toBe('syntax-error');
    expect(refusal('A, B', [3, 14])).toBeUndefined();
    expect(refusal('A, B as e', [3, 14])).toEqual({ kind: 'syntax-error', message: expect.stringMatching(/^has `except A, B as e:` \(line 3\), which every Python refuses/) as unknown });
    for (const clause of ['(A, B)', '(A, B) as e', 'ValueError as e', 'f(a, b)', '{1: 2}[1]']) expect(refusal(clause, [3, 12]), clause).toBeUndefined();
  });

  it('refuses indentation Python refuses (TabError), which tree-sitter parses', () => {
    const r = runEngine('def f():\n\tif x:\n\t\treturn 1\n        return 2\n', opts([rule('LM901', '(identifier) @n', () => null)]));
    expect(r.problem).toEqual({ kind: 'syntax-error', message: expect.stringMatching(/^mixes tabs and spaces in its indentation in a way Python refuses with TabError \(line 4\)/) as unknown });
    const unindent = runEngine('class A:\n\tdef f(self):\n\t\treturn x\n\n    def g(self):\n        return 2\n', opts([rule('LM901', '(identifier) @n', () => null)]));
    expect(unindent.problem?.message).toMatch(/^unindents to a column no enclosing block starts at, which Python refuses with IndentationError, a tab counting as 8 columns \(line 5\)/);
  });

  it('applies the fixes of every match and reaches a fixpoint', () => {
    const rename = rule('LM901', '((identifier) @n (#eq? @n "x"))', (m, ctx) => {
      const n = ctx.capture(m, 'n');
      return n && ctx.finding({ node: n, message: 'x', fix: { safety: 'safe', edits: [{ start: n.startIndex, end: n.endIndex, text: 'y' }] } });
    });
    const r = runEngine('x = 1\nx = 2\n', opts([rename]));
    expect(r.fixed).toBe('y = 1\ny = 2\n');
    expect(r.findings.every((f) => f.applied)).toBe(true);
  });

  it('counts from the final text: a fix that leaves legacy code behind is not "fixed", and new findings stay open', () => {
    // LM904 rewrites `x` to `y`; LM905 reports every `y`; LM906 offers a fix for `z` that LM904's own
    // rewrite of the same line supersedes.
    const rewrite = rule('LM904', '((identifier) @n (#eq? @n "x"))', (m, ctx) => {
      const n = ctx.capture(m, 'n');
      return n && ctx.finding({ node: n, message: 'x', fix: { safety: 'safe', edits: [{ start: n.startIndex, end: n.endIndex, text: 'y' }] } });
    });
    const report = rule(
      'LM905',
      '((identifier) @n (#eq? @n "y"))',
      (m, ctx) => {
        const n = ctx.capture(m, 'n');
        return n && ctx.finding({ node: n, message: 'y' });
      },
      ['x', 'y'],
    );
    const r = runEngine('x = 1\n', opts([rewrite, report]));
    expect(r.fixed).toBe('y = 1\n');
    expect(r.findings.map((f) => [f.code, f.applied])).toEqual([['LM904', true]]);
    expect(r.introduced).toBe(1);
    // A reported finding the final text still has is open, whatever fixes ran around it.
    const both = runEngine('x = 1\ny = 2\n', opts([rewrite, report]));
    expect(both.findings.map((f) => [f.code, f.applied])).toEqual([
      ['LM904', true],
      ['LM905', false],
    ]);
    expect(both.introduced).toBe(1);
  });

  it('reverts every fix of a file when they would add a syntax error', () => {
    const breaker = rule('LM902', '((identifier) @n (#eq? @n "x"))', (m, ctx) => {
      const n = ctx.capture(m, 'n');
      return n && ctx.finding({ node: n, message: 'x', fix: { safety: 'safe', edits: [{ start: n.startIndex, end: n.endIndex, text: 'x (' }] } });
    });
    const r = runEngine('x = 1\n', opts([breaker]));
    expect(r.fixed).toBeUndefined();
    expect(r.problem?.kind).toBe('fix-reverted');
    expect(r.findings.every((f) => !f.applied)).toBe(true);
  });

  it('applies nothing when a rule fails in a later pass: the file is left as it was', () => {
    const fragile = rule(
      'LM909',
      '(identifier) @n',
      (m, ctx) => {
        const n = ctx.capture(m, 'n');
        if (n?.text === 'y') throw new Error('cannot handle y');
        if (n?.text !== 'x') return null;
        return ctx.finding({ node: n, message: 'x', fix: { safety: 'safe', edits: [{ start: n.startIndex, end: n.endIndex, text: 'y' }] } });
      },
      [' = '],
    );
    const r = runEngine('x = 1\n', opts([fragile]));
    expect(r.problem?.kind).toBe('internal');
    expect(r.fixed).toBeUndefined();
    expect(r.findings.map((f) => [f.code, f.applied])).toEqual([['LM909', false]]);
  });

  it('stops at the pass cap and applies nothing when fixes never settle', () => {
    const grower = rule('LM903', '((identifier) @n (#match? @n "^x+$"))', (m, ctx) => {
      const n = ctx.capture(m, 'n');
      return n && ctx.finding({ node: n, message: 'x', fix: { safety: 'safe', edits: [{ start: n.endIndex, end: n.endIndex, text: 'x' }] } });
    });
    const r = runEngine('x = 1\n', opts([grower]));
    expect(r.problem?.kind).toBe('fixpoint');
    expect(r.fixed).toBeUndefined();
  });

  it('defers a fix that overlaps an applied one to the next pass', () => {
    // Two rules edit the same identifier: the second runs again on the first one's output.
    const upper = rule('LM907', '((identifier) @n (#eq? @n "x"))', (m, ctx) => {
      const n = ctx.capture(m, 'n');
      return n && ctx.finding({ node: n, message: 'x', fix: { safety: 'safe', edits: [{ start: n.startIndex, end: n.endIndex, text: 'xx' }] } });
    });
    const suffix = rule('LM908', '((identifier) @n (#match? @n "^xx?$"))', (m, ctx) => {
      const n = ctx.capture(m, 'n');
      return n && ctx.finding({ node: n, message: 'x', fix: { safety: 'safe', edits: [{ start: n.startIndex, end: n.endIndex, text: `${n.text}_done` }] } });
    });
    const r = runEngine('x = 1\n', opts([upper, suffix]));
    expect(r.fixed).toBe('xx_done = 1\n');
    expect(r.findings.map((f) => [f.code, f.applied])).toEqual([
      ['LM907', true],
      ['LM908', true],
    ]);
  });

  it('does not apply unsafe fixes unless asked', () => {
    const unsafe = rule('LM904', '((identifier) @n (#eq? @n "x"))', (m, ctx) => {
      const n = ctx.capture(m, 'n');
      return n && ctx.finding({ node: n, message: 'x', fix: { safety: 'unsafe', edits: [{ start: n.startIndex, end: n.endIndex, text: 'y' }] } });
    });
    expect(runEngine('x = 1\n', opts([unsafe])).fixed).toBeUndefined();
    expect(runEngine('x = 1\n', { ...opts([unsafe]), unsafeFixes: true }).fixed).toBe('y = 1\n');
  });

  it('removes an import whose last use a fix removed, and keeps imports that were unused before', () => {
    const drop = rule(
      'LM905',
      '(call function: (identifier) @n) @c',
      (m, ctx) => {
        const n = ctx.capture(m, 'n');
        const c = ctx.capture(m, 'c');
        if (!n || !c || n.text !== 'sleep') return null;
        return ctx.finding({ node: c, message: 'x', fix: { safety: 'safe', edits: [{ start: c.startIndex, end: c.endIndex, text: 'None' }] } });
      },
      ['sleep'],
    );
    const src = 'from asyncio import sleep, gather\nimport os\n\nsleep(1)\n';
    expect(runEngine(src, opts([drop])).fixed).toBe('from asyncio import gather\nimport os\n\nNone\n');
  });

  it('turns a fix that deletes a comment into an unsafe one', () => {
    const del = rule('LM906', '(expression_statement) @n', (m, ctx) => {
      const n = ctx.capture(m, 'n');
      return n && ctx.finding({ node: n, message: 'x', fix: { safety: 'safe', edits: [{ start: n.startIndex, end: n.endIndex + 10, text: 'pass' }] } });
    });
    const r = runEngine('x = 1  # keep\n', opts([del]));
    expect(r.findings[0]?.fix?.safety).toBe('unsafe');
    expect(r.fixed).toBeUndefined();
  });

  it('sees a comment an edit starts inside, and no comment in a `#` within a string', () => {
    const edit = (from: string, to: string) =>
      rule('LM907', '(module) @m', (m, ctx) => {
        const mod = ctx.capture(m, 'm');
        const start = ctx.source.indexOf(from);
        if (start === -1) return null; // the text after the fix
        return mod && ctx.finding({ node: mod, message: 'x', fix: { safety: 'safe', edits: [{ start, end: ctx.source.indexOf(to) + to.length, text: 'None' }] } });
      });
    expect(runEngine('x = 1  # keep this\ny = 2\n', opts([edit('this', '2')])).findings[0]?.fix?.safety).toBe('unsafe');
    expect(runEngine("x = '#'\ny = 2\n", opts([edit("'#'", '2')])).findings[0]?.fix?.safety).toBe('safe');
    expect(runEngine('x = 1\ny = 2  # after\n', opts([edit('x', '1')])).findings[0]?.fix?.safety).toBe('safe');
  });
});

describe('findings resolved by another rule', () => {
  it('counts a report-only finding as resolved when a fix of another rule removes it', async () => {
    await initParser();
    const report = rule(
      'LM909',
      '((identifier) @n (#eq? @n "legacy"))',
      (m, ctx) => {
        const n = ctx.capture(m, 'n');
        return n && ctx.finding({ node: n, message: 'legacy name' });
      },
      ['legacy'],
    );
    const rename = rule(
      'LM910',
      '((identifier) @n (#eq? @n "legacy"))',
      (m, ctx) => {
        const n = ctx.capture(m, 'n');
        return n && ctx.finding({ node: n, message: 'rename', fix: { safety: 'safe', edits: [{ start: n.startIndex, end: n.endIndex, text: 'modern' }] } });
      },
      ['legacy'],
    );
    const other = rule(
      'LM911',
      '((identifier) @n (#eq? @n "keep"))',
      (m, ctx) => {
        const n = ctx.capture(m, 'n');
        return n && ctx.finding({ node: n, message: 'still here' });
      },
      ['keep'],
    );
    const r = runEngine('legacy = 1\nkeep = 2\n', opts([report, rename, other]));
    expect(r.fixed).toBe('modern = 1\nkeep = 2\n');
    expect(r.findings.map((f) => [f.code, f.applied])).toEqual([
      ['LM909', true],
      ['LM910', true],
      ['LM911', false],
    ]);
  });
});
