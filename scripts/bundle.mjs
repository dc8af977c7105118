#!/usr/bin/env node
// Bundles the two entry points, the CLI and the pool thread, each into one script next to tsc's output
// (dist/src/cli.cjs, dist/src/thread.cjs), so every import.meta.url-relative path stays what it was,
// and the small script that turns Node's compile cache on before the CLI loads
// (dist/src/compile-cache.cjs). Loading ~120 modules one by one cost the CLI 120 ms and each thread
// 90 ms before any work; one file loads in a fraction of that. CommonJS scripts: the bin shim loads
// them with a synchronous require() once the compile cache is on, and an ES module bundle would need
// a require() shim for the CommonJS packages inside (an ES module bundle was no faster to start;
// docs/developers-log.md, "Node versions"). web-tree-sitter stays external. The licenses of the
// bundled packages go to dist/THIRD-PARTY-LICENSES.txt.
import { build } from 'esbuild';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..');

/**
 * string-width (yargs' help layout, through cliui and wrap-ansi) builds an Intl.Segmenter and four
 * Unicode-property regexes when its module is loaded: ~14 ms of every start, although only --help and
 * usage errors ever measure a string. Each import of it gets a stand-in that loads the real module
 * (the version that importer resolves) on the first call: esbuild bundles a require() of an ES module
 * as a module initialised on first use.
 */
const LAZY = 'lazy-string-width';
const lazyStringWidth = {
  name: LAZY,
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.kind !== 'import-statement' || args.namespace === LAZY) return undefined;
      const real = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, namespace: LAZY });
      if (real.errors.length) return { errors: real.errors };
      return { path: real.path, namespace: LAZY };
    });
    b.onLoad({ filter: /.*/, namespace: LAZY }, (args) => ({
      contents: `let real;\nexport default function stringWidth(text, options) {\n  real ??= require(${JSON.stringify(args.path)}).default;\n  return real(text, options);\n}\n`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

const result = await build({
  absWorkingDir: repo,
  entryPoints: { 'src/cli': 'src/cli/cli.ts', 'src/thread': 'src/run/pool/thread.ts', 'src/compile-cache': 'src/cli/compile-cache.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['web-tree-sitter'],
  // ES builds of dual packages (jsonc-parser's CommonJS build loads its parts with a dynamic require).
  mainFields: ['module', 'main'],
  // import.meta.url (paths next to the bundle, createRequire) becomes the bundle's own file URL.
  define: { 'import.meta.url': '__loopmigrate_url' },
  banner: { js: "var __loopmigrate_url = require('node:url').pathToFileURL(__filename).href;" },
  sourcemap: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  plugins: [lazyStringWidth],
});

// Package directories, nested copies included (node_modules/a/node_modules/b).
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  // The stand-ins above (namespace:path); the real module is an input of its own.
  if (input.startsWith(`${LAZY}:`)) continue;
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) packages.add(m[1]);
}
const notices = [...packages].sort().map((dirName) => {
  const dir = path.join(repo, dirName);
  const name = dirName.slice(dirName.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const file = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE'].map((f) => path.join(dir, f)).find((f) => existsSync(f));
  const text = file ? readFileSync(file, 'utf8').trim() : `License: ${pkg.license ?? 'see the package'}`;
  return `${name} ${pkg.version}\n${'-'.repeat(name.length + 1 + String(pkg.version).length)}\n${text}\n`;
});
writeFileSync(path.join(repo, 'dist', 'THIRD-PARTY-LICENSES.txt'), `loopmigrate's CLI bundles these packages:\n\n${notices.join('\n')}`);
