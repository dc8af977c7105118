// What pytest sees on a function: fixture decorators (pytest / pytest_asyncio), asyncio markers and
// their keyword arguments, resolved through imports; and the minimal edit that sets a keyword.
import { SCOPES, type ScopeName } from '../common/facts.js';
import type { Node } from '../python/parser.js';
import type { ScopeIndex } from '../python/scope.js';
import type { Edit } from '../common/types.js';
import { appendArgument } from '../python/arguments.js';
import { decoratorCallee, decoratorExpression, decoratorsOf, definitionOf, definitionStatement } from '../python/decorators.js';

export function isScopeName(s: string | undefined): s is ScopeName {
  return s !== undefined && (SCOPES as readonly string[]).includes(s);
}

/** Wider scopes compare greater. */
export function scopeRank(s: ScopeName): number {
  return SCOPES.indexOf(s);
}

export interface DecoratorCall {
  decorator: Node;
  /** The decorator expression without a call (`pytest.fixture`). */
  callee: Node;
  /** The `(...)` argument list, or null for a bare decorator. */
  args: Node | null;
  /** Resolved name, e.g. 'pytest.fixture', 'pytest_asyncio.fixture', 'pytest.mark.asyncio'. */
  qualified: string;
}

export interface Keyword {
  node: Node;
  value: Node;
  /** The value when it is a plain string literal, else null. */
  literal: string | null;
}

export function decoratorCall(decorator: Node, scopes: ScopeIndex): DecoratorCall | null {
  const expr = decoratorExpression(decorator);
  if (!expr) return null;
  const callee = decoratorCallee(decorator);
  const args = expr.type === 'call' ? expr.childForFieldName('arguments') : null;
  if (!callee || (args && args.type !== 'argument_list')) return null;
  const qualified = scopes.resolve(callee) ?? conditionalFixtureAlias(callee, scopes);
  return qualified ? { decorator, callee, args, qualified } : null;
}

/**
 * A module-level name bound to a fixture decorator whichever way it is bound, as plugins supporting
 * old pytest-asyncio versions write it:
 *   try: from pytest_asyncio import fixture as asyncio_fixture
 *   except ImportError: asyncio_fixture = pytest.fixture
 * The resolved name (pytest-asyncio's when one binding is), or null.
 */
function conditionalFixtureAlias(callee: Node, scopes: ScopeIndex): string | null {
  if (callee.type !== 'identifier' || !scopes.module.others.has(callee.text)) return null;
  const name = callee.text;
  const targets: string[] = [];
  let other = false;
  const visit = (block: Node) => {
    for (const stmt of block.namedChildren) {
      if (!stmt || other) continue;
      if (stmt.type === 'function_definition' || stmt.type === 'class_definition' || stmt.type === 'decorated_definition') {
        if (definitionOf(stmt)?.childForFieldName('name')?.text === name) other = true;
        continue;
      }
      if (stmt.type === 'import_from_statement') {
        const module = stmt.childForFieldName('module_name')?.text;
        for (const el of stmt.childrenForFieldName('name')) {
          const imported = el?.type === 'aliased_import' ? el.childForFieldName('name')?.text : el?.text;
          const local = el?.type === 'aliased_import' ? el.childForFieldName('alias')?.text : imported;
          if (local === name) targets.push(`${module}.${imported}`);
        }
        continue;
      }
      const expr = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : null;
      if (expr?.type === 'assignment' && expr.childForFieldName('left')?.text === name) {
        const value = expr.childForFieldName('right');
        targets.push((value && scopes.resolve(value)) ?? '');
        continue;
      }
      for (const c of stmt.namedChildren) if (c && (c.type === 'block' || /_clause$/.test(c.type))) visit(c.type === 'block' ? c : (c.namedChildren.find((b) => b?.type === 'block') ?? c));
    }
  };
  visit(scopes.root);
  if (other || targets.length < 2 || !targets.every((t) => (FIXTURE_DECORATORS as readonly string[]).includes(t))) return null;
  return targets.includes('pytest_asyncio.fixture') ? 'pytest_asyncio.fixture' : (targets[0] ?? null);
}

