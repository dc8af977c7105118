#!/usr/bin/env node
// Thin shim: turns Node's compile cache on (src/cli/compile-cache.ts), then runs the CLI bundle
// dist/src/cli.cjs (npm run build), whose process may choose the wasm tier of its runs
// (src/run/wasm-tier.ts).
// stdout or stderr that cannot be written (a reader that stopped early, a full disk) ends the run with
// exit 2 instead of a stack trace (src/cli/stdio.ts).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
Promise.resolve()
  .then(() => {
    require('../dist/src/compile-cache.cjs').enableCompileCache();
    const cli = require('../dist/src/cli.cjs');
    cli.guardStdio();
    cli.chooseWasmTier();
    return cli.main(process.argv.slice(2));
  })
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`loopmigrate: internal error: ${err && err.stack ? err.stack : err}\n`);
      process.exitCode = 2;
    },
  );
