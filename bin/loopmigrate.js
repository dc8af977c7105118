#!/usr/bin/env node
// Thin shim: turns Node's compile cache on (src/cli/compile-cache.ts), then runs the CLI bundle
// dist/src/cli.cjs (npm run build), whose process may choose the wasm tier of its runs
// (src/run/wasm-tier.ts).
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
Promise.resolve()
  .then(() => {
    require('../dist/src/compile-cache.cjs').enableCompileCache();
    const cli = require('../dist/src/cli.cjs');
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