export function findDecorator(def: Node, scopes: ScopeIndex, names: readonly string[]): DecoratorCall | null {
  for (const d of decoratorsOf(def)) {
    const call = decoratorCall(d, scopes);
    if (call && names.includes(call.qualified)) return call;
  }
  return null;
}

// pytest.yield_fixture (deprecated since pytest 3.0, still there and warning) is what many old overrides use.
export const FIXTURE_DECORATORS = ['pytest.fixture', 'pytest_asyncio.fixture', 'pytest.yield_fixture'] as const;

export function keyword(args: Node | null, name: string): Keyword | null {
  if (!args) return null;
  for (const a of args.namedChildren) {
    if (a?.type !== 'keyword_argument') continue;
    if (a.childForFieldName('name')?.text !== name) continue;
    const value = a.childForFieldName('value');
    if (!value) return null;
    return { node: a, value, literal: stringLiteral(value) };
  }
  return null;
}

/** The value of a plain (non-f, non-concatenated) string literal. */
export function stringLiteral(node: Node): string | null {
  if (node.type !== 'string') return null;
  if (node.namedChildren.some((c) => c?.type === 'interpolation')) return null;
  const m = /^[rRuU]?(['"])(.*)\1$/s.exec(node.text);
  return m ? (m[2] ?? null) : null;
}

/** The scope a fixture decorator gives (function when it names none); null when not a literal. */
export function fixtureScope(call: DecoratorCall): ScopeName | null {
  const kw = keyword(call.args, 'scope');
  if (!kw) return positionalScope(call) ?? 'function';
  return isScopeName(kw.literal ?? undefined) ? (kw.literal as ScopeName) : null;
}

function positionalScope(call: DecoratorCall): ScopeName | null {
  // pytest.fixture("module") was valid once; pytest 8 made it an error, so only report it.
  const first = call.args?.namedChildren.find((c) => c && c.type !== 'comment');
  return first && first.type === 'string' && isScopeName(stringLiteral(first) ?? undefined) ? (stringLiteral(first) as ScopeName) : null;
}

/**
 * An edit that sets `name=value` on a decorator: `@d` → `@d(name=value)`, `@d()` → `@d(name=value)`,
 * `@d(a=1)` → `@d(a=1, name=value)`. `calleeText` replaces the callee (e.g. to switch
 * `pytest.fixture` to `pytest_asyncio.fixture`).
 */
export function setKeyword(file: { source: string; eol: string }, call: DecoratorCall, name: string, value: string, calleeText?: string): Edit[] {
  const edits: Edit[] = [];
  if (calleeText !== undefined) edits.push({ start: call.callee.startIndex, end: call.callee.endIndex, text: calleeText });
  const existing = keyword(call.args, name);
  if (existing) {
    edits.push({ start: existing.value.startIndex, end: existing.value.endIndex, text: value });
    return edits;
  }
  if (!call.args) {
    edits.push({ start: call.callee.endIndex, end: call.callee.endIndex, text: `(${name}=${value})` });
    return edits;
  }
  edits.push(appendArgument(file.source, call.args, `${name}=${value}`, file.eol));
  return edits;
}

/** True for `def test_*` at module level or in a `Test*` class (pytest's default collection). */
export function isTestFunction(def: Node): boolean {
  const name = def.childForFieldName('name')?.text ?? '';
  if (!name.startsWith('test')) return false;
  const stmt = definitionStatement(def);
  const container = stmt.parent;
  if (container?.type === 'module') return true;
  const cls = container?.type === 'block' ? container.parent : null;
  return cls?.type === 'class_definition' && (cls.childForFieldName('name')?.text ?? '').startsWith('Test');
}

/** Top-level and class-level function definitions of a module (what pytest collects tests and fixtures from). */
export function collectableFunctions(root: Node): Node[] {
  const out: Node[] = [];
  const visit = (block: Node, depth: number) => {
    for (const c of block.namedChildren) {
      if (!c) continue;
      const def = definitionOf(c);
      if (!def) continue;
      if (def.type === 'function_definition') out.push(def);
      else if (def.type === 'class_definition' && depth === 0) {
        const body = def.childForFieldName('body');
        if (body) visit(body, depth + 1);
      }
    }
  };
  visit(root, 0);
  return out;
}
