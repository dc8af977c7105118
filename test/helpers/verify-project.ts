// A tiny Python project for the --verify tests, and fixes as plain text replacements: each (file, rule)
// group replaces one snippet of its file, so that a test decides which groups break which tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** file → rule → [snippet, replacement]. */
export type TextFixes = Record<string, Record<string, readonly [string, string]>>;

/**
 * The contents of `file` under `root` with the replacements of `rules` made; each must apply. A file
 * that does not exist is empty, so that a fix ['', text] creates it.
 */
export function materializeText(root: string, fixes: TextFixes) {
  // async without await: a missing fix rejects the promise rather than throwing at the call.
  // eslint-disable-next-line @typescript-eslint/require-await
  return async (file: string, rules: readonly string[]): Promise<string> => {
    const full = path.resolve(root, file);
    let text = existsSync(full) ? readFileSync(full, 'utf8') : '';
    for (const rule of rules) {
      const fix = fixes[file]?.[rule];
      if (!fix || !text.includes(fix[0])) throw new Error(`no fix ${rule} for ${file}`);
      text = text.replace(fix[0], fix[1]);
    }
    return text;
  };
}

export function groupsOf(fixes: TextFixes): Array<{ file: string; rule: string }> {
  return Object.entries(fixes).flatMap(([file, rules]) => Object.keys(rules).map((rule) => ({ file, rule })));
}

/** A Python 3 interpreter: pyenv's 3.13.0 when installed, else python3 on PATH. */
export function python(): string {
  const r = spawnSync('pyenv', ['prefix', '3.13.0'], { encoding: 'utf8' });
  const pyenv = r.status === 0 ? path.join(r.stdout.trim(), 'bin', 'python') : '';
  return pyenv && existsSync(pyenv) ? pyenv : 'python3';
}

/** Writes `files` (relative path → text) into a new temporary directory and returns it. */
export function makeProject(files: Record<string, string>, prefix = 'loopmigrate-verify-project-'): string {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

/** Six functions over two modules, and a unittest suite that checks each of their values. */
export const CALC: Record<string, string> = {
  'calc/__init__.py': '',
  'calc/a.py': 'def one():\n    return 1\n\n\ndef two():\n    return 2\n\n\ndef three():\n    return 3\n',
  'calc/b.py': 'def four():\n    return 4\n\n\ndef five():\n    return 5\n\n\ndef six():\n    return 6\n',
  'tests/__init__.py': '',
  'tests/test_calc.py': [
    'import unittest',
    '',
    'from calc import a, b',
    '',
    '',
    'class TestCalc(unittest.TestCase):',
    '    def test_a(self):',
    '        self.assertEqual((a.one(), a.two(), a.three()), (1, 2, 3))',
    '',
    '    def test_b(self):',
    '        self.assertEqual((b.four(), b.five(), b.six()), (4, 5, 6))',
    '',
  ].join('\n'),
};

/** Harmless fixes (the same value spelt another way) for every function. */
export const HARMLESS: TextFixes = {
  'calc/a.py': { LM101: ['return 1', 'return 0 + 1'], LM102: ['return 2', 'return 1 + 1'], LM103: ['return 3', 'return 2 + 1'] },
  'calc/b.py': { LM104: ['return 4', 'return 3 + 1'], LM105: ['return 5', 'return 4 + 1'], LM106: ['return 6', 'return 5 + 1'] },
};
