// Giving a test or an async fixture an explicit `loop_scope`: the edits several 2xx rules share.
import type { FileContext } from '../rule-api/context.js';
import type { Node } from '../python/parser.js';
import { isAsyncDef } from '../python/nodes.js';
import { indentAt, lineEndOf } from '../python/text.js';
import type { Edit } from '../common/types.js';
import { findDecorator, isTestFunction, keyword, setKeyword } from './decorators.js';
import { decoratorsOf, definitionOf, definitionStatement } from '../python/decorators.js';
import { type ScopeName } from '../common/facts.js';
import { fixtureOf } from './fixtures.js';

export const ASYNCIO_MARK = ['pytest.mark.asyncio'] as const;

/** True when the module marks tests through a class decorator or `pytestmark` (then its async tests are asyncio tests). */
function markedAround(ctx: FileContext): boolean {
  return /\bpytestmark\b[^\n]*mark\.asyncio|@pytest\.mark\.asyncio[^\n]*\n\s*class\b/.test(ctx.source);
}

/** A new decorator line placed above def and its existing decorators. */
export function decoratorInsertion(def: Node, ctx: FileContext, text: string): Edit {
  const first = decoratorsOf(def)[0] ?? def;
  return { start: first.startIndex, end: first.startIndex, text: `@${text}${ctx.eol}${indentAt(ctx.source, first.startIndex)}` };
}

/**
 * Edits that make an async test run in a loop of `scope`: set `loop_scope` on its own asyncio marker,
 * or add one. Null when nothing is needed or possible (it already names a loop scope; strict mode
 * without any asyncio marker, where pytest-asyncio never ran it).
 */
export function testLoopScopeEdits(def: Node, ctx: FileContext, scope: ScopeName): Edit[] | null {
  if (!isAsyncDef(def) || !isTestFunction(def)) return null;
  const mark = findDecorator(def, ctx.scopes, ASYNCIO_MARK);
  if (mark) {
    if (keyword(mark.args, 'loop_scope') || keyword(mark.args, 'scope')) return null;
    return setKeyword(ctx, mark, 'loop_scope', ctx.stringLiteral(scope));
  }
  if (ctx.pytest.mode === 'strict' && !markedAround(ctx)) return null;
  if (coveredAround(def, ctx)) return null;
  const ref = ctx.ensureImport('pytest', undefined, def);
  if (!ref) return null;
  const scoped = `${ref.ref}.mark.asyncio(loop_scope=${ctx.stringLiteral(scope)})`;
  // One mark for many tests where it reaches only async tests (pytest-asyncio warns about a sync test
  // under an asyncio mark): the class's, else the module's `pytestmark`.
  const shared = moduleMark(ctx, scoped) ?? classMark(def, ctx, scoped);
  if (shared) return [shared, ...ref.edits];
  return [decoratorInsertion(def, ctx, scoped), ...ref.edits];
}

/** An asyncio mark naming a loop scope on the test's class or in the module's `pytestmark` already reaches it. */
function coveredAround(def: Node, ctx: FileContext): boolean {
  const scoped = (node: Node | null | undefined) =>
    node
      ?.descendantsOfType('call')
      .some((c) => c !== null && ctx.resolve(c.childForFieldName('function')) === 'pytest.mark.asyncio' && keyword(c.childForFieldName('arguments'), 'loop_scope') !== null) ?? false;
  for (let cur = def.parent; cur; cur = cur.parent) {
    const cls = cur.type === 'decorated_definition' ? cur.childForFieldName('definition') : null;
    if (cls?.type === 'class_definition' && decoratorsOf(cls).some(scoped)) return true;
  }
  return ctx.root.namedChildren.some((c) => {
    const assign = c?.type === 'expression_statement' ? c.namedChildren[0] : null;
    return assign?.type === 'assignment' && assign.childForFieldName('left')?.text === 'pytestmark' && scoped(assign.childForFieldName('right'));
  });
}

/** The test functions directly in a block (a module's or a class's body). */
function testsIn(block: Node): Node[] {
  return block.namedChildren.map((c) => c && definitionOf(c)).filter((d): d is Node => d?.type === 'function_definition' && isTestFunction(d));
}

/** `@mark` above the test's class when every test of the class is async and the class has no decorator. */
function classMark(def: Node, ctx: FileContext, mark: string): Edit | null {
  const stmt = definitionStatement(def);
  const cls = stmt.parent?.type === 'block' ? stmt.parent.parent : null;
  const body = cls?.type === 'class_definition' ? cls.childForFieldName('body') : null;
  if (!cls || !body || cls.parent?.type === 'decorated_definition') return null;
  const tests = testsIn(body);
  if (tests.length < 2 || !tests.every(isAsyncDef)) return null;
  return { start: cls.startIndex, end: cls.startIndex, text: `@${mark}${ctx.eol}${indentAt(ctx.source, cls.startIndex)}` };
}

/** `pytestmark = mark` after the module's imports when every test of the module (classes included) is async. */
function moduleMark(ctx: FileContext, mark: string): Edit | null {
  return ctx.memo(`module-mark:${mark}`, () => {
    const root = ctx.root;
    if (/^pytestmark\b/m.test(ctx.source)) return null;
    const tests = [
      ...testsIn(root),
      ...root.namedChildren.flatMap((c) => {
        const cls = c && definitionOf(c);
        const body = cls?.type === 'class_definition' ? cls.childForFieldName('body') : null;
        return body ? testsIn(body) : [];
      }),
    ];
    if (tests.length < 2 || !tests.every(isAsyncDef)) return null;
    const stmts = root.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
    let last: Node | null = null;
    for (const s of stmts) {
      if (s.type === 'import_statement' || s.type === 'import_from_statement' || s.type === 'future_import_statement') last = s;
      else if (last || !(s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string')) break;
    }
    if (!last || ctx.source.slice(last.endIndex, lineEndOf(ctx.source, last.endIndex)).trim() !== '') return null;
    return { start: last.endIndex, end: last.endIndex, text: `${ctx.eol}${ctx.eol}pytestmark = ${mark}` };
  });
}

/**
 * Edits that give an async fixture `loop_scope=scope`: on `@pytest_asyncio.fixture`, or on a
 * `@pytest.fixture` that pytest-asyncio runs (auto mode), switched to `pytest_asyncio.fixture` because
 * only that one takes `loop_scope`. Null when it is not such a fixture or names a loop scope already.
 */
export function fixtureLoopScopeEdits(def: Node, ctx: FileContext, scope: ScopeName): Edit[] | null {
  const fx = fixtureOf(def, ctx.scopes);
  if (!fx || !fx.async || keyword(fx.decorator.args, 'loop_scope')) return null;
  if (fx.decorator.qualified === 'pytest_asyncio.fixture') return setKeyword(ctx, fx.decorator, 'loop_scope', ctx.stringLiteral(scope));
  if (ctx.pytest.mode !== 'auto') return null;
  const ref = ctx.ensureImport('pytest_asyncio', 'fixture', def);
  if (!ref) return null;
  return [...setKeyword(ctx, fx.decorator, 'loop_scope', ctx.stringLiteral(scope), ref.ref), ...ref.edits];
}
