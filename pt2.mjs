import { Language, Parser } from 'web-tree-sitter';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
await Parser.init();
const lang = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
const p = new Parser(); p.setLanguage(lang);
const pad = '# ' + 'padding line to make the write take a while '.repeat(2) + '\n';
for (const n of [1000, 4000, 8000]) {
const src = 'import asyncio\n' + pad.repeat(n);
let t = Date.now(); p.parse(src); const a = Date.now()-t;
t = Date.now(); p.parse(src, null, {progressCallback: () => false}); const b = Date.now()-t;
const src2 = 'x = 1\n'.repeat(n*15);
t = Date.now(); p.parse(src2); const c = Date.now()-t;
console.log(n, src.length, a, b, 'stmts', src2.length, c);
}
