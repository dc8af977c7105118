// Name resolution good enough for a codemod: which import a name refers to at a given place,
// honouring local rebinding (parameters, assignments, defs) in enclosing function scopes.
import type { Node } from './parser.js';
import { wordIndex, type Text, type WordIndex } from './words.js';
import { lineStartOf } from './text.js';
import type { TreeCursor } from 'web-tree-sitter';

export interface ImportBinding {
  /** The local name bound. */
  name: string;
  /** Fully qualified target, e.g. 'asyncio' or 'asyncio.get_event_loop'. */
  target: string;
  /** The import statement that binds it. */
  statement: Node;
  /** The dotted_name / aliased_import node inside the statement for this name. */
  element: Node;
  /** True for `from m import x` bindings (the statement can hold several names). */
  fromImport: boolean;
}

export interface Scope {
  node: Node;
  kind: 'module' | 'function' | 'class';
  parent: Scope | null;
  /** Names bound by imports in this scope. */
  imports: Map<string, ImportBinding>;
  /** Names bound in this scope by anything other than an import. */
  others: Set<string>;
  /** Names declared global/nonlocal in this scope: they never make a local binding. */
  declaredOuter: Set<string>;
  /** Modules star-imported in this scope. */
  starImports: string[];
}

/** Canonical spelling of submodule re-exports that the rules match on. */
export function canonical(qualified: string): string {
  return qualified.replace(/^asyncio\.(events|tasks|base_events|coroutines|futures|locks|queues|runners|streams|subprocess|unix_events)\./, 'asyncio.');
}

function dottedText(node: Node): string {
  return node.text.replace(/\s+/g, '');
}

const SCOPE_TYPES = new Set(['function_definition', 'lambda', 'class_definition']);

/** Parents under which an identifier is only ever used, never bound (targets, parameters, imports are not here). */
const NEVER_BINDS = new Set([
  'attribute',
  'call',
  'argument_list',
  'keyword_argument',
  'binary_operator',
  'boolean_operator',
  'comparison_operator',
  'not_operator',
  'unary_operator',
  'subscript',
  'slice',
  'return_statement',
  'await',
  'conditional_expression',
  'pair',
  'dictionary',
  'set',
  'decorator',
  'assert_statement',
  'raise_statement',
  'delete_statement',
  'interpolation',
  'type',
  'if_statement',
  'elif_clause',
  'while_statement',
  'expression_statement',
]);

/**
 * `name.attr` (spaces allowed before the dot) outside an import: the name is read, not bound. Only
 * `import name.sub` binds a name followed by a dot, so a line with `import` before the name, or one
 * continuing the line above it with a backslash, does not count.
 */
function readBeforeDot(source: string, start: number, end: number): boolean {
  let i = end;
  while (source.charCodeAt(i) === 32 || source.charCodeAt(i) === 9) i++;
  if (source.charCodeAt(i) !== 46) return false;
  const lineStart = lineStartOf(source, start);
  if (source.slice(lineStart, start).includes('import')) return false;
  if (lineStart === 0) return true;
  // The last character of the line above, before its break (\r\n, \n or \r).
  const crlf = source.charCodeAt(lineStart - 1) === 10 && source.charCodeAt(lineStart - 2) === 13;
  return source.charCodeAt(lineStart - (crlf ? 3 : 2)) !== 92;
}

/** Inside the parameters of a def or lambda (they bind in its own scope, though they sit outside its body). */
function inParameters(id: Node): boolean {
  let cur: Node | null = id.parent;
  for (let depth = 0; cur && depth < 4; depth++, cur = cur.parent) {
    if (cur.type === 'parameters' || cur.type === 'lambda_parameters') return true;
  }
  return false;
}

export class ScopeIndex {
  private readonly scopes = new Map<number, Scope>();
  private readonly resolved = new Map<number, string | null>();
  private readonly below = new Map<string, boolean>();
  /** Node id → the scope its position belongs to (see scopeOf()). */
  private readonly within = new Map<number, Scope>();
  private moduleScope: Scope | undefined;

  /** Names some import statement binds (in any scope), and whether `from asyncio import *` occurs. */
  private imported: { names: Set<string>; asyncioStar: boolean } | undefined;

  /** The words of the file's text, for decisions made from it (its imports, where a name occurs); none without a text. */
  private readonly words: WordIndex | undefined;

  constructor(
    readonly root: Node,
    text?: Text,
  ) {
    this.words = text === undefined ? undefined : wordIndex(text);
  }

  /** The module's own bindings, collected on first use. */
  get module(): Scope {
    return (this.moduleScope ??= this.build(this.root, 'module', null));
  }

