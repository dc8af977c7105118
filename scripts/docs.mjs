#!/usr/bin/env node
// npm run docs: regenerate docs/rules/*.md and the README rule table from the built transforms.
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generatedDocs } from '../dist/src/rule-api/docs.js';
import { transforms } from '../dist/transforms/index.js';

const root = path.resolve(import.meta.dirname, '..');
const files = generatedDocs(transforms, readFileSync(path.join(root, 'README.md'), 'utf8'));
const rulesDir = path.join(root, 'docs', 'rules');
mkdirSync(rulesDir, { recursive: true });
// A page whose rule is gone (renamed or removed) would otherwise linger.
for (const name of readdirSync(rulesDir)) {
  if (name.endsWith('.md') && !files.has(`docs/rules/${name}`)) unlinkSync(path.join(rulesDir, name));
}
for (const [rel, content] of files) writeFileSync(path.join(root, rel), content);
console.log(`wrote ${files.size} files`);
