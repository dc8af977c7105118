// Services a transform may use for one file: name resolution, imports, positions, findings.
import type { SourceModel } from '../python/model.js';
import { computeLineStarts, positionAt, type Position } from '../common/lines.js';
import type { QueryMatch } from 'web-tree-sitter';
import { matchesIn, query, type Node } from '../python/parser.js';
import { elidedComments } from '../python/comment-runs.js';
import { ScopeIndex } from '../python/scope.js';
import { anchorOccurrences, withAliases, WordIndex } from '../python/words.js';
import { callsNamed, lastName } from '../python/calls.js';
import { importInsertion, memberInsertion, type ImportStyle } from '../python/imports.js';
import { lineStartOf } from '../python/text.js';
import { needs as readsFacts, type FileRule } from './transform.js';
import type { Edit, Finding, Fix, Safety } from '../common/types.js';
import { compareVersions, formatTarget, parseVersion, type PythonVersion } from '../common/version.js';
import { DEFAULT_FILE_FACTS, type PytestFileFacts } from '../common/facts.js';

export interface FindingInput {
  node: Node;
  message: string;
  /** Omit or null for report-only findings. */
  fix?: { safety: Safety; edits: Edit[] } | null;
  /** Display-only code for the manual fix (see Finding.suggestion). */
  suggestion?: string;
}

export class FileContext implements SourceModel {
  readonly scopes: ScopeIndex;
  readonly eol: string;
  private lineStarts: number[] | undefined;
  /** The transform whose check() is running (set by the worker). */
  current!: FileRule;
  /** The text is a Jupyter notebook's code cells: top-level cell code runs on IPython's running loop. */
  notebook = false;
  /** The project's isort settings, for the imports fixes add (first-party modules, force-sort-within-sections). */
  importStyle: ImportStyle | undefined;
  /** Set once a rule asked loopSetElsewhere(): its answer may change when the project facts arrive. */
  loopFactsRead = false;

  /** Where another module of the project sets a current loop (`dir/file.py:line`), as far as the facts know. */
  loopSetElsewhere(): string | undefined {
    this.loopFactsRead = true;
    return this.pytest.loopSetElsewhere;
  }

  constructor(
    readonly source: string,
    readonly root: Node,
    readonly target: PythonVersion,
    /** Read-only project facts for the test-suite rules (see src/pytest/facts.ts). */
    readonly pytest: PytestFileFacts = DEFAULT_FILE_FACTS,
    /** The words of `source`, when the caller has searched it already. */
    readonly words: WordIndex = new WordIndex(source),
  ) {
    this.scopes = new ScopeIndex(root, words);
    this.eol = dominantEol(source);
  }

  private readonly memos = new Map<string, unknown>();

  /** Per-file (per-pass) cache for facts a rule would otherwise recompute for every match. */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  /**
   * The calls whose callee is one of the names (`name(...)`, `x.y.name(...)`) or a local name an import
   * binds to one of them, in document order; optionally only those inside `within`. Found from the
   * names' occurrences in the text, so a rule that needs "every call of asyncio.run" does not walk
   * every call of a large module.
   */
  callsNamed(names: readonly string[], within?: Node): Node[] {
    const all = this.memo(`calls:${names.join(',')}`, () => callsNamed(this.root, this.words, names));
    return within ? all.filter((c) => c.startIndex >= within.startIndex && c.endIndex <= within.endIndex) : all;
  }

  /**
   * Whether a callee can resolve to one of these names (their last parts): its own last name is one of
   * them or an import alias of one. A rule that sees many calls asks this before resolve().
   */
  mayCall(callee: Node | null, names: readonly string[]): boolean {
    const last = lastName(callee);
    return last !== undefined && this.memo(`aliases:${names.join(',')}`, () => withAliases(this.words, names)).has(last);
  }

  /**
   * Whether one of the names, or a local name an import binds to one of them, occurs as a word inside
   * `within` (the node's text; anywhere when null). Strings and comments count: a rule asks this to
   * skip work (building a scope, resolving names) where a finding would need one of the names.
   */
  mentions(names: readonly string[], within: Node | null): boolean {
    const occurrences = this.memo(`mentions:${names.join(',')}`, () => anchorOccurrences(this.words, names));
    if (!within) return occurrences.length > 0;
    const first = occurrences[firstAtOrAfter(occurrences, within.startIndex)];
    return first !== undefined && first[1] <= within.endIndex;
  }

