import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/common/apply.js';
import { initParser, parse } from '../../src/python/parser.js';
import { appendArgument, keywordArgument, removeArgument } from '../../src/python/arguments.js';
import { findParameter, removeParameter } from '../../src/python/params.js';

async function dropLoop(source: string): Promise<string> {
  await initParser();
  const tree = parse(source);
  try {
    const args = tree.rootNode.descendantsOfType('argument_list').find((a) => a && keywordArgument(a, 'loop'));
    const arg = args ? keywordArgument(args, 'loop') : null;
    if (!args || !arg) throw new Error('no loop= argument in the sample');
    return applyEdits(source, removeArgument(source, args, arg));
  } finally {
    tree.delete();
  }
}

describe('removeArgument', () => {
  const cases: Array<[string, string, string]> = [
    ['the only argument', 'f(loop=l)\n', 'f()\n'],
    ['the only argument, trailing comma', 'f(loop=l,)\n', 'f()\n'],
    ['first of several', 'f(loop=l, x=1)\n', 'f(x=1)\n'],
    ['first, no space after the comma', 'f(loop=l,x=1)\n', 'f(x=1)\n'],
    ['in the middle', 'f(a, loop=l, b)\n', 'f(a, b)\n'],
    ['last', 'f(a, loop=l)\n', 'f(a)\n'],
    ['last, trailing comma and odd spacing', 'f(a , loop=l , )\n', 'f(a)\n'],
    ['on a line of its own', 'f(\n    a,\n    loop=l,\n    b=2,\n)\n', 'f(\n    a,\n    b=2,\n)\n'],
    ['last line of a hanging list', 'f(a,\n  loop=l)\n', 'f(a)\n'],
    ['on its own line before the closing paren, no comma', 'f(\n    a,\n    loop=l\n)\n', 'f(\n    a,\n)\n'],
    ['with a trailing comment, which stays', 'f(\n    loop=l,  # why\n    a,\n)\n', 'f(\n    # why\n    a,\n)\n'],
    ['after a comment, which stays', 'f(a,  # why\n  loop=l)\n', 'f(a,  # why\n  )\n'],
    ['first, the next one on the following line', 'f(loop=l,\n  a)\n', 'f(\n  a)\n'],
  ];
  for (const [name, source, expected] of cases) {
    it(name, async () => {
      const out = await dropLoop(source);
      expect(out).toBe(expected);
      const tree = parse(out);
      try {
        expect(tree.rootNode.hasError, 'still parses').toBe(false);
      } finally {
        tree.delete();
      }
    });
  }
});

describe('appendArgument and removeParameter keep the layout', () => {
  async function edit(source: string, fn: (root: import('../../src/python/parser.js').Node) => import('../../src/common/types.js').Edit | null): Promise<string> {
    await initParser();
    const tree = parse(source);
    try {
      const e = fn(tree.rootNode);
      if (!e) throw new Error('no edit');
      return applyEdits(source, [e]);
    } finally {
      tree.delete();
    }
  }
  const append = (source: string) =>
    edit(source, (root) => {
      const args = root.descendantsOfType('argument_list')[0];
      return args ? appendArgument(source, args, 'loop_scope="session"', '\n') : null;
    });

  it('appends on the line of a one-line call, on a line of its own in an exploded one', async () => {
    expect(await append('f(a)\n')).toBe('f(a, loop_scope="session")\n');
    expect(await append('f()\n')).toBe('f(loop_scope="session")\n');
    expect(await append('f(\n    scope="session",\n    autouse=True,\n)\n')).toBe('f(\n    scope="session",\n    autouse=True,\n    loop_scope="session",\n)\n');
    expect(await append('f(\n    scope="session",\n    autouse=True\n)\n')).toBe('f(\n    scope="session",\n    autouse=True,\n    loop_scope="session"\n)\n');
  });

  it('empties an exploded parameter list to ()', async () => {
    const drop = (source: string) =>
      edit(source, (root) => {
        const def = root.descendantsOfType('function_definition')[0];
        const p = def ? findParameter(def, 'event_loop') : null;
        return p ? removeParameter(p) : null;
      });
    expect(await drop('def test_a(\n    event_loop,\n):\n    pass\n')).toBe('def test_a():\n    pass\n');
    expect(await drop('def test_a(event_loop):\n    pass\n')).toBe('def test_a():\n    pass\n');
    expect(await drop('def test_a(\n    x,\n    event_loop,\n):\n    pass\n')).toBe('def test_a(\n    x,\n):\n    pass\n');
  });
});
