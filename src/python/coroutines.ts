// What a call returns, as far as one file can tell: a coroutine, a future/task, or unknown.
import type { Node } from './parser.js';
import { enclosingClass, enclosingFunction, isAsyncDef } from './nodes.js';
import { decoratorExpression, decoratorsOf, definitionOf } from './decorators.js';
import type { ScopeIndex } from './scope.js';

export type CallKind = 'coroutine' | 'future' | 'unknown';

const ASYNCIO_COROUTINE_FUNCTIONS = new Set(
  ['sleep', 'wait', 'wait_for', 'open_connection', 'start_server', 'open_unix_connection', 'start_unix_server', 'create_subprocess_exec', 'create_subprocess_shell', 'to_thread'].map(
    (n) => `asyncio.${n}`,
  ),
);

const ASYNCIO_FUTURE_FACTORIES = new Set(['ensure_future', 'create_task', 'gather', 'shield', 'wrap_future', 'Future', 'Task', 'run_coroutine_threadsafe'].map((n) => `asyncio.${n}`));

/** Methods that hand back a future or task whatever their receiver (event loops, task groups). */
const FUTURE_METHODS = new Set(['create_task', 'create_future', 'run_in_executor', 'ensure_future']);

export function classifyCall(scopes: ScopeIndex, call: Node): CallKind {
  const fn = call.childForFieldName('function');
  if (!fn) return 'unknown';
  const resolved = scopes.resolve(fn);
  if (resolved && ASYNCIO_COROUTINE_FUNCTIONS.has(resolved)) return 'coroutine';
  if (resolved && ASYNCIO_FUTURE_FACTORIES.has(resolved)) return 'future';
  if (resolved) return 'unknown';
  if (fn.type === 'identifier') {
    const block = bindingBlock(scopes, fn);
    return block && definesOnlyCoroutine(scopes, block, fn.text) ? 'coroutine' : 'unknown';
  }
  if (fn.type === 'attribute') {
    const method = fn.childForFieldName('attribute')?.text ?? '';
    if (FUTURE_METHODS.has(method)) return 'future';
    const cls = fn.childForFieldName('object')?.text === 'self' ? enclosingClass(call) : null;
    const body = cls?.childForFieldName('body');
    if (body && definesOnlyCoroutine(scopes, body, method)) return 'coroutine';
  }
  return 'unknown';
}

/** The body of the innermost function (or the module) that binds the name; null for imports and class scopes. */
function bindingBlock(scopes: ScopeIndex, id: Node): Node | null {
  for (let scope = scopes.scopeOf(id); scope.parent; scope = scope.parent) {
    if (scope.kind !== 'function') continue;
    if (scope.imports.has(id.text) || scope.declaredOuter.has(id.text)) return null;
    if (scope.others.has(id.text)) return scope.node.childForFieldName('body');
  }
  return scopes.module.imports.has(id.text) ? null : scopes.root;
}

/**
 * The block binds `name` only by function definitions, each of them an `async def` or a function
 * decorated with `asyncio.coroutine` / `types.coroutine`.
 */
function definesOnlyCoroutine(scopes: ScopeIndex, block: Node, name: string): boolean {
  let found = false;
  for (const stmt of block.namedChildren) {
    if (!stmt) continue;
    const def = definitionOf(stmt);
    if (def?.type !== 'function_definition' && def?.type !== 'class_definition') {
      if (stmt.type === 'expression_statement' || stmt.type === 'import_statement' || stmt.type === 'import_from_statement') {
        if (stmt.descendantsOfType('identifier').some((id) => id?.text === name && bindsName(id))) return false;
      }
      continue;
    }
    if (def.childForFieldName('name')?.text !== name) continue;
    if (def.type !== 'function_definition') return false;
    const decorators = decoratorsOf(def);
    const coroutineDecorated =
      decorators.length > 0 &&
      decorators.every((d) => {
        const expr = decoratorExpression(d);
        const target = expr ? scopes.resolve(expr) : null;
        return target === 'asyncio.coroutine' || target === 'types.coroutine';
      });
    if (!(decorators.length === 0 && isAsyncDef(def)) && !coroutineDecorated) return false;
    found = true;
  }
  return found;
}

function bindsName(id: Node): boolean {
  for (let cur: Node = id; cur.parent; cur = cur.parent) {
    const p: Node = cur.parent;
    if ((p.type === 'assignment' || p.type === 'augmented_assignment') && p.childForFieldName('left')?.id === cur.id) return true;
    if (p.type === 'import_statement' || p.type === 'import_from_statement') return true;
    if (p.type === 'expression_statement') return false;
  }
  return false;
}

/**
 * True when the nearest enclosing function is a coroutine: an \`async def\`, or a generator-based one
 * decorated with \`@asyncio.coroutine\` (a loop is running there too, and LM107 turns it into an
 * \`async def\`).
 */
export function runsInCoroutine(scopes: ScopeIndex, node: Node): boolean {
  const fn = enclosingFunction(node);
  if (!fn || fn.type !== 'function_definition') return false;
  if (isAsyncDef(fn)) return true;
  return decoratorsOf(fn).some((d) => {
    const expr = decoratorExpression(d);
    return expr ? scopes.resolve(expr) === 'asyncio.coroutine' : false;
  });
}
