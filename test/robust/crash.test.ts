// Crash safety: SIGKILL the CLI at random moments while it rewrites a corpus. Every file must be
// exactly its original or exactly its migrated version, and the next run must finish the job and
// leave no temp file behind. Bounded in time (LOOPMIGRATE_CRASH_SECONDS, default 12).
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, runCli, removeTempDirs, tempDir } from './harness.js';

afterAll(removeTempDirs);

const budgetMs = Number(process.env.LOOPMIGRATE_CRASH_SECONDS ?? 12) * 1000;

/** A legacy module; some are large, so that kills land inside writes too. */
function legacyModule(i: number): string {
  // Code, not comments: tree-sitter-python's scanner is quadratic in long runs of comment lines.
  const pad = `PADDING = "${'padding to make the write take a while '.repeat(2)}"\n`;
  const body = [
    '"""Generated legacy module ' + i + '."""',
    'import asyncio',
    '',
    '',
    `async def fetch_${i}():`,
    '    loop = asyncio.get_event_loop()',
    '    return await loop.run_in_executor(None, sum, [1, 2])',
    '',
    '',
    `async def work_${i}():`,
    `    return await fetch_${i}()`,
    '',
    '',
    'def main():',
    '    loop = asyncio.get_event_loop()',
    `    loop.run_until_complete(work_${i}())`,
    '',
    '',
  ].join('\n');
  return body + pad.repeat(i % 10 === 0 ? 2_000 : 40) + "if __name__ == '__main__':\n    main()\n";
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name)]));
}

function killAfter(cwd: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, '--unsafe-fixes', '.'], { cwd, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('crash safety', () => {
  it('a SIGKILL at any moment leaves each file original or migrated, and the next run cleans up', async () => {
    const base = tempDir('crash');
    const pristine = path.join(base, 'pristine');
    for (let i = 0; i < 40; i++) {
      const sub = path.join(pristine, `pkg${i % 6}`);
      mkdirSync(sub, { recursive: true });
      writeFileSync(path.join(sub, `mod_${i}.py`), legacyModule(i));
    }
    const files = listFiles(pristine);
    const original = new Map(files.map((f) => [f, readFileSync(path.join(pristine, f), 'utf8')]));

    const reference = path.join(base, 'reference');
    cpSync(pristine, reference, { recursive: true });
    const started = Date.now();
    const full = runCli(['--unsafe-fixes', '.'], reference);
    const fullMs = Date.now() - started;
    expect(full.status, full.stderr).toBe(0);
    const migrated = new Map(files.map((f) => [f, readFileSync(path.join(reference, f), 'utf8')]));
    for (const f of files) expect(migrated.get(f), f).not.toBe(original.get(f));

    const stats = { runs: 0, partial: 0, withTemps: 0 };
    const deadline = Date.now() + budgetMs;
    while (stats.runs < 2 || (Date.now() < deadline && stats.runs < 60)) {
      const work = path.join(base, `run${stats.runs++}`);
      cpSync(pristine, work, { recursive: true });
      await killAfter(work, Math.floor(Math.random() * fullMs * 1.1));
      let done = 0;
      for (const f of files) {
        const now = readFileSync(path.join(work, f), 'utf8');
        if (now === migrated.get(f)) done++;
        else expect(now === original.get(f), `${f} after a kill is neither original nor migrated`).toBe(true);
      }
      if (done > 0 && done < files.length) stats.partial++;
      const temps = listFiles(work).filter((f) => path.basename(f).startsWith('.loopmigrate-'));
      if (temps.length) stats.withTemps++;
      const resumed = runCli(['--unsafe-fixes', '.'], work);
      expect(resumed.status, resumed.stderr).toBe(0);
      for (const f of files) expect(readFileSync(path.join(work, f), 'utf8'), f).toBe(migrated.get(f));
      expect(
        listFiles(work).filter((f) => path.basename(f).startsWith('.loopmigrate-')),
        'temp files left after the next run',
      ).toEqual([]);
    }
    console.log(`crash safety: ${stats.runs} kills, ${stats.partial} mid-run, ${stats.withTemps} left temp files (full run ${fullMs} ms)`);
  }, 180_000);
});
