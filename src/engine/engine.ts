// The per-file pipeline on text: run transforms, apply fixes to a fixpoint, clean up imports the
// fixes orphaned, and guard against fixes that make the file parse worse.
import { applyEdits, applyFixes } from '../common/apply.js';
import { FileContext } from '../rule-api/context.js';
import { countErrors, matchesIn, parse, query, treeWindows, type Tree, type TreeWindow } from '../python/parser.js';
import { anchorRanges } from '../speed/anchors.js';
import { WordIndex } from '../python/words.js';
import { deadRanges } from '../python/version-gates.js';
import { importUses, removeBindings, type ImportStyle } from '../python/imports.js';
import { hasNewLongLine, wrapLongLines } from '../python/layout.js';
import { indentUnit } from '../python/text.js';
import type { ImportBinding } from '../python/scope.js';
import { applySuppressions } from './suppressions.js';
import { findingKey, settle } from './findings.js';
import { fileRules, type FileRule, type Transform } from '../rule-api/transform.js';
import type { Finding } from '../common/types.js';
import type { PytestFileFacts } from '../common/facts.js';
import { FACTS_CONDITIONS, type FactsCondition } from '../rule-api/about.js';
import { anchorsOf, triggerOf } from '../speed/derive.js';
import { factsHold, TriggerIndex } from '../speed/triggers.js';
import type { Node, Query, QueryMatch } from 'web-tree-sitter';
import { compareVersions, type PythonVersion } from '../common/version.js';
import { indentationProblem, mayHaveTabError, type IndentationProblem } from '../python/indentation.js';

export const MAX_PASSES = 10;

export interface EngineOptions {
  /** The selected rules; the engine runs the file rules among them. */
  transforms: readonly Transform[];
  unsafeFixes: boolean;
  target: PythonVersion;
  /** The project's isort settings, for the imports fixes add (src/config/project.ts importStyleFor). */
  importStyle?: ImportStyle;
  /** The project's line length: lines the fixes made longer are wrapped as black would (src/python/layout.ts). */
  lineLength?: number;
  /** When false, findings are collected but nothing is applied (--check). */
  fix: boolean;
  /** Project facts for this file (test-suite rules); defaults when absent. */
  pytest?: PytestFileFacts;
  /**
   * Narrows which fixes are applied (--interactive): `pass` counts from 0 and `source` is the text the
   * finding's offsets refer to in that pass.
   */
  accept?: (finding: Finding, pass: number, source: string) => boolean;
  /**
   * False runs every rule on every pass, whatever the triggers say, and every query over the whole
   * tree, whatever the anchors say (LOOPMIGRATE_PREFILTER=0: both are pure optimisations, and this is
   * how tests show it).
   */
  prefilter?: boolean;
  /** The rules the caller's byte scan found candidates for, used on the first pass instead of a text scan. */
  active?: readonly FileRule[];
  /** The text is a notebook's code cells (src/file/notebook.ts): top-level cell code runs on IPython's loop. */
  notebook?: boolean;
}

export interface EngineResult {
  /** The findings of the input text, each settled (src/engine/findings.ts): what the run made of it. */
  readonly findings: readonly Finding[];
  /** The fixed text, when it differs from the input. */
  fixed?: string;
  /** Set when the input does not parse (the file is skipped) or the fixes were reverted. */
  problem?: { kind: 'syntax-error' | 'fix-reverted' | 'fixpoint' | 'internal' | 'too-deep'; message: string };
  /** Findings of the fixed text that none of the reported ones account for: still open after the run. */
  introduced?: number;
  /** A rule asked whether another module sets a loop (FileContext.loopSetElsewhere()). */
  readLoopFacts?: boolean;
  /** No rule's triggers hold for the text, so it was not parsed (and its syntax not checked). */
  notParsed?: boolean;
}

/**
 * A key for a list of rules, made of the rule objects' identities rather than their codes: tests build
 * rules that share a code, and a cache keyed by codes would hand one of them the other's entry.
 */
const ruleIds = new WeakMap<FileRule, number>();
let nextRuleId = 0;
/** The same rule list asks again and again (once per file): remember its key. */
const listKeys = new WeakMap<readonly FileRule[], string>();

