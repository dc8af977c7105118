#!/usr/bin/env node
// Thin shim: the CLI lives in the compiled TypeScript (npm run build).
import('../dist/src/cli.js').then((m) => m.main(process.argv.slice(2))).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`loopmigrate: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
