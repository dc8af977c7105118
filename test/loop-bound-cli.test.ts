// The 3xx report rules and notebooks, through the built binary: JSON findings at the right path and
// line for code written the way users write it, nothing on the safe variants, and notebook round trips
// that change only the edited cell.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree, runCli, snapshotTree } from './helpers/cli.js';

interface JsonOut {
  findings: Array<{ code: string; path: string; line: number; column: number; message: string; fix: string | null; suggestion?: string; cell?: number; applied: boolean }>;
}

function check(files: Record<string, string>, extra: string[] = []): JsonOut['findings'] {
  const dir = makeTree(files);
  const r = runCli(['--check', '--format', 'json', ...extra, '.'], { cwd: dir });
  expect(r.status, r.stderr).toBeLessThanOrEqual(1);
  return (JSON.parse(r.stdout) as JsonOut).findings;
}

const where = (fs: JsonOut['findings']) => fs.map((f) => `${f.code} ${f.path}:${f.cell !== undefined ? `cell ${f.cell}:` : ''}${f.line}`).sort();

const SCHEDULER_SCRIPT = `import asyncio
from apscheduler.schedulers.asyncio import AsyncIOScheduler


def tick():
    print("tick")


if __name__ == "__main__":
    scheduler = AsyncIOScheduler()
    scheduler.add_job(tick, "interval", seconds=3)
    scheduler.start()
    try:
        asyncio.get_event_loop().run_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
`;

const FASTAPI_APP = `from apscheduler.schedulers.asyncio import AsyncIOScheduler as Scheduler
from fastapi import FastAPI

app = FastAPI()
jobs = Scheduler()
jobs.start()
`;

const SESSIONS = `import aiohttp

session = aiohttp.ClientSession()


def connector():
    return aiohttp.TCPConnector(limit=5)


shared = connector()
`;

const DB = `from functools import lru_cache

from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine


@lru_cache
def get_engine():
    return create_async_engine("sqlite+aiosqlite:///app.db")


SessionLocal = async_sessionmaker(get_engine(), expire_on_commit=False)
`;

const SAFE = `import asyncio
from contextlib import asynccontextmanager

import aiohttp
import pytest_asyncio
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

scheduler = AsyncIOScheduler()


@asynccontextmanager
async def lifespan(app):
    scheduler.start()
    app.state.http = aiohttp.ClientSession()
    yield
    await app.state.http.close()
    scheduler.shutdown()


app = FastAPI(lifespan=lifespan)


@app.on_event("startup")
def startup():
    scheduler.start()


@pytest_asyncio.fixture
async def session_factory():
    engine = create_async_engine("sqlite+aiosqlite:///app.db")
    yield async_sessionmaker(engine)
    await engine.dispose()


async def main():
    async with aiohttp.ClientSession() as session:
        await session.close()


class ClientSession:
    pass


local = ClientSession()
asyncio.run(main())
`;

