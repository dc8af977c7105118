import { describe, expect, it } from 'vitest';
import { maskMagics, notebookToPython, runNotebook, writeBack } from '../../src/file/notebook.js';
import { countErrors, initParser, parse } from '../../src/python/parser.js';
import { transforms } from '../../transforms/index.js';

async function parsesClean(text: string): Promise<boolean> {
  await initParser();
  const tree = parse(text);
  try {
    return countErrors(tree) === 0;
  } finally {
    tree.delete();
  }
}

describe('maskMagics', () => {
  it('turns line magics, shell escapes, help and magic assignments into Python on the same lines', async () => {
    const src = '%matplotlib inline\nfiles = !ls -la\nfor f in files:\n    !echo {f}\nlen?\nx = 1';
    const { text, masks } = maskMagics(src, 2);
    expect(text.split('\n')).toHaveLength(src.split('\n').length);
    expect(masks).toHaveLength(4);
    expect(text).toContain('files = None  # loopmigrate: IPython magic 2.2');
    expect(text).toContain('    pass  # loopmigrate: IPython magic 2.3');
    expect(text.endsWith('x = 1')).toBe(true);
    expect(await parsesClean(text)).toBe(true);
  });

  it('keeps the Python body of %%time but masks a %%bash cell entirely', async () => {
    expect(maskMagics('%%time\nx = 1', 1).text).toBe('pass  # loopmigrate: IPython magic 1.1\nx = 1');
    const bash = maskMagics('%%bash\nif [ -f x ]; then\n  echo "("\nfi', 1);
    expect(bash.masks).toHaveLength(4);
    expect(await parsesClean(bash.text)).toBe(true);
  });

  it('leaves top-level await alone: tree-sitter parses it', async () => {
    expect(maskMagics('await asyncio.sleep(0)', 1).masks).toEqual([]);
    expect(await parsesClean('await asyncio.sleep(0)\nasync with s:\n    pass\n')).toBe(true);
  });
});

describe('notebookToPython / writeBack', () => {
  const doc = JSON.stringify(
    {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['text'] },
        { cell_type: 'code', metadata: {}, outputs: [], source: ['%time x\n', 'y = 1'] },
        { cell_type: 'code', metadata: {}, outputs: [], source: 'z = 2\n' },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );

  it('numbers cells among all cells and puts a cell marker before each code cell', () => {
    const nb = notebookToPython(doc);
    expect(nb.ok).toBe(true);
    if (!nb.ok) return;
    expect(nb.value.cells.map((c) => [c.number, c.firstLine])).toEqual([
      [2, 2],
      [3, 5],
    ]);
    expect(nb.value.python).toBe('# %% [loopmigrate cell 2]\npass  # loopmigrate: IPython magic 2.1\ny = 1\n# %% [loopmigrate cell 3]\nz = 2\n');
  });

  it('writes back only changed cells and refuses a fix that lost a magic or a cell marker', () => {
    const nb = notebookToPython(doc);
    if (!nb.ok) throw new Error('not a notebook');
    const same = writeBack(doc, nb.value, nb.value.python);
    expect(same).toEqual({ ok: true, text: doc });
    const edited = writeBack(doc, nb.value, nb.value.python.replace('y = 1', 'y = 2'));
    expect(edited.ok && edited.text).toBe(doc.replace('"y = 1"', '"y = 2"'));
    expect(writeBack(doc, nb.value, nb.value.python.replace(/pass {2}#.*\n/, '')).ok).toBe(false);
    expect(writeBack(doc, nb.value, nb.value.python.replace('# %% [loopmigrate cell 3]\n', '')).ok).toBe(false);
  });
});

describe('runNotebook', () => {
  it('gives the line of a cell Python would refuse (TabError, `except E, e:`) within that cell', async () => {
    await initParser();
    const notebook = (code: string) =>
      JSON.stringify({
        cells: [
          { cell_type: 'code', metadata: {}, outputs: [], source: ['x = 1'] },
          { cell_type: 'code', metadata: {}, outputs: [], source: code },
        ],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      });
    const run = (code: string) => runNotebook(notebook(code), { transforms, unsafeFixes: false, target: [3, 12], fix: true }).problem?.message;
    expect(run('import asyncio\nif x:\n\tloop = asyncio.get_event_loop()\n        y = 1\n')).toMatch(/TabError \(cell 2, line 4\)/);
    expect(run('import asyncio\ntry:\n    asyncio.get_event_loop()\nexcept E, e:\n    pass\n')).toMatch(/`except E, e:` \(cell 2, line 4\)/);
  });
});