  /**
   * The identifiers spelled `name`, in document order; optionally only those inside `within`. Only
   * the occurrences in that range are looked up in the tree (a common name such as `loop` can occur
   * thousands of times in a module).
   */
  identifiersNamed(name: string, within?: Node): Node[] {
    const occurrences = this.words.of(name);
    const nodes = this.memo(`identifiers:${name}`, () => new Map<number, Node | null>());
    const from = within ? firstAtOrAfter(occurrences, within.startIndex) : 0;
    const out: Node[] = [];
    for (let i = from; i < occurrences.length; i++) {
      const [start, end] = occurrences[i] as [number, number];
      if (within && end > within.endIndex) break;
      let id = nodes.get(start);
      if (id === undefined) {
        const found = this.root.descendantForIndex(start, end);
        id = found?.type === 'identifier' && found.startIndex === start && found.endIndex === end ? found : null;
        nodes.set(start, id);
      }
      if (id) out.push(id);
    }
    return out;
  }

  capture(match: QueryMatch, name: string): Node | null {
    return match.captures.find((c) => c.name === name)?.node ?? null;
  }

  /** Qualified name (e.g. 'asyncio.get_event_loop') of an identifier/attribute, resolved through imports. */
  resolve(node: Node | null): string | null {
    return node ? this.scopes.resolve(node) : null;
  }

  /** True when the configured target version allows a fix that needs `minPython`. */
  targetAllows(minPython: PythonVersion): boolean {
    return compareVersions(this.target, minPython) >= 0;
  }

  targetName(): string {
    return formatTarget(this.target);
  }

