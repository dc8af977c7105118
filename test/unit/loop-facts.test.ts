// Where a project sets a current loop (ProjectFacts.loopInstalls): LM102/LM103/LM104 keep
// get_event_loop() on such a loop instead of rewriting it to a new one.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileFacts, gatherProjectFacts } from '../../src/pytest/facts.js';
import { DEFAULT_LIMITS } from '../../src/common/limits.js';
import { recheck } from '../../src/run/runner.js';
import type { FileResult } from '../../src/common/types.js';
import { processFile } from '../../src/file/worker.js';
import { transforms } from '../../transforms/index.js';

function project(files: Record<string, string>): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lm-loop-facts-'));
  return Object.entries(files).map(([name, text]) => {
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  });
}

describe('loop facts', () => {
  it('record set_event_loop(x) that leaves x installed, not set_event_loop(None), policies or a loop closed in the function that set it', async () => {
    const files = project({
      'setup_loop.py': 'import asyncio\n\ndef install():\n    loop = asyncio.new_event_loop()\n    asyncio.set_event_loop(loop)\n    return loop\n',
      'worker.py':
        'import asyncio as aio\n\ndef serve():\n    loop = aio.new_event_loop()\n    aio.set_event_loop(loop)\n    try:\n        loop.run_until_complete(aio.sleep(0))\n    finally:\n        loop.close()\n',
      'reset.py': 'import asyncio\nasyncio.set_event_loop(None)\nasyncio.set_event_loop_policy(None)\n',
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

  it('count a module too large to read as one that may set a loop', async () => {
    const files = project({ 'generated.py': `TABLE = [${'0, '.repeat(2000)}]\n`, 'main.py': 'import asyncio\nloop = asyncio.get_event_loop()\n' });
    const main = files[1] as string;
    const limits = { ...DEFAULT_LIMITS, maxFileSize: 4096 };
    const facts = await gatherProjectFacts(files, undefined, true, false, undefined, limits);
    expect(fileFacts(facts, main).loopSetElsewhere).toMatch(/\/generated\.py \(not read: over the 4 KiB limit of --max-file-size\)$/);
    // Within the limit it is read, and holds no such call.
    expect((await gatherProjectFacts(files, undefined, true)).loopInstalls).toEqual([]);
    // A test module too large to read counts the same.
    const tests = project({ 'test_data.py': `TABLE = [${'0, '.repeat(2000)}]\n`, 'main.py': 'import asyncio\nloop = asyncio.get_event_loop()\n' });
    const unread = await gatherProjectFacts(tests, undefined, true, false, undefined, limits);
    expect(fileFacts(unread, tests[1] as string).loopSetElsewhere).toMatch(/\/test_data\.py \(not read: over the 4 KiB limit of --max-file-size\)$/);
  });
});

describe('a file done before the loop facts', () => {
  it('is done again when the facts show a loop set elsewhere, and kept as it was when they do not', async () => {
    const files = project({
      'a_main.py': 'import asyncio\n\n\nasync def serve():\n    pass\n\n\ndef main():\n    loop = asyncio.get_event_loop()\n    loop.run_until_complete(serve())\n',
      'z_setup.py': 'import asyncio\n\n\ndef install():\n    loop = asyncio.new_event_loop()\n    asyncio.set_event_loop(loop)\n    return loop\n',
    });
    const main = files[0] as string;
    const opts = { settings: { select: [], ignore: [], unsafeFixes: true }, transforms: transforms.filter((t) => t.code === 'LM102'), fix: false, prefilter: true, limits: DEFAULT_LIMITS };
    const early = (await processFile(main, opts)) as FileResult;
    expect(early.loopFactsUnknown).toBe(true);
    expect(early.findings[0]?.fix).not.toBeNull();
    const facts = await gatherProjectFacts(files, undefined, true);
    const again = await recheck(early, { ...opts, facts });
    expect(again.loopFactsUnknown).toBeUndefined();
    expect(again.findings[0]?.fix).toBeNull();
    expect(again.findings[0]?.message).toMatch(/z_setup\.py:6 sets a loop/);
    // No loop set anywhere else: the early answer stands, unchanged.
    const alone = await gatherProjectFacts([main], undefined, true);
    const kept = await recheck(early, { ...opts, facts: alone });
    expect(kept.findings).toBe(early.findings);
  });
});
