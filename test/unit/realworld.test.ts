// The real-world runner's comparison (scripts/realworld/hunks.mjs) and JUnit reading: the table in
// docs/realworld.md is only as honest as these.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { classify, counts, parseDiff } from '../../scripts/realworld/hunks.mjs';
// @ts-expect-error: a plain .mjs script without type declarations
import { outcomes } from '../../scripts/realworld/junit.mjs';
// @ts-expect-error: a plain .mjs script without type declarations
import { toolOutcome } from '../../scripts/realworld/tool.mjs';

const diff = (file: string, ...hunks: string[]) => `diff --git a/${file} b/${file}\n--- a/${file}\n+++ b/${file}\n${hunks.join('\n')}\n`;

interface Row {
  key: string;
  category: string;
  file: string;
}

function judge(tool: string, oracle: string, findings: unknown[] = [], verdicts: unknown[] = []): { rows: Row[]; stale: string[] } {
  return classify(parseDiff(tool), parseDiff(oracle), findings, verdicts);
}

describe('real-world hunk comparison', () => {
  const oracle = diff('a.py', '@@ -5 +5 @@\n-    loop = asyncio.get_event_loop()\n+    loop = asyncio.get_running_loop()', '@@ -20 +20 @@\n-    asyncio.sleep(1, loop=loop)\n+    asyncio.sleep(1)');

  it('matches equal edits whatever their whitespace and quotes, and finds what the tool missed', () => {
    const tool = diff('a.py', '@@ -5 +5 @@\n-    loop = asyncio.get_event_loop()\n+    loop  =  asyncio.get_running_loop( )');
    const { rows } = judge(tool, oracle);
    expect(rows.map((r) => r.category)).toEqual(['matched', 'missed']);
  });

  it('counts a different edit as unjudged until a verdict is recorded under its key, and flags stale verdicts', () => {
    const tool = diff('a.py', '@@ -5 +5,2 @@\n-    loop = asyncio.get_event_loop()\n+    loop = asyncio.new_event_loop()\n+    asyncio.set_event_loop(loop)');
    const first = judge(tool, oracle).rows;
    expect(first[0]?.category).toBe('unjudged');
    const key = first[0]?.key ?? '';
    expect(key).toMatch(/^a\.py:5#[0-9a-f]{8}$/);
    const { rows, stale } = judge(
      tool,
      oracle,
      [],
      [
        { hunk: key, verdict: 'wrong', reason: 'binds a loop nobody runs' },
        { hunk: 'a.py:1#00000000', verdict: 'equivalent' },
      ],
    );
    expect(counts(rows)).toMatchObject({ wrong: 1, missed: 1, unjudged: 0 });
    expect(stale).toEqual(['a.py:1#00000000']);
    // A changed edit no longer carries the old verdict.
    const changed = diff('a.py', '@@ -5 +5 @@\n-    loop = asyncio.get_event_loop()\n+    loop = get_loop()');
    expect(judge(changed, oracle, [], [{ hunk: key, verdict: 'wrong' }]).rows[0]?.category).toBe('unjudged');
  });

  it('counts a reported site, extras by verdict, and leaves import lines and non-loop hunks out', () => {
    const tool = diff('a.py', '@@ -1,0 +2 @@\n+import asyncio', '@@ -40 +41 @@\n-    asyncio.Task.all_tasks()\n+    asyncio.all_tasks()');
    const withNoise = `${oracle}${diff('b.py', '@@ -3 +3 @@\n-x = 1\n+x = 2')}`;
    const { rows } = judge(tool, withNoise, [{ path: 'a.py', line: 20, applied: false }]);
    expect(rows.map((r) => [r.file, r.category])).toEqual([
      ['a.py', 'missed'],
      ['a.py', 'reported'],
      ['a.py', 'unjudged'],
    ]);
    const extraKey = rows[2]?.key;
    const judged = judge(
      tool,
      withNoise,
      [{ path: 'a.py', line: 20, applied: false }],
      [
        { hunk: extraKey, verdict: 'extra-correct' },
        { file: 'a.py', lines: '4-6', verdict: 'out-of-scope', reason: 'r' },
      ],
    ).rows;
    expect(judged.map((r) => r.category)).toEqual(['out-of-scope', 'reported', 'extra-correct']);
  });
});

describe('JUnit outcomes', () => {
  it('reads passed, failed, errored and skipped cases, the worse outcome winning', () => {
    const xml = `<testsuite><testcase classname="t.A" name="ok" time="0"/><testcase classname="t.A" name="bad &amp; sad"><failure message="x"/></testcase>
<testcase classname="t" name="err"><error message="e">boom</error></testcase><testcase classname="t" name="skip"><skipped/></testcase>
<testcase classname="t" name="teardown"/><testcase classname="t" name="teardown"><error message="teardown"/></testcase></testsuite>`;
    expect(Object.fromEntries(outcomes(xml))).toEqual({ 't.A::ok': 'passed', 't.A::bad & sad': 'failed', 't::err': 'error', 't::skip': 'skipped', 't::teardown': 'error' });
  });
});

describe('real-world region comparison', () => {
  it('matches edits that split one maintainer hunk into several, comparing the text they leave', () => {
    const old = ['a = Lock(loop=l)', 'b = Cond(', '    m, loop=l)', 'c = 1'];
    const oracle = diff('a.py', '@@ -1,3 +1,2 @@\n-a = Lock(loop=l)\n-b = Cond(\n-    m, loop=l)\n+a = Lock()\n+b = Cond(m)');
    const tool = diff('a.py', '@@ -1 +1 @@\n-a = Lock(loop=l)\n+a = Lock()', '@@ -3 +3 @@\n-    m, loop=l)\n+    m)');
    const lines = () => old;
    expect(classify(parseDiff(tool), parseDiff(oracle), [], [], lines).rows.map((r: Row) => r.category)).toEqual(['matched']);
    const wrong = diff('a.py', '@@ -1 +1 @@\n-a = Lock(loop=l)\n+a = Lock()');
    expect(classify(parseDiff(wrong), parseDiff(oracle), [], [], lines).rows.map((r: Row) => r.category)).toEqual(['unjudged']);
  });
});

describe('loopmigrate runs', () => {
  const clean = { status: 0, json: { findings: [] }, stderr: '' };

  it('reports a crash of the second run, whose edits alone look clean', () => {
    expect(toolOutcome([clean, clean])).toEqual({ toolStatus: 0, toolCrash: false });
    expect(
      toolOutcome([
        { status: 1, json: { findings: [] }, stderr: '' },
        { status: 2, json: null, stderr: 'loopmigrate: internal error: boom' },
      ]),
    ).toEqual({ toolStatus: 2, toolCrash: true });
    expect(toolOutcome([clean, { status: null, json: null, stderr: '' }])).toEqual({ toolStatus: null, toolCrash: true });
  });

  it('reports the first run when it crashed', () => {
    expect(toolOutcome([{ status: 3, json: { findings: [] }, stderr: '' }, clean])).toEqual({ toolStatus: 3, toolCrash: true });
  });
});