  /**
   * `value` as a string literal in the file's own style: single quotes when most of the file's strings
   * open with one (and the value needs no escape), else double quotes, black's default.
   */
  stringLiteral(value: string): string {
    const single = this.memo('single-quoted', () => {
      let singles = 0;
      let doubles = 0;
      for (const start of this.root.descendantsOfType('string_start')) {
        const quote = start?.text.replace(/^[a-zA-Z]*/, '') ?? '';
        if (quote === "'") singles++;
        else if (quote === '"') doubles++;
      }
      return singles > doubles;
    });
    return single && !/['\\\n]/.test(value) ? `'${value}'` : JSON.stringify(value);
  }

  /**
   * The text to refer to `module.name` at node `at`, plus the import edit that makes it valid.
   * Reuses `import module [as alias]` and `from module import name [as alias]`; otherwise adds
   * `import module`. Returns null when the module name is taken by something else.
   */
  ensureImport(module: string, name: string | undefined, at: Node): { ref: string; edits: Edit[] } | null {
    const wanted = name ? `${module}.${name}` : module;
    if (name) {
      const fromImport = [...this.scopes.module.imports.values()].find((b) => b.fromImport && b.target === wanted);
      if (fromImport && this.scopes.lookup(fromImport.name, at).binding?.target === wanted) {
        return { ref: fromImport.name, edits: [] };
      }
    }
    const moduleBinding =
      [...this.scopes.module.imports.values()].find((b) => !b.fromImport && b.target === module && b.element.type === 'aliased_import') ??
      [...this.scopes.module.imports.values()].find((b) => !b.fromImport && b.target === module);
    const visible = (local: string) => this.scopes.lookup(local, at).binding?.target === module;
    if (moduleBinding && visible(moduleBinding.name)) {
      return { ref: name ? `${moduleBinding.name}.${name}` : moduleBinding.name, edits: [] };
    }
    const top = module.split('.')[0] ?? module;
    if (module.includes('.')) return null;
    const here = this.scopes.lookup(top, at);
    if (here.binding?.target === module) return { ref: name ? `${top}.${name}` : top, edits: [] };
    if (here.binding || here.local || this.scopes.module.others.has(top)) return null;
    const insertion = importInsertion(this.root, this.source, this.eol, `import ${module}`, this.importStyle);
    return { ref: name ? `${top}.${name}` : top, edits: [insertion] };
  }

  /**
   * The text naming `module.name` at `at` for an annotation or a call: a visible `from module import
   * name` (under any alias), else `alias.name` through a visible `import module`, else `name` with an
   * edit adding it to the module's `from module import ...` statement or a new one placed as isort
   * would. Null when `name` is taken by something else here.
   */
  ensureName(module: string, name: string, at: Node): { ref: string; edits: Edit[] } | null {
    const wanted = `${module}.${name}`;
    const imports = [...this.scopes.module.imports.values()];
    const visible = (b: { name: string; target: string }) => this.scopes.lookup(b.name, at).binding?.target === b.target;
    const direct = imports.find((b) => b.fromImport && b.target === wanted && visible(b));
    if (direct) return { ref: direct.name, edits: [] };
    const viaModule = imports.find((b) => !b.fromImport && b.target === module && visible(b));
    if (viaModule) return { ref: `${viaModule.name}.${name}`, edits: [] };
    const here = this.scopes.lookup(name, at);
    if (here.binding || here.local || this.scopes.module.others.has(name)) return null;
    const stmt = this.root.namedChildren.find(
      (c) => c?.type === 'import_from_statement' && c.childForFieldName('module_name')?.text === module && !c.namedChildren.some((x) => x?.type === 'wildcard_import'),
    );
    const member = stmt ? memberInsertion(stmt, name) : null;
    if (member) return { ref: name, edits: [member] };
    return { ref: name, edits: [importInsertion(this.root, this.source, this.eol, `from ${module} import ${name}`, this.importStyle)] };
  }

  /** Most of the module's functions annotate their return type (a project checking with mypy): code a fix writes should too. */
  typed(): boolean {
    return this.memo('typed', () => {
      const defs = this.root.descendantsOfType('function_definition').filter((d): d is Node => d !== null);
      const annotated = defs.filter((d) => d.childForFieldName('return_type') !== null).length;
      return annotated > 0 && annotated * 2 >= defs.length;
    });
  }

  position(offset: number): Position {
    return positionAt((this.lineStarts ??= computeLineStarts(this.source)), offset);
  }

  /** True when the edit replaces a comment that its new text does not carry along: a fix that loses one is unsafe. */
  dropsComment(edit: Edit): boolean {
    if (edit.end <= edit.start) return false;
    // A comment runs from `#` to the end of its line: none touches the edit unless a `#` comes between
    // the start of the edit's first line and its end (most edits have none; the tree is asked only then).
    const hash = this.source.indexOf('#', lineStartOf(this.source, edit.start));
    if (hash === -1 || hash >= edit.end) return false;
    const drops = (s: number, e: number) => s < edit.end && e > edit.start && !edit.text.includes(this.source.slice(s, e));
    // The comments inside a long run of comment lines have no node (src/python/comment-runs.ts).
    const elided = this.memo('elided comments', () => elidedComments(this.root.tree, this.source));
    return (
      matchesIn(query('(comment) @c'), this.root, edit.start, edit.end).some(({ captures: [c] }) => c !== undefined && drops(c.node.startIndex, c.node.endIndex)) ||
      elided.some(([s, e]) => drops(s, e))
    );
  }

  /**
   * The current rule's finding at `input.node`. A fix that deletes a comment becomes unsafe; a fix the
   * target version is too old for is left out, and the message says which target it needs.
   */
  finding(input: FindingInput): Finding {
    const t = this.current;
    const start = this.position(input.node.startIndex);
    const end = this.position(input.node.endIndex);
    let fix: Fix | null = null;
    let message = input.message;
    if (input.fix && input.fix.edits.length > 0) {
      const destroysComment = input.fix.edits.some((e) => this.dropsComment(e));
      fix = { safety: destroysComment ? 'unsafe' : input.fix.safety, edits: input.fix.edits };
      if (destroysComment) message += ' (unsafe: the fix deletes a comment)';
    }
    const needs = parseVersion(t.minPython);
    let fixNeedsTarget: string | undefined;
    if (fix && needs && !this.targetAllows(needs)) {
      fix = null;
      fixNeedsTarget = formatTarget(needs);
      message += ` (the fix needs --target-version ${fixNeedsTarget} or newer; the target is ${this.targetName()})`;
    }
    // A fix decided from pytest settings that cannot be read may be wrong once the file is repaired.
    if (fix && this.pytest.configUnreadable && readsFacts(t, 'project-facts')) {
      fix = null;
      message += ` (not fixed: the pytest config ${this.pytest.configUnreadable} does not parse, and this fix depends on its settings; repair it and run loopmigrate again)`;
    }
    if (fix && this.pytest.factsUnread && readsFacts(t, 'project-facts')) {
      fix = null;
      message += ` (not fixed: ${this.pytest.factsUnread} could not be read for the project's pytest facts, and this fix depends on them; exclude that file or raise the limit)`;
    }
    return {
      code: t.code,
      name: t.name,
      message,
      start: input.node.startIndex,
      end: input.node.endIndex,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      fix,
      ...(fixNeedsTarget ? { fixNeedsTarget } : {}),
      applied: false,
      ...(input.suggestion ? { suggestion: input.suggestion } : {}),
    };
  }
}

/** Index of the first range starting at or after `offset` (ranges sorted by start). */
function firstAtOrAfter(ranges: ReadonlyArray<readonly [number, number]>, offset: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ranges[mid] as readonly [number, number])[0] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The line ending most used in the file ('\n' when there is none). */
export function dominantEol(text: string): string {
  if (!text.includes('\r')) return '\n';
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}
