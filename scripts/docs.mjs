#!/usr/bin/env node
// npm run docs: regenerate transforms/index.ts, docs/rules/*.md, the README rule table and the
// README flag table from the built rule files and command-line options (each file of transforms/ is a
// rule; the index is generated from them, so a new rule is picked up before the index names it).
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { updateReadmeFlags } from '../dist/src/cli/flag-table.js';
import { generatedDocs } from '../dist/src/rule-api/docs.js';

const root = path.resolve(import.meta.dirname, '..');
const ruleFiles = readdirSync(path.join(root, 'transforms')).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
const transforms = [];
for (const f of ruleFiles) transforms.push((await import(`../dist/transforms/${f.replace(/\.ts$/, '.js')}`)).default);
transforms.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
const indexBefore = readFileSync(path.join(root, 'transforms', 'index.ts'), 'utf8');
const files = generatedDocs(transforms, updateReadmeFlags(readFileSync(path.join(root, 'README.md'), 'utf8')));
const rulesDir = path.join(root, 'docs', 'rules');
mkdirSync(rulesDir, { recursive: true });
// A page whose rule is gone (renamed or removed) would otherwise linger.
for (const name of readdirSync(rulesDir)) {
  if (name.endsWith('.md') && !files.has(`docs/rules/${name}`)) unlinkSync(path.join(rulesDir, name));
}
for (const [rel, content] of files) writeFileSync(path.join(root, rel), content);
console.log(`wrote ${files.size} files`);
if (files.get('transforms/index.ts') !== indexBefore) console.log('transforms/index.ts changed: run `npm run build` again before using the CLI');
