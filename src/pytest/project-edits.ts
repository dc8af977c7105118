// Project edits: the changes to pytest config files that rules plan from the project facts (a project
// rule's whole work, as LM205's; a file rule's setting that belongs in the config, as LM201's). Each rule
// plans its own (`plan` in src/rule-api/transform.ts); here the edits of all rules to one config become
// one ordinary FileResult keyed by the config's path, so the CLI diffs, patches and writes it like any
// Python file.
import { closeSync, fstatSync, openSync, readFileSync, realpathSync } from 'node:fs';
import type { ConfigEdit, Transform } from '../rule-api/transform.js';
import type { Edit, FileResult, Finding } from '../common/types.js';
import { positionIn } from '../common/lines.js';
import { snapshotOf } from '../common/snapshot.js';
import path from 'node:path';
import { configProblem, setOptions } from './config.js';
import { type BrokenConfig, type PytestConfig } from '../common/facts.js';
import { decodeConfig } from '../common/config-syntax.js';
import { isScopeName, scopeRank } from './decorators.js';
import { shownPath, type RunScope } from './facts.js';
import type { ProjectFacts } from '../common/facts.js';

interface Planned {
  rule: Transform;
  edit: ConfigEdit;
}

/**
 * The config edits, and a result reporting each config pytest cannot parse; also records in
 * `facts.planned` the options the edits leave, for the per-file rules. With a `scope` (a run on some
 * paths of the project), only the configs of the files it processes count, and an edit is made only
 * where the scope allows it; elsewhere it is reported, not made.
 */
export function planProjectEdits(facts: ProjectFacts, rules: readonly Transform[], opts: { unsafeFixes: boolean; fix: boolean }, scope?: RunScope): FileResult[] {
  const all: Planned[] = rules.flatMap((rule) => (rule.plan?.(facts) ?? []).map((edit) => ({ rule, edit })));
  const allowed = (p: Planned) => p.edit.safety === 'safe' || opts.unsafeFixes;
  const results: FileResult[] = [];
  const ours = scope ? new Set([...scope.processed].map((f) => facts.configOf[path.dirname(f)])) : undefined;
  for (const broken of Object.values(facts.broken).sort((a, b) => a.path.localeCompare(b.path))) {
    if (!ours || ours.has(broken.path)) results.push(brokenResult(broken));
  }
  for (const cfg of Object.values(facts.configs).sort((a, b) => a.path.localeCompare(b.path))) {
    if (ours && !ours.has(cfg.path)) continue;
    const mine = all.filter((p) => p.edit.config === cfg.path);
    // A default gives way to another rule's edit of the same option that may be applied.
    const planned = mine.filter((p) => !p.edit.fallback || !mine.some((o) => o !== p && !o.edit.fallback && allowed(o) && sharesOption(o.edit, p.edit)));
    const held = new Map(planned.map((p) => [p, heldBack(cfg, p.edit, facts, scope)] as const));
    const applying = planned.filter((p) => allowed(p) && !held.get(p));
    if (applying.length) facts.planned[cfg.path] = { ...cfg.options, ...Object.fromEntries(applying.flatMap((p) => p.edit.options)) };
    if (planned.length) results.push(configResult(cfg, planned, opts, held));
  }
  return results;
}

/** The result of a config pytest cannot parse: reported where it stops parsing, never edited. */
export function brokenResult(broken: BrokenConfig): FileResult {
  return {
    path: broken.path,
    findings: [],
    warnings: [],
    projectEdit: true,
    skipped: {
      reason: 'invalid-config',
      at: { line: broken.problem.line, column: broken.problem.column },
      message: `${broken.problem.message}; pytest stops on this file too. loopmigrate edits no config that does not parse and applied no fix that depends on its settings: repair it and run loopmigrate again`,
    },
  };
}

/**
 * Why a run on some paths of the project does not make this edit: the config lies outside them (and
 * --edit-config was not given), or it would narrow the loop of an async fixture in a file the run does
 * not process (whose LM204 fix must come with it). Undefined: the edit is the run's to make.
 */
