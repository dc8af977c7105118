// A notebook's cells run on IPython's running loop (LM112, and LM104 at a cell's top level): the
// legacy calls raise under a real kernel, the migrated notebook runs. ipykernel's pyzmq has only
// CPython 3.11 wheels in the package mirror, so this runs on 3.11 with nbclient + ipykernel.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRun, run } from './process.js';
import { runLoopmigrate } from './scenario.js';
import { ensureStack, findInterpreter, repoRoot } from './stack.js';

const interp = findInterpreter('3.11');
const required = process.env.LOOPMIGRATE_E2E === 'required';
const temps: string[] = [];
const EXECUTE = `
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, timeout=60, kernel_name="python3").execute()
for cell in nb.cells:
    for out in cell.get("outputs", []):
        if out.get("name") == "stdout":
            sys.stdout.write(out["text"])
`;

afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe.runIf(interp !== undefined || required)('notebooks under a real kernel', () => {
  it('fail before migration and run after it', { timeout: 900_000 }, async () => {
    expect(interp, 'no CPython 3.11 found through pyenv').toBeDefined();
    if (!interp) return;
    const stack = await ensureStack(interp, { pins: ['nbclient', 'ipykernel', 'nbformat'], check: 'import nbclient, ipykernel, nbformat' });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-nb-'));
    temps.push(dir);
    const notebook = path.join(dir, 'legacy.ipynb');
    copyFileSync(path.join(repoRoot, 'test', 'e2e', 'notebooks', 'legacy.ipynb'), notebook);
    const execute = () => run(stack.python, ['-W', 'error::DeprecationWarning', '-c', EXECUTE, notebook], { cwd: dir, timeoutMs: 300_000 });

    const before = await execute();
    expect(before.code, describeRun('legacy notebook', before)).not.toBe(0);
    expect(before.stdout + before.stderr).toMatch(/cannot be called from a running event loop|This event loop is already running/);

    const fix = await runLoopmigrate(['--unsafe-fixes', '.'], dir);
    expect(fix.code, describeRun('loopmigrate', fix)).toBe(0);
    const cells = (JSON.parse(readFileSync(notebook, 'utf8')) as { cells: Array<{ source: string[] }> }).cells.map((c) => c.source.join(''));
    expect(cells.join('\n')).toContain("print('run:', await double(1))");

    const after = await execute();
    expect(after.code, describeRun('migrated notebook', after)).toBe(0);
    expect(after.stdout).toBe('run: 2\ngathered: [4, 6]\none-liner: 8\n');

    const again = await runLoopmigrate(['--unsafe-fixes', '--check', '.'], dir);
    expect(again.code, describeRun('second run', again)).toBe(0);
  });
});

describe.runIf(interp === undefined && !required)('notebooks under a real kernel', () => {
  it.skip('skipped: no CPython 3.11 found through pyenv; set LOOPMIGRATE_E2E=required to make this an error', () => {});
});
