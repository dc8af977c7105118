// Where a project sets a current loop (ProjectFacts.loopInstalls): LM102/LM103/LM104 keep
// get_event_loop() on such a loop instead of rewriting it to a new one.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileFacts, gatherProjectFacts } from '../../src/pytest/facts.js';

function project(files: Record<string, string>): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lm-loop-facts-'));
  return Object.entries(files).map(([name, text]) => {
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  });
}

describe('loop facts', () => {
  it('record set_event_loop(x) that leaves x installed, not set_event_loop(None), policies or a loop closed where it was set', async () => {
    const files = project({
      'setup_loop.py': 'import asyncio\n\ndef install():\n    loop = asyncio.new_event_loop()\n    asyncio.set_event_loop(loop)\n    return loop\n',
      'worker.py': 'import asyncio as aio\n\ndef serve():\n    loop = aio.new_event_loop()\n    aio.set_event_loop(loop)\n    try:\n        loop.run_until_complete(aio.sleep(0))\n    finally:\n        loop.close()\n',
      'reset.py': 'import asyncio\nasyncio.set_event_loop(None)\nasyncio.set_event_loop_policy(None)\n',
      'other.py': 'def set_event_loop(x):\n    pass\n\nset_event_loop(1)\n',
      'main.py': 'import asyncio\nloop = asyncio.get_event_loop()\n',
    });
    const facts = await gatherProjectFacts(files, undefined, true);
    expect(facts.loopInstalls.map((i) => `${path.basename(i.file)}:${i.line}`)).toEqual(['setup_loop.py:5']);
    const main = files.find((f) => f.endsWith('main.py')) as string;
    expect(fileFacts(facts, main).loopSetElsewhere).toMatch(/setup_loop\.py:5$/);
    // The module that sets the loop sees its own call directly, not as "elsewhere".
    expect(fileFacts(facts, files[0] as string).loopSetElsewhere).toBeUndefined();
    // Without LM102-LM104 in the run, the files are not read for it.
    expect((await gatherProjectFacts(files)).loopInstalls).toEqual([]);
  });
});