describe('3xx findings in JSON', () => {
  it('reports each legacy shape at its path and line, with a suggestion and no fix', () => {
    const findings = check({ 'jobs/run.py': SCHEDULER_SCRIPT, 'api.py': FASTAPI_APP, 'net.py': SESSIONS, 'db.py': DB }, ['--select', 'LM3']);
    expect(where(findings)).toEqual(['LM301 api.py:6', 'LM301 jobs/run.py:12', 'LM302 net.py:3', 'LM302 net.py:7', 'LM303 db.py:11', 'LM303 db.py:6'].sort());
    for (const f of findings) {
      expect(f.fix).toBeNull();
      expect(f.applied).toBe(false);
      expect(f.suggestion, `${f.code} ${f.path}:${f.line}`).toBeTruthy();
    }
    const script = findings.find((f) => f.path === 'jobs/run.py');
    expect(script?.message).toContain('no running event loop');
    expect(script?.message).toContain('LM105');
    expect(script?.suggestion).toContain('async def main():\n    scheduler = AsyncIOScheduler()');
    const api = findings.find((f) => f.path === 'api.py');
    expect(api?.suggestion).toContain('async def lifespan(app):\n    jobs.start()\n    yield\n    jobs.shutdown()');
    expect(api?.suggestion).toContain('app = FastAPI(lifespan=lifespan)');
    expect(findings.find((f) => f.path === 'net.py' && f.line === 7)?.message).toContain('`connector()`, called at import time (line 10)');
  });

  it('finds nothing in coroutines, lifespans, startup handlers, async fixtures or a local ClientSession', () => {
    expect(check({ 'safe.py': SAFE })).toEqual([]);
  });

  it('--explain shows the shape of the fix for each rule', () => {
    const dir = makeTree({});
    for (const code of ['LM301', 'LM302', 'LM303']) {
      const r = runCli(['--explain', code], { cwd: dir });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('## Use instead');
      expect(r.stdout).toMatch(/async def (main|lifespan|session_factory)\(/);
    }
  });

  it('prints the suggestion under the finding in text output', () => {
    const dir = makeTree({ 'net.py': SESSIONS });
    const r = runCli(['--check', '.'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('net.py:3:11: LM302');
    expect(r.stderr).toContain('    |     async with aiohttp.ClientSession() as session:');
  });
});

/** nbformat's own layout: json.dumps(indent=1, ensure_ascii=False) plus a final newline. */
function notebook(cells: Array<{ cell_type: string; source: string[] | string }>, extra: Record<string, unknown> = {}): string {
  const full = cells.map((c, i) =>
    c.cell_type === 'code'
      ? { cell_type: 'code', execution_count: i + 1, id: `c${i}`, metadata: {}, outputs: [], source: c.source }
      : { cell_type: c.cell_type, id: `c${i}`, metadata: {}, source: c.source },
  );
  const doc = { cells: full, metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 5, ...extra };
  return `${JSON.stringify(doc, null, 1)}\n`;
}

const NB = notebook([
  { cell_type: 'markdown', source: ['# Fetching\n', 'with *aiohttp*'] },
  { cell_type: 'code', source: ['import asyncio\n', 'import aiohttp\n', '%load_ext autoreload\n', '!pip install aiohttp'] },
  { cell_type: 'code', source: ['session = aiohttp.ClientSession()\n', 'files = !ls'] },
  { cell_type: 'code', source: ['async def fetch():\n', '    loop = asyncio.get_event_loop()\n', '    return loop\n', '\n', "naïve = 'ünï'\n", 'await fetch()'] },
  { cell_type: 'code', source: 'client = aiohttp.ClientSession()\nawait client.close()' },
  { cell_type: 'code', source: ['%%bash\n', 'echo get_event_loop'] },
]);

describe('notebooks', () => {
  it('reports findings with the cell number and the line within the cell', () => {
    const findings = check({ 'nb.ipynb': NB });
    expect(where(findings)).toEqual(['LM101 nb.ipynb:cell 4:2', 'LM302 nb.ipynb:cell 3:1']);
    const dir = makeTree({ 'nb.ipynb': NB });
    const r = runCli(['--check', '.'], { cwd: dir });
    expect(r.stderr).toContain('nb.ipynb:cell 3:1:11: LM302');
    expect(r.stderr).toContain('nb.ipynb:cell 4:2:12: LM101 [*]');
  });

  it('writes the fix back so that only the edited cell changes, byte for byte', () => {
    const dir = makeTree({ 'nb.ipynb': NB });
    const r = runCli(['.'], { cwd: dir });
    expect(r.status).toBe(1);
    const after = readFileSync(path.join(dir, 'nb.ipynb'), 'utf8');
    expect(after).toBe(NB.replace('"    loop = asyncio.get_event_loop()\\n"', '"    loop = asyncio.get_running_loop()\\n"'));
    expect(after).not.toBe(NB);
    const again = runCli(['.'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'nb.ipynb'), 'utf8')).toBe(after);
    expect(again.status).toBe(1);
  });

  it('keeps a string source, an ASCII-escaped layout and a missing final newline', () => {
    const escaped = notebook([{ cell_type: 'code', source: 'import asyncio\n\nasync def f():\n    return asyncio.get_event_loop()  # caf\u00e9' }])
      .replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .trimEnd();
    const dir = makeTree({ 'nb.ipynb': escaped });
    runCli(['.'], { cwd: dir });
    const after = readFileSync(path.join(dir, 'nb.ipynb'), 'utf8');
    expect(after).toBe(escaped.replace('asyncio.get_event_loop()', 'asyncio.get_running_loop()'));
  });

  it('--dry-run and --patch show a diff of the notebook file and touch nothing', () => {
    const dir = makeTree({ 'nb.ipynb': NB });
    const before = snapshotTree(dir);
    const r = runCli(['--dry-run', '.'], { cwd: dir });
    expect(r.stdout).toContain('--- a/nb.ipynb');
    expect(r.stdout).toContain('-    "    loop = asyncio.get_event_loop()\\n",');
    expect(r.stdout).toContain('+    "    loop = asyncio.get_running_loop()\\n",');
    expect(r.stdout.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toHaveLength(2);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('leaves notebooks of other languages and broken JSON alone', () => {
    const r = notebook([{ cell_type: 'code', source: ['x <- get_event_loop()'] }]).replace('"language": "python"', '"language": "R"');
    const dir = makeTree({ 'r.ipynb': r, 'broken.ipynb': '{"cells": ["get_event_loop"' });
    const out = runCli(['--check', '.'], { cwd: dir });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('broken.ipynb: is not valid notebook JSON');
    expect(out.stderr).not.toContain('r.ipynb');
  });
});
