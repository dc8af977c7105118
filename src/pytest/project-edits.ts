// Project edits: changes to the pytest config file that LM201 (an event_loop override's scope becomes
// the default loop scopes) and LM205 (set asyncio_default_fixture_loop_scope) plan from the project
// facts. Returned as ordinary FileResults keyed by the config's path, so the CLI diffs, patches and
// writes them like any Python file.
import { closeSync, fstatSync, openSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Transform } from '../rule-api/transform.js';
import type { Edit, FileResult, Finding, Fix } from '../common/types.js';
import { snapshotOf } from '../common/snapshot.js';
import { setOptions } from './config.js';
import { type PytestConfig } from '../common/facts.js';
import type { ProjectFacts } from '../common/facts.js';

export const OVERRIDE_CODE = 'LM201';
export const DEFAULT_SCOPE_CODE = 'LM205';

interface Planned {
  rule: Transform;
  entries: Array<[string, string]>;
  message: string;
  safety: Fix['safety'];
}

/** The config edits; also records in `facts.planned` the options they leave, for the per-file rules. */
export function planProjectEdits(facts: ProjectFacts, rules: readonly Transform[], opts: { unsafeFixes: boolean; fix: boolean }): FileResult[] {
  const overrideRule = rules.find((r) => r.code === OVERRIDE_CODE);
  const defaultRule = rules.find((r) => r.code === DEFAULT_SCOPE_CODE);
  const results: FileResult[] = [];
  for (const cfg of Object.values(facts.configs).sort((a, b) => a.path.localeCompare(b.path))) {
    const planned: Planned[] = [];
    // A function-scoped override that stays for sync tests holding its loop carries nothing: function
    // is the default loop scope (and it is what LM202 writes for them, which must not bring edits of its own).
    const root = facts.overrides.find((o) => o.route === 'config' && o.config === cfg.path && o.scope && !o.problem && !(o.keptFor && o.scope === 'function'));
    if (root?.scope && overrideRule) {
      const entries: Array<[string, string]> = [
        ['asyncio_default_fixture_loop_scope', root.scope],
        ['asyncio_default_test_loop_scope', root.scope],
      ];
      if (entries.some(([k, v]) => cfg.options[k] !== v)) {
        const where = path.relative(path.dirname(cfg.path), root.file).split(path.sep).join('/');
        planned.push({
          rule: overrideRule,
          entries,
          message: `the \`event_loop\` fixture in ${where}:${root.line} gave every test and async fixture a ${root.scope}-scoped loop; pytest-asyncio 1.x needs that as \`asyncio_default_fixture_loop_scope\` and \`asyncio_default_test_loop_scope\` = "${root.scope}"`,
          safety: 'unsafe',
        });
      }
    }
    const usesAsyncio = facts.asyncioProjects.includes(cfg.path);
    const overrideApplies = planned.length > 0 && opts.unsafeFixes;
    if (defaultRule && usesAsyncio && !cfg.options.asyncio_default_fixture_loop_scope && !overrideApplies) {
      planned.push({
        rule: defaultRule,
        entries: [['asyncio_default_fixture_loop_scope', 'function']],
        message: 'pytest-asyncio is used but `asyncio_default_fixture_loop_scope` is unset: pytest-asyncio warns at startup (hidden by pytest 9, an INTERNALERROR under `python -W error`) and a later release changes the loop async fixtures run in; set it to "function"',
        safety: 'safe',
      });
    }
    const applying = planned.filter((p) => p.safety === 'safe' || opts.unsafeFixes);
    if (applying.length) facts.planned[cfg.path] = { ...cfg.options, ...Object.fromEntries(applying.flatMap((p) => p.entries)) };
    if (planned.length) results.push(configResult(cfg, planned, opts));
  }
  return results;
}

function configResult(cfg: PytestConfig, planned: Planned[], opts: { unsafeFixes: boolean; fix: boolean }): FileResult {
  let bytes: Buffer;
  let snapshot: FileResult['snapshot'];
  try {
    // Read through a descriptor so the write can check the file is still what was read.
    const fd = openSync(cfg.path, 'r');
    try {
      const st = fstatSync(fd);
      bytes = readFileSync(fd);
      snapshot = snapshotOf(realpathSync(cfg.path), st, bytes);
    } finally {
      closeSync(fd);
    }
  } catch {
    return { path: cfg.path, findings: [], warnings: [], skipped: { reason: 'unreadable', message: 'could not be read to set the pytest-asyncio options' } };
  }
  const original = bytes.toString('utf8');
  const findings: Finding[] = [];
  const applicable: Planned[] = [];
  for (const p of planned) {
    const alone = setOptions(cfg, original, p.entries);
    const edit = alone ? changedRange(original, alone.text) : null;
    const pos = position(original, edit?.start ?? 0);
    const manual = alone ? '' : ` (loopmigrate could not edit this file safely; add ${p.entries.map(([k, v]) => `${k} = ${v}`).join(' and ')} by hand)`;
    findings.push({
      code: p.rule.code,
      name: p.rule.name,
      message: p.message + manual,
      start: edit?.start ?? 0,
      end: edit?.end ?? 0,
      line: pos.line,
      column: pos.column,
      endLine: pos.line,
      endColumn: pos.column,
      fix: edit ? { safety: p.safety, edits: [edit] } : null,
      applied: false,
    });
    if (edit && opts.fix && (p.safety === 'safe' || opts.unsafeFixes)) applicable.push(p);
  }
  const result: FileResult = { path: cfg.path, findings, warnings: [], projectEdit: true, snapshot };
  if (applicable.length === 0) return result;
  const merged = new Map<string, string>();
  for (const p of applicable) for (const [k, v] of p.entries) merged.set(k, v);
  const edited = setOptions(cfg, original, [...merged]);
  if (!edited || edited.text === original) return result;
  for (const f of findings) if (applicable.some((p) => p.rule.code === f.code)) f.applied = true;
  result.original = original;
  result.fixed = edited.text;
  result.originalBytes = bytes;
  result.fixedBytes = Buffer.from(edited.text, 'utf8');
  return result;
}

/** The one edit that turns `before` into `after` (common prefix and suffix left out). */
function changedRange(before: string, after: string): Edit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { start, end: before.length - end, text: after.slice(start, after.length - end) };
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}
