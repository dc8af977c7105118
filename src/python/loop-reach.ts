// Does a piece of code run while an event loop is running? Loop-bound objects (aiohttp sessions,
// APScheduler's AsyncIOScheduler, asyncio primitives) only work when they do. The answer is drawn from
// the file alone: import-time code and `__main__` blocks run without a loop, coroutines run inside one,
// and a plain function runs without one when something at import time calls it.
import type { Node } from './parser.js';
import type { Text } from './words.js';
import { callsNamed, lastName } from './calls.js';
import { enclosingClass, enclosingDef, isAsyncDef, isMainGuard } from './nodes.js';
import { decoratorCallee, decoratorExpression, decoratorsOf } from './decorators.js';
import type { ScopeIndex } from './scope.js';

/** 'cell': a notebook (or `# %%` script) cell without a top-level await, which IPython runs with no loop. */
export type Where = 'module' | 'main-guard' | 'sync-fixture' | 'cell';

export type Reach =
  /** `via` lists the calls that lead from import-time code (last) to the code asked about (first). */
  | { kind: 'no-loop'; where: Where; via: Node[] }
  | { kind: 'in-loop' }
  /** Nothing in the file says how it runs (a callback, a method, a function nobody here calls). */
  | { kind: 'unknown' };

const STARTUP_HOOKS = new Set(['fastapi.FastAPI', 'starlette.applications.Starlette']);
const STARTUP_HOOK_NAMES = [...STARTUP_HOOKS].map((h) => h.slice(h.lastIndexOf('.') + 1));

export class LoopReach {
  private readonly callsByName = new Map<string, Node[]>();
  private readonly memo = new Map<number, Reach>();
  private readonly pending = new Set<number>();
  private cellMarks: number[] | undefined;

  constructor(
    private readonly root: Node,
    private readonly scopes: ScopeIndex,
    /** The whole file (the module node can start after leading blank lines). */
    private readonly text: Text,
  ) {}

  of(node: Node): Reach {
    const fn = enclosingDef(node);
    if (!fn) return this.topLevel(node);
    if (fn.type === 'lambda') return { kind: 'unknown' };
    if (isAsyncDef(fn)) return { kind: 'in-loop' };
    const known = this.memo.get(fn.id);
    if (known) return known;
    // A recursive call chain adds nothing: the outer visit decides.
    if (this.pending.has(fn.id)) return { kind: 'unknown' };
    this.pending.add(fn.id);
    const reach = this.ofSyncDef(fn);
    this.pending.delete(fn.id);
    this.memo.set(fn.id, reach);
    return reach;
  }

  private ofSyncDef(fn: Node): Reach {
    const decorators = decoratorsOf(fn);
    if (decorators.some((d) => this.isStartupDecorator(d)) || this.registeredAsStartup(fn)) return { kind: 'in-loop' };
    // pytest-asyncio runs synchronous fixtures outside the test's loop.
    if (decorators.some((d) => this.resolvesTo(decoratorCallee(d), 'pytest.fixture'))) return { kind: 'no-loop', where: 'sync-fixture', via: [] };
    let inLoop = false;
    for (const call of this.callersOf(fn)) {
      const r = this.of(call);
      if (r.kind === 'no-loop') return { kind: 'no-loop', where: r.where, via: [call, ...r.via] };
      if (r.kind === 'in-loop') inLoop = true;
    }
    return inLoop ? { kind: 'in-loop' } : { kind: 'unknown' };
  }

  private resolvesTo(node: Node | null, qualified: string): boolean {
    return node !== null && this.scopes.resolve(node) === qualified;
  }

  private topLevel(node: Node): Reach {
    // IPython runs a cell with a top-level `await` on its loop (autoawait); `# %%` marks cells.
    if (this.cellHasTopLevelAwait(node)) return { kind: 'in-loop' };
    for (let cur = node.parent; cur; cur = cur.parent) {
      if (isMainGuard(cur)) return { kind: 'no-loop', where: 'main-guard', via: [] };
    }
    return { kind: 'no-loop', where: this.cellMarks && this.cellMarks.length > 0 ? 'cell' : 'module', via: [] };
  }