function rulesKey(transforms: readonly FileRule[]): string {
  let key = listKeys.get(transforms);
  if (key === undefined) {
    key = transforms
      .map((t) => {
        let id = ruleIds.get(t);
        if (id === undefined) ruleIds.set(t, (id = nextRuleId++));
        return id;
      })
      .join(',');
    listKeys.set(transforms, key);
  }
  return key;
}

const indexes = new Map<string, TriggerIndex>();

/**
 * The compiled triggers of these rules (cached per rule set); `possible` says which facts conditions
 * can hold in this run (none without project facts).
 */
export function triggerIndex(transforms: readonly FileRule[], possible: readonly FactsCondition[] = []): TriggerIndex {
  const rules = rulesKey(transforms);
  const key = possible.length ? `${rules}|${possible.join(',')}` : rules;
  let index = indexes.get(key);
  if (!index) {
    index = new TriggerIndex(
      transforms.map((t) => triggerOf(t.about)),
      (c) => possible.includes(c),
    );
    indexes.set(key, index);
  }
  return index;
}

/** Transforms whose triggers hold for the text (and the file's project facts). */
export function triggered(text: string, transforms: readonly FileRule[], pytest?: PytestFileFacts, notebook = false): FileRule[] {
  const possible = pytest ? FACTS_CONDITIONS.filter((c) => factsHold(c, pytest)) : [];
  return triggerIndex(transforms, possible)
    .scanText(text, { facts: pytest, notebook })
    .map((i) => transforms[i] as FileRule);
}

export function runEngine(text: string, opts: EngineOptions): EngineResult {
  const prefilter = opts.prefilter ?? true;
  // Project rules plan their edits in the run's project pass (src/pytest/project-edits.ts), not here.
  const rules = fileRules(opts.transforms);
  const candidates = (source: string) => (prefilter ? triggered(source, rules, opts.pytest, opts.notebook) : rules);
  const active = opts.active ?? candidates(text);
  if (active.length === 0) return { findings: [], notParsed: true };
  let current = text;
  let reported: readonly Finding[] | undefined;
  let baseline = -1;
  /** The findings of the final text: what the run leaves open. */
  let last: readonly Finding[] = [];
  let readLoopFacts = false;
  /** The tree of `current` when the previous pass's import cleanup parsed that very text. */
  let carried: Parsed | undefined;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    // Deleted as soon as the pass is done with it, before the next one is parsed: a tree takes about
    // 50 bytes of wasm memory per byte of source, and that memory is never given back.
    let tree: Tree | undefined = carried?.tree ?? parse(forParser(current));
    const words = carried?.words ?? new WordIndex(current);
    try {
      const errors = countErrors(tree);
      if (pass === 0) {
        baseline = errors;
        const py2 = pythonTwoStatement(words, tree.rootNode);
        if (py2) {
          return {
            findings: [],
            problem: { kind: 'syntax-error', message: `uses Python 2 syntax (line ${py2.node.startPosition.row + 1}: a ${py2.node.type.replace('_', ' ')}); loopmigrate migrates Python 3 code only` },
          };
        }
        const comma = exceptWithComma(words, tree.rootNode, opts.target);
        if (comma) return { findings: [], problem: { kind: 'syntax-error', message: comma } };
        const indentation = mayHaveTabError(current) ? indentationProblem(current) : undefined;
        if (indentation) return { findings: [], problem: { kind: 'syntax-error', message: describeIndentation(indentation) } };
        if (errors > 0) {
          const where = firstError(tree.rootNode);
          return { findings: [], problem: { kind: 'syntax-error', message: `does not parse as Python${where}; fix the syntax error first (loopmigrate leaves such files alone)` } };
        }
      } else if (errors > baseline) {
        return reverted(reported ?? [], 'the fixes would have introduced a syntax error, so none were applied; please report this file');
      }
      const ctx = new FileContext(current, tree.rootNode, opts.target, opts.pytest, words);
      ctx.notebook = opts.notebook === true;
      ctx.importStyle = opts.importStyle;
      let found: Finding[];
      try {
        found = collect(ctx, pass === 0 ? active : candidates(current), prefilter);
        readLoopFacts ||= ctx.loopFactsRead;
      } catch (err) {
        // The parser's WebAssembly instance aborted (it ran out of memory): not this rule's fault.
        if (err instanceof WebAssembly.RuntimeError) throw err;
        if (err instanceof RangeError && /call stack/i.test(err.message)) {
          // Python itself refuses such nesting (200 parentheses, 20 blocks): not a bug worth reporting.
          return reverted(reported ?? [], 'is nested too deeply for loopmigrate to analyse; it was left unchanged', 'too-deep');
        }
        const message = err instanceof Error ? err.message : String(err);
        return reverted(reported ?? [], `internal error in rule ${ctx.current?.code ?? '?'} (${message}); the file was left unchanged, please report it`, 'internal');
      }
      const findings = applySuppressions(ctx, found);
      if (pass === 0) reported = findings;
      if (!opts.fix) return readLoopFacts ? { findings, readLoopFacts } : { findings };
      const applicable = findings.filter((f) => isApplicable(f, opts, pass, current));
      if (applicable.length === 0) {
        last = findings;
        break;
      }
      const { text: next, applied } = applyFixes(
        current,
        applicable.map((f) => ({ item: f, edits: f.fix?.edits ?? [] })),
      );
      if (applied.length === 0) {
        last = findings;
        break;
      }
      const usesBefore = firstUses(ctx);
      tree.delete();
      tree = undefined;
      ({ text: current, carried } = cleanupImports(usesBefore, next, ctx.target, ctx.pytest));
    } finally {
      tree?.delete();
    }
    if (pass === MAX_PASSES - 1) {
      carried?.tree.delete();
      return reverted(reported ?? [], `fixes did not settle after ${MAX_PASSES} passes, so none were applied; please report this file`, 'fixpoint');
    }
  }
  const first = reported ?? [];
  const read = readLoopFacts ? { readLoopFacts } : {};
  // Fixes that removed everything (a conftest that only overrode event_loop) leave an empty file, not blank lines.
  if (current !== text && current.trim() === '' && text.trim() !== '') current = '';
  if (current !== text && opts.lineLength && !opts.notebook) current = wrapped(text, current, opts.lineLength, baseline);
  if (current === text) return { findings: first, ...read };
  const { open, introduced } = resolveAgainst(first, last);
  const findings = first.map((f) => {
    if (f.suppressed) return f;
    if (!open.has(f)) return settle(f, { applied: true });
    return isApplicable(f, opts, 0, text) ? settle(f, { notFixed: 'another fix changed this code first and the rule offers no fix for the result; run loopmigrate again or fix it by hand' }) : f;
  });
  return introduced > 0 ? { findings, fixed: current, introduced, ...read } : { findings, fixed: current, ...read };
}

