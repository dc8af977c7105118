// Deleting statements leaves valid, tidy Python: no `pass`-only else, no handler-less try.
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/common/apply.js';
import { initParser, parse } from '../../src/python/parser.js';
import { removeStatements } from '../../src/python/statements.js';

async function remove(source: string, texts: string[]): Promise<string> {
  await initParser();
  const tree = parse(source);
  try {
    const stmts = tree.rootNode.descendantsOfType('expression_statement').filter((n) => n !== null && texts.includes(n.text));
    const edits = removeStatements(source, stmts, []);
    if (!edits) throw new Error('not removable');
    return applyEdits(source, edits);
  } finally {
    tree.delete();
  }
}

describe('removeStatements', () => {
  it('drops an emptied else clause whole', async () => {
    expect(await remove('if ready:\n    start()\nelse:\n    loop.close()\nafter()\n', ['loop.close()'])).toBe('if ready:\n    start()\nafter()\n');
    expect(await remove('for x in xs:\n    use(x)\nelse:\n    loop.close()\n', ['loop.close()'])).toBe('for x in xs:\n    use(x)\n');
  });

  it('keeps pass where a block must hold a statement, and a commented else', async () => {
    expect(await remove('if ready:\n    loop.close()\nrest()\n', ['loop.close()'])).toBe('if ready:\n    pass\nrest()\n');
    expect(await remove('if ready:\n    start()\nelse:\n    # why\n    loop.close()\n', ['loop.close()'])).toBe('if ready:\n    start()\nelse:\n    # why\n    pass\n');
  });

  it('unwraps a try whose finally emptied', async () => {
    expect(await remove('try:\n    run()\nfinally:\n    loop.close()\n', ['loop.close()'])).toBe('run()\n');
  });
});