  /** Calls in this file that run the body of `fn`: calls of its name, or of its class for `__init__`. */
  private callersOf(fn: Node): Node[] {
    const name = fn.childForFieldName('name')?.text;
    if (!name) return [];
    const scope = this.scopes.scopeOf(fn);
    if (scope.kind !== 'class') return this.callsOf(name, scope.node);
    const cls = scope.node;
    const clsName = cls.childForFieldName('name')?.text;
    if (!clsName) return [];
    const classScope = this.scopes.scopeOf(cls).node;
    if (name === '__init__' || name === '__post_init__') return this.callsOf(clsName, classScope);
    // `Cls.method()` and `self.method()` from the class's own methods.
    return this.calls(name).filter((call) => {
      const callee = call.childForFieldName('function');
      const obj = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
      if (!obj || obj.type !== 'identifier') return false;
      if (obj.text === clsName) return this.scopes.definingScope(clsName, call)?.node.id === classScope.id;
      return (obj.text === 'self' || obj.text === 'cls') && enclosingClass(call)?.id === cls.id;
    });
  }

  /** Calls `name(...)` whose name refers to the binding made in the scope of `scopeNode`. */
  private callsOf(name: string, scopeNode: Node): Node[] {
    return this.calls(name).filter((call) => {
      const callee = call.childForFieldName('function');
      return callee?.type === 'identifier' && this.scopes.definingScope(name, call)?.node.id === scopeNode.id;
    });
  }

  /** Calls whose callee's last name is `name` (`name(...)`, `x.name(...)`), in document order. */
  private calls(name: string): Node[] {
    let list = this.callsByName.get(name);
    if (!list) {
      list = callsNamed(this.root, this.text, [name]).filter((call) => lastName(call.childForFieldName('function')) === name);
      this.callsByName.set(name, list);
    }
    return list;
  }

  /** `@app.on_event("startup")` (FastAPI/Starlette run these handlers on the server's loop). */
  private isStartupDecorator(decorator: Node): boolean {
    const call = decoratorExpression(decorator);
    const callee = call?.type === 'call' ? call.childForFieldName('function') : null;
    if (!call || callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'on_event') return false;
    return firstArgIsString(call, 'startup');
  }

  /** `app.add_event_handler("startup", fn)` or `FastAPI(on_startup=[fn])`. */
  private registeredAsStartup(fn: Node): boolean {
    const name = fn.childForFieldName('name')?.text;
    if (!name) return false;
    for (const call of this.calls('add_event_handler')) {
      const args = argumentsOf(call);
      if (firstArgIsString(call, 'startup') && args[1]?.text === name) return true;
    }
    for (const hook of STARTUP_HOOKS) {
      const short = hook.slice(hook.lastIndexOf('.') + 1);
      for (const call of this.calls(short)) {
        if (this.scopes.resolve(call.childForFieldName('function') as Node) !== hook) continue;
        for (const arg of argumentsOf(call)) {
          if (arg.type !== 'keyword_argument' || arg.childForFieldName('name')?.text !== 'on_startup') continue;
          const value = arg.childForFieldName('value');
          if (value?.namedChildren.some((c) => c?.text === name)) return true;
        }
      }
    }
    return false;
  }

  private cellHasTopLevelAwait(node: Node): boolean {
    const marks = (this.cellMarks ??= this.root.namedChildren.filter((c): c is Node => c !== null && c.type === 'comment' && /^#\s*%%/.test(c.text)).map((c) => c.startIndex));
    const start = [...marks].reverse().find((m) => m <= node.startIndex) ?? 0;
    const end = marks.find((m) => m > node.startIndex) ?? Number.POSITIVE_INFINITY;
    for (const stmt of this.root.namedChildren) {
      if (!stmt || stmt.endIndex <= start || stmt.startIndex >= end) continue;
      if (hasTopLevelAwait(stmt)) return true;
    }
    return false;
  }
}

/** True when the FastAPI/Starlette application of this module is created here. */
export function appFactoryCall(root: Node, scopes: ScopeIndex, text: Text): Node | null {
  for (const call of callsNamed(root, text, STARTUP_HOOK_NAMES)) {
    const callee = call.childForFieldName('function');
    if (callee && STARTUP_HOOKS.has(scopes.resolve(callee) ?? '') && enclosingDef(call) === null) return call;
  }
  return null;
}

export function argumentsOf(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  return args ? args.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') : [];
}

function firstArgIsString(call: Node, value: string): boolean {
  const first = argumentsOf(call)[0];
  return first?.type === 'string' && first.text.slice(1, -1) === value;
}

function hasTopLevelAwait(node: Node): boolean {
  if (node.type === 'await') return true;
  if ((node.type === 'for_statement' || node.type === 'with_statement') && node.children.some((c) => c?.type === 'async')) return true;
  if (node.type === 'function_definition' || node.type === 'lambda' || node.type === 'class_definition') return false;
  return node.namedChildren.some((c) => c !== null && hasTopLevelAwait(c));
}
