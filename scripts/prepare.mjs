#!/usr/bin/env node
// npm's `prepare` script: builds dist/ from a clean slate, as npm does for a git dependency
// (`npm install -g git+https://…`, pre-commit's `language: node`) and for `npm ci` in a checkout.
//
// npm documents that it installs a git dependency's devDependencies before running its `prepare`.
// A global install does not (npm/cli#8440): npm prepares the temporary clone with `npm install` in
// global mode, which installs the package into the global prefix instead of the devDependencies into
// the clone, so `tsc` and esbuild are missing and the build fails. When the build tools cannot be
// found, this script installs the devDependencies itself, locally and exactly as locked, then builds.
// Their install scripts are not needed for the build and are not run.
//
// The output of the child commands goes to stderr: old pre-commit versions read the tarball's name
// from `npm pack`'s stdout.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** npm itself: the npm that runs this script when there is one, else the one on PATH. */
function npm(args) {
  const cli = process.env.npm_execpath;
  const [cmd, argv] = cli && /\.c?js$/.test(cli) ? [process.execPath, [cli, ...args]] : ['npm', args];
  const r = spawnSync(cmd, argv, { cwd: ROOT, stdio: ['ignore', 2, 2], shell: cmd === 'npm' && process.platform === 'win32' });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

/** Whether the packages the build runs are installed where the build looks for them. */
function buildToolsInstalled() {
  const require = createRequire(path.join(ROOT, 'package.json'));
  try {
    require.resolve('typescript/bin/tsc');
    require.resolve('esbuild');
    return true;
  } catch {
    return false;
  }
}

rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
if (!buildToolsInstalled()) {
  process.stderr.write('loopmigrate: the build tools (devDependencies) are not installed here; installing them to build from source\n');
  // --global=false: npm passes its settings on to this script in the environment, and a global
  // install's `global` would make this a global `npm ci`, which npm refuses.
  const status = npm(['ci', '--global=false', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund']);
  if (status !== 0) {
    process.stderr.write(`loopmigrate: could not install the build tools (npm ci exited ${status}); run \`npm ci\` in ${ROOT}\n`);
    process.exit(status);
  }
}
process.exit(npm(['run', 'build']));
