#!/usr/bin/env node
// npm run docs: regenerate docs/rules/*.md, the README rule table and the README flag table from the
// built transforms and command-line options.
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { updateReadmeFlags } from '../dist/src/cli/flag-table.js';
import { generatedDocs } from '../dist/src/rule-api/docs.js';
import { transforms } from '../dist/transforms/index.js';

const root = path.resolve(import.meta.dirname, '..');
const files = generatedDocs(transforms, updateReadmeFlags(readFileSync(path.join(root, 'README.md'), 'utf8')));
const rulesDir = path.join(root, 'docs', 'rules');
mkdirSync(rulesDir, { recursive: true });
// A page whose rule is gone (renamed or removed) would otherwise linger.
for (const name of readdirSync(rulesDir)) {
  if (name.endsWith('.md') && !files.has(`docs/rules/${name}`)) unlinkSync(path.join(rulesDir, name));
}
for (const [rel, content] of files) writeFileSync(path.join(root, rel), content);
console.log(`wrote ${files.size} files`);