  /**
   * The innermost scope whose body contains node (a def's name, defaults and decorators belong
   * outside). Each step up the tree is a call into wasm, so the answer is remembered for every node
   * passed on the way: the next node of the same block stops at their common ancestor.
   */
  scopeOf(node: Node): Scope {
    const passed: number[] = [];
    let found: Scope | undefined;
    let child: Node = node;
    for (let cur = node.parent; cur; child = cur, cur = cur.parent) {
      const known = this.within.get(child.id);
      if (known) {
        found = known;
        break;
      }
      passed.push(child.id);
      if (SCOPE_TYPES.has(cur.type) && cur.childForFieldName('body')?.id === child.id) {
        found = this.scopeFor(cur);
        break;
      }
    }
    found ??= this.module;
    for (const id of passed) this.within.set(id, found);
    return found;
  }

  scopeFor(node: Node): Scope {
    const existing = this.scopes.get(node.id);
    if (existing) return existing;
    const kind = node.type === 'class_definition' ? 'class' : 'function';
    return this.build(node, kind, this.scopeOf(node));
  }

  /** What `name` refers to when looked up from inside `scope` (LEGB, classes skipped when nested). */
  lookup(name: string, from: Node): { binding: ImportBinding | null; local: boolean } {
    // A name only the module binds (an imported module, say) means the same everywhere.
    let scope: Scope | null = this.boundBelowModule(name) ? this.scopeOf(from) : this.module;
    let first = true;
    while (scope) {
      if (scope.kind === 'class' && !first) {
        scope = scope.parent;
        continue;
      }
      first = false;
      if (!scope.declaredOuter.has(name)) {
        if (scope.others.has(name)) return { binding: null, local: true };
        const imp = scope.imports.get(name);
        if (imp) return { binding: imp, local: false };
        for (const mod of scope.starImports) {
          const star = starBinding(name, mod, scope);
          if (star) return { binding: star, local: false };
        }
      }
      scope = scope.parent;
    }
    return { binding: null, local: false };
  }

  /** The scope whose own binding `name` refers to when looked up from `from` (null: a builtin or unbound). */
  definingScope(name: string, from: Node): Scope | null {
    let scope: Scope | null = this.boundBelowModule(name) ? this.scopeOf(from) : this.module;
    let first = true;
    while (scope) {
      if (scope.kind === 'class' && !first) {
        scope = scope.parent;
        continue;
      }
      first = false;
      if (!scope.declaredOuter.has(name) && (scope.others.has(name) || scope.imports.has(name) || scope.starImports.some((m) => starBinding(name, m, scope as Scope)))) {
        return scope;
      }
      scope = scope.parent;
    }
    return null;
  }

  /** Qualified name of an identifier or attribute chain, or null when it is not an import. */
  resolve(node: Node): string | null {
    // Several rules ask about the same callee: answer once per node.
    const known = this.resolved.get(node.id);
    if (known !== undefined) return known;
    const value = this.resolveUncached(node);
    this.resolved.set(node.id, value);
    return value;
  }

  private resolveUncached(node: Node): string | null {
    if (node.type === 'identifier') {
      // Only an import (or asyncio's star import) gives a qualified name: a name no import binds
      // anywhere in the file (`self`, a local) needs no scope analysis.
      if (!this.mayBeImported(node.text)) return null;
      const { binding } = this.lookup(node.text, node);
      return binding ? canonical(binding.target) : null;
    }
    if (node.type === 'attribute') {
      const obj = node.childForFieldName('object');
      const attr = node.childForFieldName('attribute');
      if (!obj || !attr) return null;
      const base = this.resolve(obj);
      return base ? canonical(`${base}.${attr.text}`) : null;
    }
    return null;
  }

  /**
   * Whether `name` may be bound anywhere but at module level (a parameter, a local, a class attribute,
   * an import in a function, a global declaration), judged from its occurrences in the text: yes when
   * unsure. When no, every lookup of it is the module's, and no function's scope needs building.
   */
  private boundBelowModule(name: string): boolean {
    let below = this.below.get(name);
    if (below === undefined) {
      below = this.words === undefined || this.findsBindingBelowModule(name, this.words);
      this.below.set(name, below);
    }
    return below;
  }

  private findsBindingBelowModule(name: string, words: WordIndex): boolean {
    for (const [start, end] of words.of(name)) {
      // Most occurrences of a module's name are `name.attr`: read there, never bound (the tree is not asked).
      if (readBeforeDot(words.source, start, end)) continue;
      const id = this.root.descendantForIndex(start, end);
      if (id?.type !== 'identifier' || id.startIndex !== start || id.endIndex !== end) continue;
      const parent = id.parent;
      if (parent && NEVER_BINDS.has(parent.type)) continue;
      if (inParameters(id) || this.scopeOf(id).kind !== 'module') return true;
    }
    return false;
  }