/**
 * What the run resolved, judged from the final text rather than from which edits were accepted: a
 * finding of pass 0 the final text still has (matched by rule and message first, then by rule alone)
 * stays open, whatever happened to its own fix; the rest were resolved by the run, by their own fix or
 * another one (LM105's rewrite removes what LM301 reported). Returns how many findings of the final
 * text match none of pass 0 (a fix that produced new legacy code), which are still open too.
 */
function resolveAgainst(first: readonly Finding[], final: readonly Finding[]): { open: Set<Finding>; introduced: number } {
  const open = final.filter((f) => !f.suppressed);
  const byMessage = new Map<string, number>();
  const byCode = new Map<string, number>();
  for (const f of open) {
    byMessage.set(`${f.code}\0${f.message}`, (byMessage.get(`${f.code}\0${f.message}`) ?? 0) + 1);
    byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
  }
  const candidates = first.filter((f) => !f.suppressed);
  const kept = new Set<Finding>();
  for (const f of candidates) {
    const key = `${f.code}\0${f.message}`;
    if ((byMessage.get(key) ?? 0) > 0) {
      byMessage.set(key, (byMessage.get(key) ?? 0) - 1);
      byCode.set(f.code, (byCode.get(f.code) ?? 0) - 1);
      kept.add(f);
    }
  }
  for (const f of candidates) {
    if (kept.has(f)) continue;
    if ((byCode.get(f.code) ?? 0) > 0) {
      byCode.set(f.code, (byCode.get(f.code) ?? 0) - 1);
      kept.add(f);
    }
  }
  return { open: kept, introduced: [...byCode.values()].reduce((a, b) => a + Math.max(0, b), 0) };
}

