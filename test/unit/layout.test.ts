// Wrapping the lines a fix made too long, as black would (src/python/layout.ts), and the line length a
// project configures (src/config/project.ts).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initParser, parse } from '../../src/python/parser.js';
import { wrapLongLines } from '../../src/python/layout.js';
import { importStyleFor, lineLengthFor } from '../../src/config/project.js';

async function wrap(original: string, fixed: string, limit = 40): Promise<string> {
  await initParser();
  const tree = parse(fixed);
  try {
    return wrapLongLines(original, fixed, tree.rootNode, limit, '    ');
  } finally {
    tree.delete();
  }
}

describe('wrapping lines a fix made too long', () => {
  it('splits the last bracket pair, the body on one line when it fits', async () => {
    expect(await wrap('', 'result = await asyncio.wait(tasks_one, t2)\n')).toBe('result = await asyncio.wait(\n    tasks_one, t2\n)\n');
  });

  it('puts one item per line with a trailing comma when the body does not fit', async () => {
    expect(await wrap('', 'asyncio.run(main(first_argument), debug=some_flag_value)\n')).toBe('asyncio.run(\n    main(first_argument),\n    debug=some_flag_value,\n)\n');
  });

  it('splits a conditional expression before if and else', async () => {
    expect(await wrap('', 'run(main(), factory=SelectorLoop if on_windows() else None)\n', 30)).toBe('run(\n    main(),\n    factory=SelectorLoop\n    if on_windows()\n    else None,\n)\n');
  });

  it('puts a return value with two or more commas in parentheses', async () => {
    expect(await wrap('', 'def f():\n    return first(a), second(b), third(c)\n', 39)).toBe('def f():\n    return (\n        first(a), second(b), third(c)\n    )\n');
  });

  it('leaves lines the file already had, lambdas, comments and unsplittable lines alone', async () => {
    const long = 'result = await asyncio.wait(tasks_one, t2)\n';
    expect(await wrap(long, long)).toBe(long);
    for (const text of ['x = sorted(items_list_name, key=lambda a, b: a + b)\n', 'x = call(argument_one, argument_two)  # why\n', 'x = "a string literal that is far too long"\n']) {
      expect(await wrap('', text)).toBe(text);
    }
  });

  it('splits the body line of a call black had already split', async () => {
    const fixed = 'x = wait(\n    [create(a), create(b)], return_when=FIRST\n)\n';
    expect(await wrap('', fixed)).toBe('x = wait(\n    [create(a), create(b)],\n    return_when=FIRST,\n)\n');
  });
});

describe('the project line length', () => {
  it('reads ruff, black and flake8 settings from the nearest directory that has one, else 88', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-ll-'));
    const make = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
      return path.join(dir, rel);
    };
    make('a/pyproject.toml', '[tool.black]\nline-length = 100\n\n[tool.ruff]\nline-length = 120\n');
    make('b/pyproject.toml', '[tool.black]\nline-length = 79\n');
    make('c/setup.cfg', '[flake8]\nmax-line-length = 99\n');
    make('d/pyproject.toml', '[project]\nname = "d"\n');
    make('d/sub/ruff.toml', 'line-length = 110\n');
    expect(lineLengthFor(make('a/m.py', '')).length).toBe(120);
    expect(lineLengthFor(make('b/pkg/m.py', '')).length).toBe(79);
    expect(lineLengthFor(make('c/m.py', '')).length).toBe(99);
    expect(lineLengthFor(make('d/m.py', '')).length).toBe(88);
    expect(lineLengthFor(make('d/sub/m.py', '')).length).toBe(110);
  });
});

describe('the project isort settings', () => {
  it("finds first-party modules in the root, src/, ruff's src and known-first-party, and force-sort-within-sections", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-isort-'));
    const make = (rel: string, text = '') => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
      return path.join(dir, rel);
    };
    make('a/pyproject.toml', '[tool.ruff]\nsrc = ["lib"]\n\n[tool.ruff.lint.isort]\nknown-first-party = ["shop"]\nforce-sort-within-sections = true\n');
    make('a/lib/billing/__init__.py');
    make('a/src/inventory/__init__.py');
    make('a/helpers.py');
    const a = importStyleFor(make('a/tests/test_x.py'));
    expect([...a.firstParty].sort()).toEqual(expect.arrayContaining(['billing', 'helpers', 'inventory', 'shop', 'tests']));
    expect(a.forceSortWithinSections).toBe(true);
    make('b/setup.cfg', '[isort]\nprofile = google\nknown_first_party = orders,users\n');
    const b = importStyleFor(make('b/pkg/sub/__init__.py'));
    expect(b.forceSortWithinSections).toBe(true);
    expect([...b.firstParty]).toEqual(expect.arrayContaining(['orders', 'users', 'pkg']));
    make('d/pyproject.toml', '[tool.isort]\nknown_third_party = ["vendored"]\n');
    make('d/vendored/__init__.py');
    expect(importStyleFor(make('d/m.py')).thirdParty?.has('vendored')).toBe(true);
    make('c/pyproject.toml', '[project]\nname = "c"\n');
    expect(importStyleFor(make('c/m.py')).forceSortWithinSections).toBe(false);
  });
});