  private mayBeImported(name: string): boolean {
    if (this.words === undefined) return true;
    this.imported ??= importedNames(this.root, this.words);
    return this.imported.names.has(name) || (this.imported.asyncioStar && ASYNCIO_STAR.has(name));
  }

  private build(node: Node, kind: Scope['kind'], parent: Scope | null): Scope {
    const scope: Scope = {
      node,
      kind,
      parent,
      imports: new Map(),
      others: new Set(),
      declaredOuter: new Set(),
      starImports: [],
    };
    this.scopes.set(node.id, scope);
    if (kind === 'function') {
      const params = node.childForFieldName('parameters');
      if (params) for (const n of parameterNames(params)) scope.others.add(n);
    }
    const body = kind === 'module' ? node : node.childForFieldName('body');
    if (body) this.collect(body, scope);
    return scope;
  }

  /**
   * Record the bindings made directly in `scope` by `node`'s descendants. A tree cursor walks the
   * subtree so that only nodes of binding kinds become JS objects (this runs on every parsed file).
   */
  private collect(node: Node, scope: Scope): void {
    const cursor = node.walk();
    try {
      if (!cursor.gotoFirstChild()) return;
      let depth = 1;
      for (;;) {
        const descend = cursor.nodeIsNamed ? this.visit(cursor.nodeType, cursor, scope) : false;
        if (descend && cursor.gotoFirstChild()) {
          depth++;
          continue;
        }
        while (!cursor.gotoNextSibling()) {
          if (--depth === 0 || !cursor.gotoParent()) return;
        }
      }
    } finally {
      cursor.delete();
    }
  }

  /** Handle one named node; returns whether its children still need visiting for this scope. */
  private visit(type: string, cursor: TreeCursor, scope: Scope): boolean {
    switch (type) {
      case 'function_definition':
      case 'class_definition': {
        const child = cursor.currentNode;
        const name = child.childForFieldName('name');
        if (name) scope.others.add(name.text);
        // Decorators, defaults and bases are evaluated in this scope; the body is another scope.
        for (const part of child.namedChildren) {
          if (part && part.type !== 'block' && part.type !== 'identifier') this.collect(part, scope);
        }
        return false;
      }
      case 'lambda':
      case 'string':
      case 'comment':
      case 'future_import_statement':
        return false;
      case 'import_statement':
        this.collectImport(cursor.currentNode, scope);
        return false;
      case 'import_from_statement':
        this.collectFromImport(cursor.currentNode, scope);
        return false;
      case 'global_statement':
      case 'nonlocal_statement':
        for (const id of cursor.currentNode.namedChildren) if (id && id.type === 'identifier') scope.declaredOuter.add(id.text);
        return false;
      case 'assignment':
      case 'augmented_assignment': {
        const left = cursor.currentNode.childForFieldName('left');
        if (left) for (const n of targetNames(left)) scope.others.add(n);
        return true;
      }
      case 'named_expression': {
        const name = cursor.currentNode.childForFieldName('name');
        if (name) scope.others.add(name.text);
        return true;
      }
      case 'for_statement':
      case 'for_in_clause': {
        const left = cursor.currentNode.childForFieldName('left');
        if (left) for (const n of targetNames(left)) scope.others.add(n);
        return true;
      }
      case 'as_pattern': {
        const alias = cursor.currentNode.childForFieldName('alias');
        if (alias) for (const n of targetNames(alias)) scope.others.add(n);
        return true;
      }
      case 'except_clause': {
        // `except E as name:` binds name (tree-sitter-python puts it after `as`).
        const kids = cursor.currentNode.children;
        for (let i = 0; i + 1 < kids.length; i++) {
          const k = kids[i];
          const next = kids[i + 1];
          if (k && next && k.type === 'as' && next.type === 'identifier') scope.others.add(next.text);
        }
        return true;
      }
      default:
        return true;
    }
  }

  /**
   * `try: import asyncio` / `except ImportError: import trollius as asyncio`: the fallback in the
   * except clause is for old interpreters, so the name keeps the binding of the try body.
   */
  private keepsEarlier(scope: Scope, name: string, stmt: Node): boolean {
    if (!scope.imports.has(name)) return false;
    for (let cur = stmt.parent; cur && cur.id !== scope.node.id; cur = cur.parent) if (cur.type === 'except_clause') return true;
    return false;
  }

  private collectImport(stmt: Node, scope: Scope): void {
    for (const el of stmt.childrenForFieldName('name')) {
      if (!el) continue;
      if (el.type === 'aliased_import') {
        const target = el.childForFieldName('name');
        const alias = el.childForFieldName('alias');
        if (target && alias && !this.keepsEarlier(scope, alias.text, stmt))
          scope.imports.set(alias.text, { name: alias.text, target: dottedText(target), statement: stmt, element: el, fromImport: false });
      } else {
        const full = dottedText(el);
        const first = full.split('.')[0] ?? full;
        if (!this.keepsEarlier(scope, first, stmt)) scope.imports.set(first, { name: first, target: first, statement: stmt, element: el, fromImport: false });
      }
    }
  }