/** A finding whose fix this run may apply: not suppressed, safe or unsafe fixes allowed, accepted by review. */
function isApplicable(f: Finding, opts: EngineOptions, pass: number, source: string): boolean {
  return !f.suppressed && f.fix !== null && (f.fix.safety === 'safe' || opts.unsafeFixes) && (opts.accept?.(f, pass, source) ?? true);
}

/**
 * The text handed to the parser: tree-sitter-python does not take a lone CR as a line break the way
 * Python does, so CR-only line endings become LF there (same length: every offset stays valid).
 */
function forParser(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** A run that leaves the file as it was: its findings as pass 0 reported them, none applied. */
function reverted(findings: readonly Finding[], message: string, kind: NonNullable<EngineResult['problem']>['kind'] = 'fix-reverted'): EngineResult {
  return { findings, problem: { kind, message } };
}

/**
 * One query for the active rules without anchors, so the tree is walked once per pass rather than once
 * per rule; each pattern index maps back to the rule that owns it.
 */
const combined = new Map<string, { query: Query; owners: FileRule[] }>();

function combinedQuery(transforms: readonly FileRule[]): { query: Query; owners: FileRule[] } {
  const key = rulesKey(transforms);
  let entry = combined.get(key);
  if (!entry) {
    const q = query(transforms.map((t) => t.query).join('\n'));
    // Where each rule's text starts in the joined source (in UTF-8 bytes, as the query counts): a
    // pattern belongs to the last rule that starts at or before it.
    const starts: number[] = [];
    let at = 0;
    for (const t of transforms) {
      starts.push(at);
      at += Buffer.byteLength(t.query) + 1;
    }
    const owners = Array.from({ length: q.patternCount() }, (_, i) => {
      const start = q.startIndexForPattern(i);
      let r = 0;
      while (r + 1 < starts.length && (starts[r + 1] as number) <= start) r++;
      return transforms[r] as FileRule;
    });
    entry = { query: q, owners };
    combined.set(key, entry);
  }
  return entry;
}

/** The matches of the rules' queries: around their anchors, or over the whole tree (no anchors, no prefilter). */
function* matchesFor(ctx: FileContext, transforms: readonly FileRule[], anchored: boolean): Generator<[FileRule, QueryMatch]> {
  const everywhere = transforms.filter((t) => !anchored || !anchorsOf(t.about));
  const windows = treeWindows(ctx.root, matchWindow);
  if (everywhere.length) yield* wholeTreeMatches(ctx, everywhere, windows);
  if (!anchored) return;
  for (const t of transforms) {
    const anchors = anchorsOf(t.about);
    if (!anchors) continue;
    const ranges = anchorRanges(ctx.words, anchors);
    // Compiled on first use: a run that never reaches a rule's names never pays for its query.
    if (ranges.length === 0) continue;
    const q = query(t.query);
    const seen = new Set<string>();
    // The anchors of a dense file join into a few long ranges: cut at the windows, as the whole tree is.
    for (const [start, end] of cutAt(ranges, windows)) {
      for (const m of matchesIn(q, ctx.root, start, end)) {
        // Neighbouring ranges can both reach a large match (a function around two occurrences).
        const key = `${m.patternIndex}:${m.captures.map((c) => c.node.id).join(',')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        yield [t, m];
      }
    }
  }
}

/**
 * The ranges cut where the windows meet. A match lies in one top-level statement or is the module: it
 * intersects a piece of each range it intersects, and the caller's `seen` keeps the module's once.
 */
function* cutAt(ranges: ReadonlyArray<readonly [number, number]>, windows: readonly TreeWindow[]): Generator<readonly [number, number]> {
  if (windows.length === 1) {
    yield* ranges;
    return;
  }
  for (const [start, end] of ranges) {
    // The last window starting at or before `start` (windows[0] starts at 0).
    let lo = 0;
    let hi = windows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((windows[mid] as TreeWindow).start <= start) lo = mid;
      else hi = mid - 1;
    }
    for (let i = lo; i < windows.length; i++) {
      const w = windows[i] as TreeWindow;
      if (w.start >= end) break;
      yield [Math.max(start, w.start), w.end === undefined ? end : Math.min(end, w.end)];
    }
  }
}

function* wholeTreeMatches(ctx: FileContext, transforms: readonly FileRule[], windows: readonly TreeWindow[]): Generator<[FileRule, QueryMatch]> {
  const { query: q, owners } = combinedQuery(transforms);
  for (const window of windows) {
    const matches = windowMatches(q, ctx.root, window);
    if (!q.didExceedMatchLimit()) {
      for (const m of matches) {
        const owner = owners[m.patternIndex];
        if (owner) yield [owner, m];
      }
      continue;
    }
    // Too many in-progress matches for one cursor: fall back to one query per rule.
    for (const t of transforms) for (const m of windowMatches(query(t.query), ctx.root, window)) yield [t, m];
  }
}

/**
 * The whole tree is queried a window of top-level statements at a time, so that the matches of a large
 * module (and the nodes they hold) are not all alive at once: a 10 MB file's matches alone took a few
 * hundred MB of JavaScript heap. A file smaller than a window is one window, queried as a whole.
 */
export const MATCH_WINDOW = 128 * 1024;
let matchWindow = MATCH_WINDOW;

/** Tests: a smaller window cuts even small files, so that their findings can be compared with one window's. */
export function setMatchWindow(size: number): void {
  matchWindow = size;
}

/**
 * The matches a window owns: those whose earliest captured node starts in it. Every pattern is rooted
 * in one node, and a top-level statement holds all of a match's nodes, or the match is the module
 * itself (found in the first window): a match is found whole in the window it starts in, and once.
 */
function windowMatches(q: Query, root: Node, window: TreeWindow): QueryMatch[] {
  if (window.start === 0 && window.end === undefined) return q.matches(root);
  const all = matchesIn(q, root, window.start, window.end ?? root.endIndex + 1);
  return all.filter((m) => {
    let first = Infinity;
    for (const c of m.captures) if (c.node.startIndex < first) first = c.node.startIndex;
    if (first === Infinity) return window.start === 0;
    return first >= window.start && (window.end === undefined || first < window.end);
  });
}

function collect(ctx: FileContext, transforms: readonly FileRule[], anchored: boolean): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  // A rule builds the same message (and replacement text) for each of its findings as a new string:
  // one copy of each keeps a file with tens of thousands of findings from holding as many.
  const strings = new Map<string, string>();
  const intern = (s: string): string => {
    const known = strings.get(s);
    if (known !== undefined) return known;
    strings.set(s, s);
    return s;
  };
  // Branches no Python at or above the target runs are not ours to rewrite (src/python/version-gates.ts).
  const dead = deadRanges(ctx);
  for (const [t, match] of matchesFor(ctx, transforms, anchored)) {
    ctx.current = t;
    const result = t.check(match, ctx);
    const list = result === null || result === undefined ? [] : Array.isArray(result) ? result : [result];
    for (const f of list) {
      const key = findingKey(f);
      if (seen.has(key) || dead.some(([s, e]) => f.start >= s && f.end <= e)) continue;
      seen.add(key);
      out.push({ ...f, message: intern(f.message), fix: f.fix && { ...f.fix, edits: f.fix.edits.map((e) => ({ ...e, text: intern(e.text) })) } });
    }
  }
  return out.sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
}

/** The fixed text with the long lines the fixes made wrapped; unchanged if wrapping would not parse as before. */
function wrapped(original: string, fixed: string, limit: number, baseline: number): string {
  if (!hasNewLongLine(original, fixed, limit)) return fixed;
  const tree = parse(forParser(fixed));
  let out: string;
  try {
    out = wrapLongLines(original, fixed, tree.rootNode, limit, indentUnit(fixed));
  } finally {
    tree.delete();
  }
  if (out === fixed) return fixed;
  const check = parse(forParser(out));
  try {
    return countErrors(check) > baseline ? fixed : out;
  } finally {
    check.delete();
  }
}

/** A parsed text: its tree (the caller deletes it) and its words. */
interface Parsed {
  tree: Tree;
  words: WordIndex;
}

/** How often the text uses each import binding, by name and target (the first binding of each, in scope order). */
function firstUses(ctx: FileContext): Map<string, number> {
  const uses = new Map<string, number>();
  for (const [b, count] of importUses(ctx.root, ctx.scopes, ctx.words)) {
    const key = `${b.name}\0${b.target}`;
    if (!uses.has(key)) uses.set(key, count);
  }
  return uses;
}

/**
 * Remove import names whose last use the pass's fixes removed (a name unused before the pass is the
 * user's business and stays). `usesBefore`: firstUses() of the text the pass fixed. Returns the text
 * and, when no import was removed, its tree for the next pass, which would otherwise parse the same
 * text again.
 */
function cleanupImports(usesBefore: ReadonlyMap<string, number>, next: string, target: PythonVersion, pytest: PytestFileFacts | undefined): { text: string; carried?: Parsed } {
  const tree = parse(forParser(next));
  let handedOver = false;
  try {
    const after = new FileContext(next, tree.rootNode, target, pytest);
    const orphaned: ImportBinding[] = [];
    for (const [binding, count] of importUses(after.root, after.scopes, after.words)) {
      if (count === 0 && (usesBefore.get(`${binding.name}\0${binding.target}`) ?? 0) > 0) orphaned.push(binding);
    }
    if (orphaned.length > 0) return { text: applyEdits(next, removeBindings(next, orphaned)) };
    handedOver = true;
    return { text: next, carried: { tree, words: after.words } };
  } finally {
    if (!handedOver) tree.delete();
  }
}

/** A Python 2 `print`/`exec` statement, looked for only around those words (a whole-tree query costs a sixth of a parse). */
function pythonTwoStatement(words: WordIndex, root: import('../python/parser.js').Node): { node: import('../python/parser.js').Node } | undefined {
  const q = query('[(print_statement) (exec_statement)] @py2');
  for (const [start, end] of anchorRanges(words, ['print', 'exec'])) {
    const found = matchesIn(q, root, start, end)[0]?.captures[0];
    if (found) return found;
  }
  return undefined;
}

/**
 * Why an `except` with a comma and no parentheses is refused, or undefined. Python 2's `except E, e:`
 * binds `e`; Python 3 refuses the comma before 3.14, where PEP 758 reads `except A, B:` as a tuple of
 * exceptions (never with `as`). tree-sitter takes every form, so only the target version tells.
 */
function exceptWithComma(words: WordIndex, root: import('../python/parser.js').Node, target: PythonVersion): string | undefined {
  const text = words.source;
  const q = query('(except_clause) @except');
  for (const [start, end] of words.of('except')) {
    if (!commaBeforeColon(text, end)) continue;
    for (const m of matchesIn(q, root, start, end)) {
      const clause = m.captures[0]?.node;
      const values = clause?.childrenForFieldName('value') ?? [];
      if (!clause || values.length < 2) continue;
      const line = clause.startPosition.row + 1;
      if (values.some((v) => v.type === 'as_pattern')) {
        return `has \`except A, B as e:\` (line ${line}), which every Python refuses; write \`except (A, B) as e:\` first (loopmigrate leaves such files alone)`;
      }
      if (compareVersions(target, [3, 14]) < 0) {
        return `uses Python 2 syntax: \`except E, e:\` (line ${line}), a syntax error before Python 3.14; loopmigrate migrates Python 3 code only (write \`except E as e:\`, or set target-version py314 for 3.14's \`except A, B:\`)`;
      }
    }
  }
  return undefined;
}

/**
 * Whether a comma outside brackets comes before the colon that ends the clause (brackets and backslashes
 * continue the line): the only `except` clauses worth a query.
 */
function commaBeforeColon(text: string, from: number): boolean {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && c === ',') return true;
    else if (depth === 0 && (c === ':' || c === '\n' || c === '\r' || c === '#')) return false;
    else if (c === '\\') i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 2 : 1;
  }
  return false;
}

/** Says `(line N)` as the other syntax messages do, so a notebook's is given as its cell's line (src/file/notebook.ts). */
function describeIndentation(p: IndentationProblem): string {
  return p.kind === 'tab'
    ? `mixes tabs and spaces in its indentation in a way Python refuses with TabError (line ${p.line}); fix the indentation first (loopmigrate leaves such files alone)`
    : `unindents to a column no enclosing block starts at, which Python refuses with IndentationError, a tab counting as 8 columns (line ${p.line}); fix the indentation first (loopmigrate leaves such files alone)`;
}

function firstError(root: import('../python/parser.js').Node): string {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop();
    if (!n) break;
    if (n.isError || n.isMissing) return ` (line ${n.startPosition.row + 1})`;
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c && c.hasError) stack.push(c);
      else if (c && (c.isMissing || c.isError)) stack.push(c);
    }
  }
  return '';
}
