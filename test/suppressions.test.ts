// `# loopmigrate: ignore[...]`, `# noqa[: ...]` and `# loopmigrate: skip-file`: which lines they cover,
// that a suppressed fix is never applied, and that suppressed findings do not set the exit status.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli } from './helpers/cli.js';

interface Doc {
  findings: { code: string; line: number }[];
  summary: { findings: number; suppressed: number };
}

function check(source: string, args: string[] = []): { lines: number[]; suppressed: number; status: number } {
  const dir = makeTree({ 'app.py': source });
  const r = runCli(['--check', '--format', 'json', ...args], { cwd: dir });
  const doc = JSON.parse(r.stdout) as Doc;
  return { lines: doc.findings.map((f) => f.line), suppressed: doc.summary.suppressed, status: r.status };
}

const coroutine = (body: string) => `import asyncio\n\n\nasync def main():\n${body}`;

describe('suppression comments', () => {
  it('silences by code, by name, by bare directive, and ruff-style noqa (case-insensitive)', () => {
    const r = check(
      coroutine(
        [
          '    a = asyncio.get_event_loop()  # loopmigrate: ignore[LM101]',
          '    b = asyncio.get_event_loop()  # loopmigrate: ignore[LM102, LM101]',
          '    c = asyncio.get_event_loop()  # loopmigrate: ignore',
          '    d = asyncio.get_event_loop()  # loopmigrate: ignore[get-event-loop-in-coroutine]',
          '    e = asyncio.get_event_loop()  # noqa: LM101',
          '    f = asyncio.get_event_loop()  # NOQA:lm101,E501',
          '    g = asyncio.get_event_loop()  # noqa',
          '    h = asyncio.get_event_loop()  # type: ignore  # noqa: LM101',
          '    return a, b, c, d, e, f, g, h',
          '',
        ].join('\n'),
      ),
    );
    expect(r.lines).toEqual([]);
    expect(r.suppressed).toBe(8);
    expect(r.status).toBe(0);
  });

  it("does not silence other codes, other tools' codes, strings or comments on other lines", () => {
    const r = check(
      coroutine(
        [
          '    a = asyncio.get_event_loop()  # loopmigrate: ignore[LM102]', // line 5
          '    b = asyncio.get_event_loop()  # noqa: E501', // 6
          '    c = asyncio.get_event_loop(); s = "# noqa"', // 7
          '    # noqa', // 8
          '    d = asyncio.get_event_loop()', // 9
          '    e = f"""', // 10
          '    # loopmigrate: ignore', // 11
          '    """ + str(asyncio.get_event_loop())', // 12
          '    return a, b, c, d, e, s',
          '',
        ].join('\n'),
      ),
    );
    expect(r.lines).toEqual([5, 6, 7, 9, 12]);
    expect(r.suppressed).toBe(0);
    expect(r.status).toBe(1);
  });

  it("covers a multi-line statement from its first or last line, and a compound statement's header", () => {
    const r = check(
      coroutine(
        [
          '    a = max(  # noqa: LM101', // 5
          '        asyncio.get_event_loop(),', // 6: suppressed from the first line
          '        key=id,',
          '    )',
          '    b = max(', // 9
          '        asyncio.get_event_loop(),', // 10: suppressed from the last line
          '        key=id,',
          '    )  # loopmigrate: ignore[LM101]',
          '    c = max(', // 13
          '        asyncio.get_event_loop(),  # other comment', // 14: not suppressed
          '        # noqa', // 15: a comment in the middle does not count
          '    )',
          '    for t in asyncio.all_tasks(asyncio.get_event_loop()):  # noqa', // 17: header
          '        pass',
          '    if not (', // 19
          '        asyncio.get_event_loop()', // 20: header spans lines 19-21
          '    ):  # noqa: LM101',
          '        pass',
          '    return a, b, c',
          '',
        ].join('\n'),
      ),
    );
    expect(r.lines).toEqual([14]);
    expect(r.suppressed).toBe(4);
  });

  it('a comment on a block statement does not cover the statements inside it', () => {
    const r = check(coroutine(['    if True:  # noqa', '        loop = asyncio.get_event_loop()', '        return loop', ''].join('\n')));
    expect(r.lines).toEqual([6]);
  });

  it('skip-file anywhere in a comment silences the whole file', () => {
    const r = check(coroutine(['    loop = asyncio.get_event_loop()', '    # loopmigrate: skip-file', '    return loop', ''].join('\n')));
    expect(r.lines).toEqual([]);
    expect(r.suppressed).toBe(1);
    const inString = check(coroutine(['    loop = asyncio.get_event_loop()', '    s = "# loopmigrate: skip-file"', '    return loop, s', ''].join('\n')));
    expect(inString.lines).toEqual([5]);
  });

  it('never applies a suppressed fix, applies the others, and counts suppressed findings in --statistics', () => {
    const source = coroutine(['    a = asyncio.get_event_loop()  # noqa: LM101', '    b = asyncio.get_event_loop()', '    return a, b', ''].join('\n'));
    const dir = makeTree({ 'app.py': source });
    const r = runCli(['--statistics'], { cwd: dir });
    expect(r.status).toBe(0);
    const fixed = readFileSync(path.join(dir, 'app.py'), 'utf8');
    expect(fixed).toContain('a = asyncio.get_event_loop()  # noqa: LM101');
    expect(fixed).toContain('b = asyncio.get_running_loop()');
    expect(r.stderr).toMatch(/LM101\s+get-event-loop-in-coroutine\s+1\s+1\s+1/);
    expect(r.stderr).toContain('1 suppressed');
    // A second run finds nothing to do and still reports the suppressed one.
    const again = runCli(['--check', '--statistics'], { cwd: dir });
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/LM101\s+get-event-loop-in-coroutine\s+0\s+0\s+1/);
  });
});
