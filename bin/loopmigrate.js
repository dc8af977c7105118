#!/usr/bin/env node
// Thin shim: the CLI is the bundle dist/src/cli.cjs (npm run build), run through V8's code cache
// (src/speed/code-cache.ts), which is written once a run has done its work, after the JIT tuning of
// src/speed/v8-tuning.ts.
// A reader that stops early (`loopmigrate --dry-run | head`) ends the run quietly with exit 2 (the
// output is incomplete) instead of a stack trace. Each write is atomic, so stopping between two
// writes of a fix run leaves every file either as it was or fully fixed.
import { createRequire } from 'node:module';

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(2);
    throw err;
  });
}
const require = createRequire(import.meta.url);
let cli;
Promise.resolve()
  .then(() => {
    const { loadBundle, tuneV8 } = require('../dist/src/code-cache.cjs');
    tuneV8();
    cli = loadBundle(require.resolve('../dist/src/cli.cjs'));
    return cli.exports.main(process.argv.slice(2));
  })
  .then(
    (code) => {
      process.exitCode = code;
      cli.save();
    },
    (err) => {
      process.stderr.write(`loopmigrate: internal error: ${err && err.stack ? err.stack : err}\n`);
      process.exitCode = 2;
    },
  );
