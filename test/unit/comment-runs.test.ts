// Long runs of comment lines are left out of the parse (src/python/comment-runs.ts): the tree must be
// the full parse's but for the comment nodes of the skipped lines, and the code that reads comments
// must still see every one of them.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { elidedComments, LONG_COMMENT_RUN, longCommentRuns } from '../../src/python/comment-runs.js';
import { initParser, parse, type Tree } from '../../src/python/parser.js';
import { FileContext } from '../../src/rule-api/context.js';
import { highlightLines } from '../../src/output/highlight.js';
import { DEFAULT_TARGET } from '../../src/common/version.js';
import { snapshotInputs } from '../helpers/snapshots.js';

beforeAll(() => initParser());

/** Every node in document order with its field, extent and flags; comments starting at `skip` left out. */
function outline(tree: Tree, skip: ReadonlySet<number> = new Set()): string[] {
  const out: string[] = [];
  const cursor = tree.walk();
  const visit = (): void => {
    const n = cursor.currentNode;
    if (n.type === 'comment' && skip.has(n.startIndex)) return;
    const at = `${n.startIndex}-${n.endIndex} ${n.startPosition.row}:${n.startPosition.column}-${n.endPosition.row}:${n.endPosition.column}`;
    out.push(`${cursor.currentFieldName ?? ''} ${n.type} ${at}${n.isMissing ? ' missing' : ''}${n.hasError ? ' error' : ''}`);
    if (cursor.gotoFirstChild()) {
      do visit();
      while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
  };
  try {
    visit();
  } finally {
    cursor.delete();
  }
  return out;
}

function comments(tree: Tree): Array<[number, number]> {
  return outline(tree)
    .filter((l) => / comment /.test(l))
    .map((l) => (/ (\d+)-(\d+) /.exec(l) ?? []).slice(1, 3).map(Number) as [number, number]);
}

/**
 * Parses with runs of `min` lines skipped and whole; asserts that the skipped comments are exactly
 * comments of the whole tree and that the rest of the trees are the same. Returns how many were skipped.
 */
function sameAsWhole(source: string, min = 3): number {
  const whole = parse(source, 0);
  const short = parse(source, min);
  try {
    const skipped = elidedComments(short, source);
    const all = comments(whole).map(([s, e]) => `${s}-${e}`);
    for (const [s, e] of skipped) expect(all, `a comment at ${s}-${e} of the whole tree`).toContain(`${s}-${e}`);
    expect(outline(short)).toEqual(outline(whole, new Set(skipped.map(([s]) => s))));
    return skipped.length;
  } finally {
    whole.delete();
    short.delete();
  }
}

const run = (indent: string, n: number, text = 'a comment', eol = '\n') => Array.from({ length: n }, (_, i) => `${indent}# ${text} ${i}${eol}`).join('');

const cases: Array<{ name: string; source: string; skips: boolean }> = [
  { name: 'at module level', source: `import asyncio\n${run('', 8)}x = 1\n`, skips: true },
  { name: 'at the start of the file', source: `${run('', 8)}x = 1\n`, skips: true },
  { name: 'at the end of the file, no final newline', source: `x = 1\n${run('', 8).trimEnd()}`, skips: true },
  { name: 'in a function body', source: `def f():\n    x = 1\n${run('    ', 8)}    return x\n`, skips: true },
  { name: 'at the end of a block, then a dedent', source: `def f():\n    x = 1\n${run('    ', 8)}y = 2\n`, skips: true },
  { name: 'in column 0 inside a block', source: `def f():\n    x = 1\n${run('', 8)}    return x\n`, skips: true },
  { name: 'in column 0 at the end of a block', source: `class C:\n    def f(self):\n        pass\n${run('', 8)}\n\nx = 1\n`, skips: true },
  { name: 'deeper than the block, then a dedent', source: `if a:\n    if b:\n        x = 1\n${run('            ', 8)}y = 2\n`, skips: true },
  { name: 'before an else clause', source: `if a:\n    x = 1\n${run('    ', 8)}else:\n    x = 2\n`, skips: true },
  { name: 'before an except clause, at its indentation', source: `try:\n    x = 1\n${run('', 8)}except E:\n    pass\n`, skips: true },
  { name: 'with blank lines between the comments', source: `def f():\n    x = 1\n${run('    ', 8, 'c', '\n\n')}    \n\t\n    return x\n`, skips: true },
  { name: 'indented with tabs', source: `def f():\n\tx = 1\n${run('\t', 8)}\treturn x\n`, skips: true },
  { name: 'with CRLF line endings', source: `def f():\r\n    x = 1\r\n${run('    ', 8, 'c', '\r\n')}\r\n    return x\r\n`, skips: true },
  { name: 'with odd characters', source: `x = 1\n${run('', 8, 'é 🐍 \\ """ \'\'\' ( [ { \t \f \v \u2028 \\x00 # #', '\n')}y = 2\n`, skips: true },
  { name: 'inside brackets', source: `x = [\n    1,\n${run('    ', 8)}    2,\n]\n`, skips: true },
  { name: 'inside an f-string replacement field', source: `x = f"""{\n    y\n${run('    ', 8)}}"""\n`, skips: true },
  { name: 'of mixed indentation (runs of one indentation only)', source: `def f():\n    x = 1\n${run('    ', 2)}${run('', 2)}${run('    ', 2)}${run('  ', 2)}    return x\n`, skips: false },
  { name: 'inside a triple-quoted string', source: `x = """\n${run('', 8)}"""\ny = 2\n`, skips: false },
  { name: 'inside a continued single-quoted string', source: `x = 'a\\\n${run('', 8).replace(/\n/g, '\\\n')}'\n`, skips: false },
  { name: 'in a file that does not parse', source: `def f(:\n${run('    ', 8)}    return x\n`, skips: false },
];

describe('parsing around long runs of comment lines', () => {
  for (const c of cases) {
    it(`gives the whole parse's tree for a run ${c.name}`, () => {
      const skipped = sameAsWhole(c.source);
      if (c.skips) expect(skipped, 'comments were skipped').toBeGreaterThan(0);
      else expect(skipped).toBe(0);
    });
  }

  it("gives the whole parse's tree for every fixture with a run before each line", () => {
    let skipped = 0;
    for (const file of snapshotInputs().filter((f) => !f.endsWith('.output.py'))) {
      const source = readFileSync(file, 'utf8').replace(/^([ \t]*)(\S.*)$/gm, (_, indent: string, rest: string) => `${run(indent, 4, 'respelled')}${indent}${rest}`);
      skipped += sameAsWhole(source);
    }
    expect(skipped).toBeGreaterThan(1000);
  });

  it('keeps suppression directives and notebook cell marks in the tree', () => {
    const source = `x = 1\n${run('', 10)}# noqa: LM101\n${run('', 10)}# loopmigrate: skip-file\n${run('', 10)}# %% [loopmigrate cell 2]\n${run('', 10)}y = 2\n`;
    const tree = parse(source, 3);
    try {
      const found = comments(tree).map(([s, e]) => source.slice(s, e));
      expect(found).toEqual(expect.arrayContaining(['# noqa: LM101', '# loopmigrate: skip-file', '# %% [loopmigrate cell 2]']));
      expect(elidedComments(tree, source).length).toBeGreaterThan(0);
    } finally {
      tree.delete();
    }
  });

  it('skips only runs of at least LONG_COMMENT_RUN lines by default', () => {
    expect(longCommentRuns(`x = 1\n${run('', LONG_COMMENT_RUN - 1)}y = 2\n`)).toEqual([]);
    const source = `x = 1\n${run('', LONG_COMMENT_RUN)}y = 2\n`;
    expect(longCommentRuns(source)).toEqual([
      {
        start: source.indexOf('# a comment 1'),
        end: source.indexOf(`# a comment ${LONG_COMMENT_RUN - 1}`),
        startRow: 2,
        endRow: LONG_COMMENT_RUN,
        first: 6,
        last: source.indexOf(`# a comment ${LONG_COMMENT_RUN - 1}`),
      },
    ]);
  });
});

describe('the code that reads comments', () => {
  const source = `async def main():\n    x = 1\n${run('    ', 10)}    return x\n`;
  const middle = source.indexOf('# a comment 5');

  it('sees a fix that drops a skipped comment', () => {
    const tree = parse(source, 3);
    try {
      expect(elidedComments(tree, source)).toContainEqual([middle, source.indexOf('\n', middle)]);
      const ctx = new FileContext(source, tree.rootNode, DEFAULT_TARGET);
      const start = source.indexOf('    # a comment 0');
      const end = source.indexOf('    return');
      // The run's first and last comments are carried along; the skipped one in the middle is not.
      const kept = source.slice(start, end).replace('    # a comment 5\n', '');
      expect(ctx.dropsComment({ start, end, text: kept })).toBe(true);
      expect(ctx.dropsComment({ start, end, text: source.slice(start, end) })).toBe(false);
    } finally {
      tree.delete();
    }
  });

  it('highlights every line of a long run as a comment', () => {
    const long = `x = 1\n${run('', LONG_COMMENT_RUN + 2)}y = 2\n`;
    const lines = highlightLines(long);
    expect(lines.slice(1, LONG_COMMENT_RUN + 3).every((l) => /^<span class="c">#[^<]*<\/span>$/.test(l))).toBe(true);
  });
});
