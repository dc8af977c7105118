// `npm run corpus` on a small directory: the script runs end to end and prints its tables. (The
// full standard-library run is too long for npm test; see README, Development.)
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LEGACY, removeTempDirs, tempDir } from './harness.js';

afterAll(removeTempDirs);

const script = path.resolve(import.meta.dirname, '..', '..', 'scripts', 'corpus.mjs');
const python = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[0])'], { encoding: 'utf8' }).stdout?.trim() === '3' ? 'python3' : null;

describe('corpus script', () => {
  it.skipIf(!python)(
    `checks a directory and prints the tables${python ? '' : ' [skipped: no python3 on PATH]'}`,
    () => {
      const dir = tempDir('corpus');
      mkdirSync(path.join(dir, 'pkg'));
      writeFileSync(
        path.join(dir, 'pkg', 'app.py'),
        LEGACY + '\n\ndef main():\n    loop = asyncio.get_event_loop()\n    loop.run_until_complete(main_async())\n\n\nasync def main_async():\n    pass\n',
      );
      writeFileSync(path.join(dir, 'pkg', 'broken.py'), 'import asyncio\ndef f(:\n    asyncio.get_event_loop()\n');
      writeFileSync(path.join(dir, 'plain.py'), 'x = 1\n');
      const r = spawnSync(process.execPath, [script, '--python', python ?? 'python3', dir], { encoding: 'utf8', timeout: 300_000 });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^corpus\s+files\s+MB\s+changed/m);
      expect(r.stdout).toMatch(/skip:syntax-error/);
      expect(r.stdout).toMatch(/^LM101\s+1\s+1\s+0$/m);
      expect(r.stdout).toMatch(/^LM102\s+1\s+1\s+0$/m);
      expect(r.stdout).toContain('no violations');
    },
    300_000,
  );
});