  private collectFromImport(stmt: Node, scope: Scope): void {
    const moduleNode = stmt.childForFieldName('module_name');
    if (!moduleNode) return;
    const mod = dottedText(moduleNode);
    const relative = moduleNode.type === 'relative_import';
    if (stmt.namedChildren.some((c) => c?.type === 'wildcard_import')) {
      if (!relative) scope.starImports.push(mod);
      return;
    }
    for (const el of stmt.childrenForFieldName('name')) {
      if (!el) continue;
      const nameNode = el.type === 'aliased_import' ? el.childForFieldName('name') : el;
      const aliasNode = el.type === 'aliased_import' ? el.childForFieldName('alias') : el;
      if (!nameNode || !aliasNode) continue;
      const local = aliasNode.text;
      if (relative) {
        scope.others.add(local);
        continue;
      }
      if (!this.keepsEarlier(scope, local, stmt)) scope.imports.set(local, { name: local, target: `${mod}.${dottedText(nameNode)}`, statement: stmt, element: el, fromImport: true });
    }
  }
}

/** Public names that `from asyncio import *` provides and the rules care about. */
const ASYNCIO_STAR = new Set([
  'get_event_loop',
  'new_event_loop',
  'set_event_loop',
  'get_running_loop',
  'run',
  'sleep',
  'gather',
  'wait',
  'wait_for',
  'shield',
  'ensure_future',
  'Queue',
  'Lock',
  'Event',
  'Condition',
  'Semaphore',
  'BoundedSemaphore',
  'as_completed',
  'coroutine',
  'iscoroutinefunction',
  'Task',
  'get_event_loop_policy',
  'set_event_loop_policy',
  'open_connection',
  'start_server',
  'create_subprocess_exec',
  'create_subprocess_shell',
  'LifoQueue',
  'PriorityQueue',
  'open_unix_connection',
  'start_unix_server',
  'all_tasks',
  'current_task',
  'Runner',
]);

function starBinding(name: string, mod: string, scope: Scope): ImportBinding | null {
  if (mod !== 'asyncio' || !ASYNCIO_STAR.has(name)) return null;
  return { name, target: `${mod}.${name}`, statement: scope.node, element: scope.node, fromImport: true };
}

/** Identifiers bound by an assignment/for target (tuples, lists, starred; not attributes or subscripts). */
export function targetNames(node: Node): string[] {
  switch (node.type) {
    case 'identifier':
      return [node.text];
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'tuple':
    case 'list':
    case 'expression_list':
    case 'list_splat_pattern':
    case 'parenthesized_expression':
      return node.namedChildren.flatMap((c) => (c ? targetNames(c) : []));
    default:
      return [];
  }
}

export function parameterNames(params: Node): string[] {
  const names: string[] = [];
  for (const p of params.namedChildren) {
    if (!p) continue;
    if (p.type === 'identifier') names.push(p.text);
    else {
      const name = p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier') ?? null;
      if (name && name.type === 'identifier') names.push(name.text);
    }
  }
  return names;
}

const IMPORT_STATEMENTS = new Set(['import_statement', 'import_from_statement']);

/**
 * Every name an import statement of the file binds, and whether asyncio is star-imported, found from
 * the occurrences of the word `import` (an import statement holds one) rather than by walking the tree.
 */
function importedNames(root: Node, words: WordIndex): { names: Set<string>; asyncioStar: boolean } {
  const names = new Set<string>();
  let asyncioStar = false;
  for (const [start, end] of words.of('import')) {
    const stmt = root.descendantForIndex(start, end)?.parent;
    if (!stmt || !IMPORT_STATEMENTS.has(stmt.type)) continue;
    if (stmt.type === 'import_from_statement' && stmt.namedChildren.some((c) => c?.type === 'wildcard_import')) {
      if (stmt.childForFieldName('module_name')?.text.replace(/\s+/g, '') === 'asyncio') asyncioStar = true;
      continue;
    }
    for (const el of stmt.childrenForFieldName('name')) {
      if (!el) continue;
      if (el.type === 'aliased_import') {
        const alias = el.childForFieldName('alias');
        if (alias) names.add(alias.text);
      } else {
        const full = el.text.replace(/\s+/g, '');
        names.add(stmt.type === 'import_statement' ? (full.split('.')[0] ?? full) : full);
      }
    }
  }
  return { names, asyncioStar };
}