function heldBack(cfg: PytestConfig, edit: ConfigEdit, facts: ProjectFacts, scope: RunScope | undefined): string | undefined {
  const unread = facts.unscanned.find((u) => u.config === cfg.path);
  if (unread) return `${shownPath(unread.file)} could not be read for the facts this edit is decided from (${unread.reason}); exclude that file or raise the limit`;
  if (!scope) return undefined;
  if (!scope.mayEdit(cfg.path)) return `${path.basename(cfg.path)} is outside the paths given; run loopmigrate with --edit-config, or on the whole project`;
  const narrowed = edit.options.find(([k]) => k === 'asyncio_default_fixture_loop_scope')?.[1];
  if (!isScopeName(narrowed)) return undefined;
  const wide = facts.unscopedWide.find((w) => !scope.processed.has(w.file) && facts.configOf[path.dirname(w.file)] === cfg.path && scopeRank(w.scope) > scopeRank(narrowed));
  if (!wide) return undefined;
  const where = path.relative(path.dirname(cfg.path), wide.file).split(path.sep).join('/');
  return `the ${wide.scope}-scoped async fixture at ${where}:${wide.line} needs \`loop_scope\` (LM204) in the same run, and this run does not process that file; run loopmigrate on the whole project`;
}

function sharesOption(a: ConfigEdit, b: ConfigEdit): boolean {
  return a.options.some(([k]) => b.options.some(([l]) => l === k));
}

function configResult(cfg: PytestConfig, planned: Planned[], opts: { unsafeFixes: boolean; fix: boolean }, held: ReadonlyMap<Planned, string | undefined>): FileResult {
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
  // The file may have changed since the pre-pass read it: what does not parse now is not edited either.
  const decoded = decodeConfig(bytes);
  const problem = 'problem' in decoded ? decoded.problem : configProblem(cfg.path, decoded.text);
  if (problem) return { ...brokenResult({ path: cfg.path, problem }), snapshot };
  const original = bytes.toString('utf8');
  const findings: Finding[] = [];
  // The findings whose edits this run applies, with their plans.
  const applicable = new Map<Finding, Planned>();
  for (const p of planned) {
    const alone = setOptions(cfg, original, p.edit.options);
    const edit = alone ? changedRange(original, alone.text) : null;
    const pos = positionIn(original, edit?.start ?? 0);
    const manual = alone ? '' : ` (loopmigrate could not edit this file safely; add ${p.edit.options.map(([k, v]) => `${k} = ${v}`).join(' and ')} by hand)`;
    const finding: Finding = {
      code: p.rule.code,
      name: p.rule.name,
      message: p.edit.message + manual,
      start: edit?.start ?? 0,
      end: edit?.end ?? 0,
      line: pos.line,
      column: pos.column,
      endLine: pos.line,
      endColumn: pos.column,
      fix: edit ? { safety: p.edit.safety, edits: [edit] } : null,
      applied: false,
    };
    const why = held.get(p);
    findings.push(why && edit ? { ...finding, notFixed: why } : finding);
    if (edit && !why && opts.fix && (p.edit.safety === 'safe' || opts.unsafeFixes)) applicable.set(finding, p);
  }
  const result: FileResult = { path: cfg.path, findings, warnings: [], projectEdit: true, snapshot };
  if (applicable.size === 0) return result;
  const merged = new Map<string, string>();
  for (const p of applicable.values()) for (const [k, v] of p.edit.options) merged.set(k, v);
  const edited = setOptions(cfg, original, [...merged]);
  if (!edited || edited.text === original) return result;
  return {
    ...result,
    findings: findings.map((f) => (applicable.has(f) ? { ...f, applied: true } : f)),
    original,
    fixed: edited.text,
    originalBytes: bytes,
    fixedBytes: Buffer.from(edited.text, 'utf8'),
  };
}

/** The one edit that turns `before` into `after` (common prefix and suffix left out). */
function changedRange(before: string, after: string): Edit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { start, end: before.length - end, text: after.slice(start, after.length - end) };
}
