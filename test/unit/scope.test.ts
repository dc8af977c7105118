// Name resolution shortcuts must not change answers: a name read before a dot (`asyncio.sleep`) is not
// a binding, but `import asyncio.events` in a function is one, even on a backslash-continued line.
import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, parse } from '../../src/python/parser.js';
import { ScopeIndex } from '../../src/python/scope.js';

beforeAll(() => initParser());

/** What the callee of the last call spelled `callee(` resolves to. */
function resolveLast(source: string, callee: string): string | null {
  const tree = parse(source);
  try {
    const at = source.lastIndexOf(`${callee}(`);
    const node = tree.rootNode.descendantForIndex(at, at + callee.length);
    const fn = node?.type === 'attribute' ? node : node?.parent;
    return fn ? new ScopeIndex(tree.rootNode, source).resolve(fn) : null;
  } finally {
    tree.delete();
  }
}

describe('ScopeIndex.resolve', () => {
  it('resolves module-level imports used as `name.attr` inside functions', () => {
    const src = 'import asyncio\n\ndef f():\n    asyncio .sleep(1)\n    return asyncio.get_event_loop()\n';
    expect(resolveLast(src, 'asyncio.get_event_loop')).toBe('asyncio.get_event_loop');
  });

  it('sees `import name.sub` in a function as a local binding of name', () => {
    const src = 'from trollius import asyncio\n\ndef f():\n    import asyncio.events\n    asyncio.get_event_loop()\n';
    expect(resolveLast(src, 'asyncio.get_event_loop')).toBe('asyncio.get_event_loop');
    const moduleOnly = 'from trollius import asyncio\n\ndef f():\n    asyncio.events.x = 1\n    asyncio.get_event_loop()\n';
    expect(resolveLast(moduleOnly, 'asyncio.get_event_loop')).toBe('trollius.asyncio.get_event_loop');
  });

  it('sees the binding on a backslash-continued import line (LF and CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const src = ['from trollius import asyncio', '', 'def f():', '    import os, \\', '        asyncio.events', '    asyncio.get_event_loop()', ''].join(eol);
      expect(resolveLast(src, 'asyncio.get_event_loop')).toBe('asyncio.get_event_loop');
    }
  });
});
