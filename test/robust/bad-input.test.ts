// The bad input battery: each case builds a directory, runs the built CLI on it and checks the
// promise users rely on: one clear line naming the file and what to do, the right exit status, no
// stack trace, the good files still fixed, and every byte of every other file unchanged.
import { chmodSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedEntries, LEGACY, MIGRATED, recordTree, runCli, STACK_TRACE, removeTempDirs, tempDir, type CliRun } from './harness.js';

afterAll(removeTempDirs);

const isRoot = process.getuid?.() === 0;

interface Case {
  name: string;
  /** Builds the case inside dir (which already holds a fixable legacy.py and a bystander notes.txt). */
  setup: (dir: string) => void;
  args?: string[];
  status: number;
  /** Each must match one stderr line that names the file. */
  messages?: Array<{ file: string; says: RegExp }>;
  /** Entries (relative paths) expected to change besides legacy.py; every other byte must stay. */
  changes?: string[];
  /** Extra checks on the result. */
  after?: (dir: string) => void;
  /** When set, legacy.py is not expected to change (the case does not run on it). */
  legacyUntouched?: boolean;
  /** What the CLI reads on stdin. */
  input?: string;
  /** Variables added to the CLI's environment. */
  env?: NodeJS.ProcessEnv;
  /** Checks on what the CLI printed. */
  output?: (run: CliRun) => void;
  skip?: string;
}

/** A module of `count` plain functions (about 90 bytes each), none of them legacy. */
const plainFunctions = (count: number) => Array.from({ length: count }, (_, i) => `\n\ndef plain_${i}(a, b):\n    c = a + b\n    if c > 10:\n        return c * 2\n    return c - 1\n`).join('');

/** `count` coroutines that each call asyncio.get_event_loop() (LM101's safe fix each), as `legacy` or fixed. */
const coroutines = (count: number, legacy: boolean) =>
  'import asyncio\n' + Array.from({ length: count }, (_, i) => `\n\nasync def task_${i}():\n    return asyncio.${legacy ? 'get_event_loop' : 'get_running_loop'}()\n`).join('');

