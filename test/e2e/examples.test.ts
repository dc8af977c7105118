// The bundled examples/ must be real legacy code: each check fails (or at least runs) on the modern
// stack before migration, and passes after `loopmigrate --unsafe-fixes .` — the README's promise.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRun } from './process.js';
import { runLoopmigrate, runScenarioCommand } from './scenario.js';
import { ensureStack, findInterpreter, repoRoot } from './stack.js';

interface Check {
  command: string[];
  legacyFails: boolean;
  output: string;
  interruptWhen?: string;
  timeoutSeconds?: number;
  /** The tool cannot prove a fix here: it reports this site (`path:line:col: CODE`) and the code stays as it was. */
  reported?: string;
}

const { checks } = JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'checks.json'), 'utf8')) as { checks: Check[] };
const interp = findInterpreter('3.13') ?? findInterpreter('3.12');
const required = process.env.LOOPMIGRATE_E2E === 'required';
const temps: string[] = [];

function copyExamples(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loopmigrate-examples-'));
  temps.push(dir);
  cpSync(path.join(repoRoot, 'examples'), dir, { recursive: true });
  return dir;
}

afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe.runIf(interp !== undefined || required)('examples/ on the modern stack', () => {
  it('has a Python >= 3.12', () => {
    expect(interp, 'no CPython 3.13 or 3.12 found on PATH or through pyenv').toBeDefined();
  });

  it('fails before migration and runs clean after it', { timeout: 900_000 }, async () => {
    if (!interp) return;
    const stack = await ensureStack(interp);
    const legacy = copyExamples();
    const migrated = copyExamples();
    const fix = await runLoopmigrate(['--unsafe-fixes', '.'], migrated);
    // Exit 1 is expected: the report-only rules (LM3xx) leave their findings behind by design.
    expect([0, 1], describeRun('loopmigrate', fix)).toContain(fix.code);
    for (const check of checks) {
      const manifest = { command: check.command, interruptWhen: check.interruptWhen, timeoutSeconds: check.timeoutSeconds };
      const before = await runScenarioCommand(stack, manifest, legacy);
      if (check.legacyFails) expect(before.code, describeRun(`legacy ${check.command.join(' ')}`, before)).not.toBe(0);
      const after = await runScenarioCommand(stack, manifest, migrated);
      const label = `migrated ${check.command.join(' ')}`;
      if (check.reported) {
        expect(fix.stderr, describeRun('loopmigrate', fix)).toContain(check.reported);
        expect(after.code, describeRun(label, after)).toBe(before.code);
        continue;
      }
      expect(after.interrupted || after.code === 0, describeRun(label, after)).toBe(true);
      expect(after.stdout + after.stderr, describeRun(label, after)).toContain(check.output);
    }
    const again = await runLoopmigrate(['--unsafe-fixes', '--check', '--format', 'json', '.'], migrated);
    const left = (JSON.parse(again.stdout) as { findings: Array<{ code: string; path: string; fix: unknown }> }).findings;
    expect(
      left.filter((f) => f.fix !== null),
      describeRun('second run', again),
    ).toEqual([]);
  });
});

describe.runIf(interp === undefined && !required)('examples/ on the modern stack', () => {
  it.skip('skipped: no CPython >= 3.12 found on PATH or through pyenv; set LOOPMIGRATE_E2E=required to make this an error', () => {});
});
