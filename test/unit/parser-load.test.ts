import { describe, expect, it } from 'vitest';
import { initParser, parse, parserLoaded } from '../../src/python/parser.js';

describe('initParser', () => {
  it('settles without the event loop turning, as in a thread busy with files', async () => {
    // A pool thread awaits only promises between files; a load that needs an event-loop task (a file
    // read callback, a background compile) would sit still until the thread ran out of work.
    let settled = false;
    void initParser().then(() => (settled = true));
    for (let i = 0; i < 10_000 && !settled; i++) await Promise.resolve();
    expect(settled).toBe(true);
    expect(parserLoaded()).toBe(true);
    const tree = parse('import asyncio\nasyncio.run(main())\n');
    try {
      expect(tree.rootNode.hasError).toBe(false);
      expect(tree.rootNode.firstChild?.type).toBe('import_statement');
    } finally {
      tree.delete();
    }
  });
});