/** Node's own options for the CLI with its JavaScript heap capped at `mb` MB (a fix pass must not need a multiple of the file). */
const smallHeap = (mb: number): NodeJS.ProcessEnv => ({ NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${mb}`.trim() });

const legacyBytes = (prefix: string, eol = '\n', finalNewline = true) => {
  const lines = LEGACY.trimEnd().split('\n');
  return prefix + lines.join(eol) + (finalNewline ? eol : '');
};

/** A test suite on pytest-asyncio with a session-scoped async fixture lacking loop_scope (LM204 fixes it, LM205 edits the config). */
function writeSuite(dir: string): void {
  mkdirSync(path.join(dir, 'tests'));
  writeFileSync(
    path.join(dir, 'tests', 'test_db.py'),
    'import pytest\nimport pytest_asyncio\n\n\n@pytest_asyncio.fixture(scope="session")\nasync def db():\n    yield 1\n\n\n@pytest.mark.asyncio\nasync def test_db(db):\n    assert db == 1\n',
  );
}
/**
 * A coroutine with a fix right before and right after 3,000 comment lines, inside the block, and runs
 * at module level and in column 0 inside the block (issue 24: the parser read such a run once per
 * line; a whole parse of this file took longer than the 2 s these cases allow). The comments hold
 * odd characters and the very code the rule fixes, which must stay as it is. `inRun` goes into the
 * middle of the run in the block.
 */
const commentRuns = (eol: string, call: string, inRun = '') => {
  const run = (indent: string, middle = '') =>
    Array.from({ length: 3000 }, (_, i) => `${indent}# ${i === 1500 && middle ? middle : `${i}: é 🐍 """ ''' \\ \t ( [ { loop = asyncio.get_event_loop()`}${eol}`).join('');
  return `import asyncio${eol}${eol}${eol}${run('')}async def main():${eol}    loop = asyncio.${call}()${eol}${run('    ', inRun)}    other = asyncio.${call}()${eol}${run('')}    return loop, other${eol}`;
};

const cases: Case[] = [
  {
    name: 'a binary file named .py',
    setup: (d) => writeFileSync(path.join(d, 'image.py'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe])),
    status: 2,
    messages: [{ file: 'image.py', says: /NUL bytes.*binary/ }],
  },
  {
    name: 'NUL bytes in a Python file',
    setup: (d) => writeFileSync(path.join(d, 'nul.py'), `${LEGACY}x = "\0"\n`),
    status: 2,
    messages: [{ file: 'nul.py', says: /NUL bytes/ }],
  },
  {
    name: 'invalid UTF-8',
    setup: (d) => writeFileSync(path.join(d, 'bad_utf8.py'), Buffer.concat([Buffer.from(LEGACY), Buffer.from([0x23, 0x20, 0xc3, 0x28, 0x0a])])),
    status: 2,
    messages: [{ file: 'bad_utf8.py', says: /not valid UTF-8.*coding/ }],
  },
  {
    name: 'a latin-1 file with a coding cookie',
    setup: (d) => writeFileSync(path.join(d, 'latin.py'), Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\n# caf'), Buffer.from([0xe9]), Buffer.from('\n' + LEGACY)])),
    status: 0,
    changes: ['latin.py'],
    after: (d) => {
      const out = readFileSync(path.join(d, 'latin.py'));
      expect(out.includes(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]))).toBe(true);
      expect(out.toString('latin1')).toContain('get_running_loop()');
    },
  },
  {
    name: 'an unknown coding declaration (Python: SyntaxError: unknown encoding)',
    setup: (d) => writeFileSync(path.join(d, 'klingon.py'), `#!/usr/bin/env python\n# -*- coding: klingon -*-\n${LEGACY}`),
    status: 2,
    messages: [{ file: 'klingon.py', says: /declares encoding 'klingon', which Python does not know \(SyntaxError: unknown encoding\).*correct the coding line/ }],
  },
  {
    name: 'an unknown coding declaration in a file no rule concerns (checked without parsing)',
    setup: (d) => writeFileSync(path.join(d, 'plain.py'), '# coding: uft-8\nx = 1\n'),
    status: 2,
    messages: [{ file: 'plain.py', says: /declares encoding 'uft-8', which Python does not know/ }],
  },
  {
    name: 'a UTF-8 BOM with a latin-1 coding declaration (Python: encoding problem)',
    setup: (d) => writeFileSync(path.join(d, 'bomlatin.py'), `\ufeff# -*- coding: latin-1 -*-\n${LEGACY}`),
    status: 2,
    messages: [{ file: 'bomlatin.py', says: /starts with a UTF-8 BOM but declares encoding 'latin-1' \(SyntaxError: encoding problem\)/ }],
  },
  {
    name: 'coding declarations Python accepts are fixed as usual',
    setup: (d) => {
      const cookies: Record<string, string> = {
        'c_latin1.py': '# -*- coding: latin-1 -*-',
        'c_utf8.py': '# coding: utf8',
        'c_vim.py': '# vim: set fileencoding=utf-8 :',
        'c_emacs.py': '# -*- coding: iso-8859-15 -*-',
        'c_suffix.py': '# coding: utf-8-unix',
        'c_latin.py': '# coding: latin 1',
      };
      for (const [name, cookie] of Object.entries(cookies)) writeFileSync(path.join(d, name), `${cookie}\n${LEGACY}`);
    },
    status: 0,
    changes: ['c_latin1.py', 'c_utf8.py', 'c_vim.py', 'c_emacs.py', 'c_suffix.py', 'c_latin.py'],
    after: (d) => expect(readFileSync(path.join(d, 'c_vim.py'), 'utf8')).toBe(`# vim: set fileencoding=utf-8 :\n${MIGRATED}`),
  },
  {
    name: 'inconsistent tabs and spaces (Python: TabError)',
    setup: (d) => writeFileSync(path.join(d, 'tabs.py'), 'import asyncio\n\n\nasync def main():\n\tif True:\n\t\tloop = asyncio.get_event_loop()\n        return loop\n'),
    status: 2,
    messages: [{ file: 'tabs.py', says: /mixes tabs and spaces in its indentation in a way Python refuses with TabError \(line 7\)/ }],
  },
  {
    name: "Python 2's `except E, e:`",
    setup: (d) => writeFileSync(path.join(d, 'py2except.py'), `${LEGACY}\ntry:\n    main()\nexcept ValueError, e:\n    pass\n`),
    status: 2,
    messages: [{ file: 'py2except.py', says: /uses Python 2 syntax: `except E, e:` \(line 10\)/ }],
  },
  {
    name: 'a UTF-8 BOM',
    setup: (d) => writeFileSync(path.join(d, 'bom.py'), '\ufeff' + LEGACY),
    status: 0,
    changes: ['bom.py'],
    after: (d) => expect(readFileSync(path.join(d, 'bom.py'))).toEqual(Buffer.from('\ufeff' + MIGRATED)),
  },
  {
    name: 'UTF-16 with a BOM',
    setup: (d) => writeFileSync(path.join(d, 'utf16.py'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LEGACY, 'utf16le')])),
    status: 2,
    messages: [{ file: 'utf16.py', says: /UTF-16.*UTF-8/ }],
  },
  {
    name: 'CRLF line endings',
    setup: (d) => writeFileSync(path.join(d, 'crlf.py'), legacyBytes('', '\r\n')),
    status: 0,
    changes: ['crlf.py'],
    after: (d) => expect(readFileSync(path.join(d, 'crlf.py'), 'utf8')).toBe(MIGRATED.replaceAll('\n', '\r\n')),
  },
  {
    name: 'lone CR line endings',
    setup: (d) => writeFileSync(path.join(d, 'cr.py'), legacyBytes('', '\r')),
    status: 0,
    changes: ['cr.py'],
    after: (d) => expect(readFileSync(path.join(d, 'cr.py'), 'utf8')).toBe(MIGRATED.replaceAll('\n', '\r')),
  },
  {
    name: 'mixed line endings',
    setup: (d) => writeFileSync(path.join(d, 'mixed.py'), 'import asyncio\r\n\n\rasync def main():\r\n    loop = asyncio.get_event_loop()\r    return loop\n'),
    status: 0,
    changes: ['mixed.py'],
    after: (d) => expect(readFileSync(path.join(d, 'mixed.py'), 'utf8')).toBe('import asyncio\r\n\n\rasync def main():\r\n    loop = asyncio.get_running_loop()\r    return loop\n'),
  },
  {
    name: 'no final newline',
    setup: (d) => writeFileSync(path.join(d, 'nofinal.py'), legacyBytes('', '\n', false)),
    status: 0,
    changes: ['nofinal.py'],
    after: (d) => expect(readFileSync(path.join(d, 'nofinal.py'), 'utf8')).toBe(MIGRATED.trimEnd()),
  },
  {
    name: 'an empty file',
    setup: (d) => writeFileSync(path.join(d, 'empty.py'), ''),
    status: 0,
  },
  {
    name: 'a 20 MB generated file (over the default size limit)',
    setup: (d) => writeFileSync(path.join(d, 'huge.py'), LEGACY + 'x = 1\n'.repeat(3_500_000)),
    status: 2,
    messages: [{ file: 'huge.py', says: /over the 10 MiB limit.*--max-file-size/ }],
  },
  {
    name: 'a 20 MB generated file with --max-file-size raised',
    setup: (d) => writeFileSync(path.join(d, 'huge.py'), '# generated\n' + 'x = 1\n'.repeat(3_500_000)),
    args: ['--max-file-size', '30M'],
    status: 0,
  },
  {
    // The import clean-up after a fix pass walked the whole tree twice, holding every node as a
    // JavaScript object: 4.3 GB for a 9.9 MB module.
    name: 'a 600 KB module with one fix, fixed in place with a 96 MB JavaScript heap',
    setup: (d) => writeFileSync(path.join(d, 'big.py'), LEGACY + plainFunctions(6500)),
    env: smallHeap(96),
    status: 0,
    changes: ['big.py'],
    after: (d) => expect(readFileSync(path.join(d, 'big.py'), 'utf8')).toBe(MIGRATED + plainFunctions(6500)),
  },
  {
    name: '10,000 fixes in one module, fixed in place with a 96 MB JavaScript heap',
    setup: (d) => writeFileSync(path.join(d, 'many.py'), coroutines(10_000, true)),
    env: smallHeap(96),
    status: 0,
    changes: ['many.py'],
    after: (d) => expect(readFileSync(path.join(d, 'many.py'), 'utf8')).toBe(coroutines(10_000, false)),
  },
  {
    // Dense code needs several hundred bytes of parser memory per byte: a 10 MiB file can need more
    // than the parser's 2 GiB, which aborted its WebAssembly instance (`Aborted()`, internal error).
    name: 'a module that needs more parser memory than LOOPMIGRATE_PARSER_MEMORY (the files after it still parse)',
    setup: (d) => {
      writeFileSync(path.join(d, 'dense.py'), LEGACY + 'f(a, b)\n'.repeat(150_000));
      writeFileSync(path.join(d, 'later.py'), LEGACY);
    },
    args: ['--jobs', '1', 'dense.py', 'later.py', 'legacy.py'],
    env: { LOOPMIGRATE_PARSER_MEMORY: '64M' },
    status: 2,
    messages: [{ file: 'dense.py', says: /needs more than 64 MiB of memory to parse.*LOOPMIGRATE_PARSER_MEMORY/ }],
    changes: ['later.py'],
  },
  {
    name: 'an invalid LOOPMIGRATE_PARSER_MEMORY is a usage error',
    setup: () => {},
    env: { LOOPMIGRATE_PARSER_MEMORY: '3G' },
    legacyUntouched: true,
    status: 2,
    output: (run) => expect(run.stderr).toMatch(/^loopmigrate: error: invalid LOOPMIGRATE_PARSER_MEMORY '3G'; expected a size from 64M to 1792M/m),
  },
  {
    // stdin was read to its end whatever its size (`< /dev/zero` grew by 270 MB/s).
    name: 'stdin over --max-file-size: not read to its end, nothing written',
    setup: () => {},
    args: ['--stdin-filename', 'big.py', '--max-file-size', '1M'],
    input: LEGACY + plainFunctions(30_000),
    legacyUntouched: true,
    status: 2,
    messages: [{ file: 'big.py', says: /stdin holds more than the 1 MiB limit; it was not processed and nothing was written \(raise --max-file-size/ }],
    output: (run) => expect(run.stdout).toBe(''),
  },
  {
    name: 'a parse slower than --parse-timeout',
    setup: (d) => writeFileSync(path.join(d, 'slow.py'), LEGACY + 'x = [1, 2, 3]\n'.repeat(300_000)),
    args: ['--parse-timeout', '0.05'],
    status: 2,
    messages: [{ file: 'slow.py', says: /longer than 0\.05 s.*--parse-timeout/ }],
  },
  {
    name: 'long runs of comment lines around fixes (issue 24)',
    setup: (d) => writeFileSync(path.join(d, 'comments.py'), commentRuns('\n', 'get_event_loop')),
    args: ['--parse-timeout', '2', '.'],
    status: 0,
    changes: ['comments.py'],
    after: (d) => expect(readFileSync(path.join(d, 'comments.py'), 'utf8')).toBe(commentRuns('\n', 'get_running_loop')),
  },
  {
    name: 'long runs of comment lines around fixes, CRLF',
    setup: (d) => writeFileSync(path.join(d, 'comments.py'), commentRuns('\r\n', 'get_event_loop')),
    args: ['--parse-timeout', '2', '.'],
    status: 0,
    changes: ['comments.py'],
    after: (d) => expect(readFileSync(path.join(d, 'comments.py'), 'utf8')).toBe(commentRuns('\r\n', 'get_running_loop')),
  },
  {
    name: 'a skip-file comment inside a long run of comment lines',
    setup: (d) => writeFileSync(path.join(d, 'comments.py'), commentRuns('\n', 'get_event_loop', 'loopmigrate: skip-file')),
    args: ['--parse-timeout', '2', '.'],
    status: 0,
  },
  {
    name: '5,000-deep block nesting',
    setup: (d) => {
      let s = 'import asyncio\n';
      for (let i = 0; i < 5000; i++) s += `${' '.repeat(i)}if x:\n`;
      writeFileSync(path.join(d, 'deep.py'), `${s}${' '.repeat(5000)}asyncio.get_event_loop()\n`);
    },
    args: ['--max-file-size', '20M'],
    status: 2,
    messages: [{ file: 'deep.py', says: /does not parse as Python/ }],
  },
  {
    // Fixed since the import clean-up stopped walking the tree recursively (issue 24), which was what
    // overflowed the stack here; the rules' own walks take this depth (CPython refuses it anyway).
    name: '5,000-deep expression nesting',
    setup: (d) => writeFileSync(path.join(d, 'parens.py'), `import asyncio\n\nasync def f():\n    return ${'('.repeat(5000)}asyncio.get_event_loop()${')'.repeat(5000)}\n`),
    status: 0,
    changes: ['parens.py'],
    after: (d) => expect(readFileSync(path.join(d, 'parens.py'), 'utf8')).toBe(`import asyncio\n\nasync def f():\n    return ${'('.repeat(5000)}asyncio.get_running_loop()${')'.repeat(5000)}\n`),
  },
  {
    name: 'a syntax error near a legacy pattern',
    setup: (d) => writeFileSync(path.join(d, 'broken.py'), 'import asyncio\n\nasync def main(:\n    loop = asyncio.get_event_loop()\n'),
    status: 2,
    messages: [{ file: 'broken.py', says: /does not parse as Python \(line \d+\); fix the syntax error first/ }],
  },
  {
    name: 'a directory named .py',
    setup: (d) => {
      mkdirSync(path.join(d, 'pkg.py'));
      writeFileSync(path.join(d, 'pkg.py', 'inner.py'), LEGACY);
    },
    status: 0,
    changes: ['pkg.py/inner.py'],
    after: (d) => expect(readFileSync(path.join(d, 'pkg.py', 'inner.py'), 'utf8')).toBe(MIGRATED),
  },
  {
    name: 'a symlink loop found while walking (links are not followed)',
    setup: (d) => {
      symlinkSync('b.py', path.join(d, 'a.py'));
      symlinkSync('a.py', path.join(d, 'b.py'));
      mkdirSync(path.join(d, 'sub'));
      symlinkSync('..', path.join(d, 'sub', 'up'));
    },
    status: 0,
  },
  {
    name: 'a symlink loop named explicitly',
    setup: (d) => {
      symlinkSync('b.py', path.join(d, 'a.py'));
      symlinkSync('a.py', path.join(d, 'b.py'));
    },
    args: ['a.py', 'legacy.py'],
    status: 2,
    messages: [{ file: 'a.py', says: /symbolic link loop/ }],
  },
  {
    name: 'a link to a file outside the root is not followed',
    setup: (d) => {
      mkdirSync(path.join(d, 'outside'));
      writeFileSync(path.join(d, 'outside', 'target.py'), LEGACY);
      mkdirSync(path.join(d, 'root'));
      writeFileSync(path.join(d, 'root', 'legacy.py'), LEGACY);
      symlinkSync(path.join('..', 'outside', 'target.py'), path.join(d, 'root', 'link.py'));
      symlinkSync(path.join('..', 'outside'), path.join(d, 'root', 'linkdir'));
    },
    args: ['root'],
    legacyUntouched: true,
    status: 0,
    changes: ['root/legacy.py'],
  },
  {
    name: 'a link named explicitly is followed and stays a link',
    setup: (d) => {
      mkdirSync(path.join(d, 'outside'));
      writeFileSync(path.join(d, 'outside', 'target.py'), LEGACY);
      symlinkSync(path.join('outside', 'target.py'), path.join(d, 'link.py'));
    },
    args: ['link.py'],
    legacyUntouched: true,
    status: 0,
    changes: ['outside/target.py'],
    after: (d) => expect(readFileSync(path.join(d, 'outside', 'target.py'), 'utf8')).toBe(MIGRATED),
  },
  {
    name: 'an unreadable file',
    skip: isRoot ? 'running as root: chmod 000 does not stop root from reading (the read-only cases still run)' : undefined,
    setup: (d) => {
      writeFileSync(path.join(d, 'secret.py'), LEGACY);
      chmodSync(path.join(d, 'secret.py'), 0);
    },
    status: 2,
    messages: [{ file: 'secret.py', says: /cannot be read \(permission denied/ }],
  },
  {
    name: 'an unreadable directory',
    skip: isRoot ? 'running as root: chmod 000 does not stop root from listing a directory' : undefined,
    setup: (d) => {
      mkdirSync(path.join(d, 'locked'));
      writeFileSync(path.join(d, 'locked', 'x.py'), LEGACY);
      chmodSync(path.join(d, 'locked'), 0);
    },
    status: 2,
    messages: [{ file: 'locked', says: /directory cannot be read/ }],
  },
  {
    name: 'a read-only file',
    setup: (d) => {
      writeFileSync(path.join(d, 'ro.py'), LEGACY);
      chmodSync(path.join(d, 'ro.py'), 0o444);
    },
    status: 2,
    messages: [{ file: 'ro.py', says: /is read-only; make it writable/ }],
  },
  {
    name: 'a read-only directory',
    setup: (d) => {
      mkdirSync(path.join(d, 'frozen'));
      writeFileSync(path.join(d, 'frozen', 'x.py'), LEGACY);
      chmodSync(path.join(d, 'frozen'), 0o555);
    },
    status: 2,
    messages: [{ file: 'frozen/x.py', says: /read-only directory.*make the directory writable/ }],
  },
  {
    name: 'a FIFO named .py (walked: skipped; named: refused without blocking)',
    setup: (d) => execFileSync('mkfifo', [path.join(d, 'pipe.py')]),
    args: ['.', 'pipe.py'],
    status: 2,
    messages: [{ file: 'pipe.py', says: /neither a file nor a directory/ }],
  },
  {
    name: 'FIFOs named .gitignore, pyproject.toml and loopmigrate.toml do not hang the run',
    setup: (d) => {
      mkdirSync(path.join(d, 'sub'));
      writeFileSync(path.join(d, 'sub', 'x.py'), LEGACY);
      execFileSync('mkfifo', [path.join(d, '.gitignore'), path.join(d, 'sub', 'pyproject.toml'), path.join(d, 'loopmigrate.toml'), path.join(d, 'pyproject.toml')]);
    },
    status: 0,
    changes: ['sub/x.py'],
  },
  // Config files that do not parse: reported where they stop parsing (ruff's path:line:col), never
  // edited, and the fixes that depend on a broken pytest config withheld (the test module's wide async
  // fixture keeps its missing loop_scope); fixes that do not depend on it still apply (legacy.py).
  {
    name: 'a pytest.ini that pytest cannot parse (a stray line)',
    setup: (d) => {
      writeFileSync(path.join(d, 'pytest.ini'), '[pytest]\ntestpaths = tests\nasyncio_mode\n');
      writeSuite(d);
    },
    status: 2,
    messages: [{ file: 'pytest.ini:3:1', says: /not valid INI: unexpected line: 'asyncio_mode'; pytest stops on this file too/ }],
  },
  {
    name: 'a pytest.ini saved with a byte order mark, or not as UTF-8',
    setup: (d) => {
      writeFileSync(path.join(d, 'pytest.ini'), '\ufeff[pytest]\ntestpaths = tests\n');
      mkdirSync(path.join(d, 'sub'));
      writeFileSync(path.join(d, 'sub', 'pytest.ini'), Buffer.concat([Buffer.from('[pytest]\n# caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
      writeSuite(d);
      writeSuite(path.join(d, 'sub'));
    },
    status: 2,
    messages: [
      { file: 'pytest.ini:1:1', says: /not valid INI: unexpected line: '\\ufeff\[pytest\]'/ },
      { file: 'sub/pytest.ini:2:6', says: /not valid UTF-8 \(byte 0xe9\)/ },
    ],
  },
  {
    name: 'a tox.ini pytest reads beside the pytest.ini it uses',
    setup: (d) => {
      writeFileSync(path.join(d, 'pytest.ini'), '[pytest]\ntestpaths = tests\n');
      writeFileSync(path.join(d, 'tox.ini'), '[tox]\nenvlist = py313\n  [testenv]\n[tox]\n');
      writeSuite(d);
    },
    status: 2,
    messages: [{ file: 'tox.ini:4:1', says: /not valid INI: duplicate section 'tox'/ }],
  },
  {
    name: 'a setup.cfg pytest reads on its way to a config',
    setup: (d) => {
      writeFileSync(path.join(d, 'setup.cfg'), '[metadata]\nname = shop\n    long\nversion\n');
      writeSuite(d);
    },
    status: 2,
    messages: [{ file: 'setup.cfg:4:1', says: /not valid INI: unexpected line: 'version'/ }],
  },
  {
    name: 'a pyproject.toml holding the pytest config that is not valid TOML',
    setup: (d) => {
      writeFileSync(path.join(d, 'pyproject.toml'), '[project]\nname = "shop"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"\n');
      writeSuite(d);
    },
    status: 2,
    messages: [{ file: 'pyproject.toml:6:1', says: /^loopmigrate: error: pyproject.toml:6:1: not valid TOML: .*pytest stops on this file too/ }],
  },
  {
    name: 'a pyproject.toml with a [tool.loopmigrate] table that is not valid TOML stops the run',
    setup: (d) => writeFileSync(path.join(d, 'pyproject.toml'), '[tool.loopmigrate]\nselect = ["LM1"\nignore = []\n'),
    legacyUntouched: true,
    status: 2,
    messages: [{ file: 'pyproject.toml:3:1', says: /not valid TOML: .*loopmigrate reads its settings from this file, so it checked and changed nothing/ }],
  },
  {
    name: 'a ruff.toml that is not valid TOML (read for the line length)',
    setup: (d) => writeFileSync(path.join(d, 'ruff.toml'), 'line-length = \n'),
    status: 2,
    messages: [{ file: 'ruff.toml:1:15', says: /not valid TOML: .*default style/ }],
  },
  {
    name: 'file names with spaces, unicode and a leading dash (discovered)',
    setup: (d) => {
      for (const n of ['my file.py', 'ünïcødé_ß.py', '-x.py', 'tab\there.py']) writeFileSync(path.join(d, n), LEGACY);
    },
    status: 0,
    changes: ['my file.py', 'ünïcødé_ß.py', '-x.py', 'tab\there.py'],
    after: (d) => {
      for (const n of ['my file.py', 'ünïcødé_ß.py', '-x.py', 'tab\there.py']) expect(readFileSync(path.join(d, n), 'utf8')).toBe(MIGRATED);
    },
  },
  {
    name: 'a file name at the 255-byte limit',
    setup: (d) => writeFileSync(path.join(d, `${'é'.repeat(120)}${'x'.repeat(12)}.py`), LEGACY),
    status: 0,
    changes: [`${'é'.repeat(120)}${'x'.repeat(12)}.py`],
  },
  {
    name: 'a leading-dash file named after --',
    setup: (d) => writeFileSync(path.join(d, '-x.py'), LEGACY),
    args: ['--', '-x.py'],
    legacyUntouched: true,
    status: 0,
    changes: ['-x.py'],
  },
  {
    name: 'a leading-dash file named without -- is a usage error, not a crash',
    setup: (d) => writeFileSync(path.join(d, '-x.py'), LEGACY),
    args: ['-x.py'],
    legacyUntouched: true,
    status: 2,
  },
];

describe('bad input battery (built CLI)', () => {
  for (const c of cases) {
    it.skipIf(Boolean(c.skip))(`${c.name}${c.skip ? ` [skipped: ${c.skip}]` : ''}`, () => {
      const dir = tempDir('bad');
      writeFileSync(path.join(dir, 'legacy.py'), LEGACY);
      writeFileSync(path.join(dir, 'notes.txt'), 'get_event_loop() in a text file stays\n');
      c.setup(dir);
      const before = recordTree(dir);
      const run = runCli(c.args ?? ['.'], dir, { input: c.input, env: c.env });
      try {
        expect(run.stderr, 'no stack trace').not.toMatch(STACK_TRACE);
        expect(run.stderr).not.toMatch(/internal error/);
        expect(run.status, run.stderr).toBe(c.status);
        const lines = run.stderr.split('\n');
        for (const m of c.messages ?? []) {
          const line = lines.find((l) => l.startsWith(`loopmigrate: error: ${m.file}: `));
          expect(line, `a message naming ${m.file} in:\n${run.stderr}`).toBeDefined();
          expect(line).toMatch(m.says);
        }
        if (c.status === 2 && !c.messages) expect(run.stderr).toMatch(/^loopmigrate: error: /m);
        const expected = new Set([...(c.changes ?? []), ...(c.legacyUntouched ? [] : ['legacy.py'])]);
        const after = recordTree(dir);
        expect(
          changedEntries(before, after).filter((e) => !expected.has(e)),
          'nothing else changed',
        ).toEqual([]);
        if (!c.legacyUntouched) expect(readFileSync(path.join(dir, 'legacy.py'), 'utf8'), 'the good file is still fixed').toBe(MIGRATED);
        for (const e of expected) expect(after.get(e), `${e} was rewritten`).not.toBe(before.get(e));
        c.after?.(dir);
        c.output?.(run);
      } finally {
        execFileSync('chmod', ['-R', 'u+rwx', dir]);
      }
    });
  }

  it('keeps the mode of a rewritten file', () => {
    const dir = tempDir('mode');
    writeFileSync(path.join(dir, 'script.py'), LEGACY);
    chmodSync(path.join(dir, 'script.py'), 0o751);
    const run = runCli(['.'], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(statSync(path.join(dir, 'script.py')).mode & 0o7777).toBe(0o751);
  });

  it('reports a --patch file that cannot be written in one line', () => {
    const dir = tempDir('patchfail');
    writeFileSync(path.join(dir, 'legacy.py'), LEGACY);
    const run = runCli(['--patch', 'no/such/dir/out.patch', '.'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^loopmigrate: error: cannot write the patch to no\/such\/dir\/out.patch/m);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(readFileSync(path.join(dir, 'legacy.py'), 'utf8')).toBe(LEGACY);
  });
});

describe('files that are not parsed', () => {
  it('a syntax error where no rule applies is not checked: exit 0, and the summary says those files were not parsed', () => {
    const dir = tempDir('unparsed');
    writeFileSync(path.join(dir, 'broken.py'), 'def f(:\n    pass\n');
    writeFileSync(path.join(dir, 'clean.py'), 'x = 1\n');
    const run = runCli(['--check', '.'], dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr.trim()).toBe('loopmigrate: 0 findings: 0 fixable; 2 files scanned, 2 not parsed (no rule concerns them, so their syntax was not checked)');
    const json = runCli(['--check', '--format', 'json', '.'], dir);
    expect((JSON.parse(json.stdout) as { summary: Record<string, number> }).summary).toMatchObject({ filesScanned: 2, filesNotParsed: 2 });
    // Where a rule applies, the file is parsed and the syntax error stops it.
    writeFileSync(path.join(dir, 'broken.py'), `${LEGACY}def f(:\n    pass\n`);
    const parsed = runCli(['--check', '.'], dir);
    expect(parsed.status).toBe(2);
    expect(parsed.stderr).toMatch(/^loopmigrate: error: broken\.py: does not parse as Python/m);
    expect(parsed.stderr).toMatch(/2 files scanned, 1 not parsed \(no rule concerns them/);
  });

  it('counts notebooks whose code cells no rule concerns as not parsed, when their other text names loop code', () => {
    const dir = tempDir('unparsed-nb');
    const notebook = (language: string, cells: Array<[string, string]>) =>
      JSON.stringify({
        cells: cells.map(([type, source]) => ({ cell_type: type, metadata: {}, source: [source], ...(type === 'code' ? { execution_count: null, outputs: [] } : {}) })),
        metadata: { kernelspec: { language, name: language } },
        nbformat: 4,
        nbformat_minor: 5,
      });
    const legacy = 'import asyncio\nasyncio.get_event_loop().run_until_complete(main())';
    writeFileSync(
      path.join(dir, 'prose.ipynb'),
      notebook('python', [
        ['markdown', legacy],
        ['code', 'x = 1'],
      ]),
    );
    writeFileSync(path.join(dir, 'other.ipynb'), notebook('R', [['code', legacy]]));
    const run = runCli(['--check', '--format', 'json', '.'], dir);
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { summary: Record<string, number> }).summary).toMatchObject({ filesScanned: 2, filesNotParsed: 2 });
  });
});

describe('no Python files', () => {
  const warning = /^loopmigrate: warning: no Python files found in (.*) \(\.py files and \.ipynb notebooks that are not excluded or gitignored\)$/m;

  it('warns for an empty directory, or one without Python files, and exits 0 (as ruff does)', () => {
    const dir = tempDir('nofiles');
    mkdirSync(path.join(dir, 'empty'));
    mkdirSync(path.join(dir, 'docs'));
    writeFileSync(path.join(dir, 'docs', 'notes.txt'), 'get_event_loop()\n');
    for (const args of [['empty'], ['--check', 'docs'], ['--check', '--format', 'json', 'empty', 'docs']]) {
      const run = runCli(args, dir);
      expect(run.status, args.join(' ')).toBe(0);
      expect(run.stderr.match(warning)?.[1], args.join(' ')).toBe(args.filter((a) => !a.startsWith('-') && a !== 'json').join(', '));
    }
    expect(runCli(['--quiet', 'empty'], dir).stderr).toBe('');
  });

  it('does not warn when a path is missing (that is an error, exit 2) or a shard of a run gets no file', () => {
    const dir = tempDir('nofiles');
    mkdirSync(path.join(dir, 'empty'));
    writeFileSync(path.join(dir, 'one.py'), LEGACY);
    const missing = runCli(['empty', 'nope'], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^loopmigrate: error: nope: no such file or directory$/m);
    expect(missing.stderr).not.toMatch(warning);
    const shards = ['1/2', '2/2'].map((s) => runCli(['--check', '--shard', s, '.'], dir).stderr);
    expect(shards.some((s) => s.includes('0 files scanned'))).toBe(true);
    for (const s of shards) expect(s).not.toMatch(warning);
  });
});
