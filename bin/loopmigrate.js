#!/usr/bin/env node
// Thin shim: the CLI lives in the compiled TypeScript (npm run build).
// A reader that stops early (`loopmigrate --dry-run | head`) ends the run quietly with exit 2 (the
// output is incomplete) instead of a stack trace. Each write is atomic, so stopping between two
// writes of a fix run leaves every file either as it was or fully fixed.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(2);
    throw err;
  });
}
import('../dist/src/cli.js').then((m) => m.main(process.argv.slice(2))).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`loopmigrate: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
