// Giving a test or an async fixture an explicit `loop_scope`: the edits several 2xx rules share.
import type { FileContext } from '../context.js';
import type { Node } from '../parser.js';
import { isAsyncDef } from '../python/nodes.js';
import { indentAt } from '../python/text.js';
import type { Edit } from '../types.js';
import { decoratorsOf, findDecorator, isTestFunction, keyword, setKeyword, type ScopeName } from './decorators.js';
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
    return setKeyword(mark, 'loop_scope', JSON.stringify(scope));
  }
  if (ctx.pytest.mode === 'strict' && !markedAround(ctx)) return null;
  const ref = ctx.ensureImport('pytest', undefined, def);
  if (!ref) return null;
  return [decoratorInsertion(def, ctx, `${ref.ref}.mark.asyncio(loop_scope=${JSON.stringify(scope)})`), ...ref.edits];
}

/**
 * Edits that give an async fixture `loop_scope=scope`: on `@pytest_asyncio.fixture`, or on a
 * `@pytest.fixture` that pytest-asyncio runs (auto mode), switched to `pytest_asyncio.fixture` because
 * only that one takes `loop_scope`. Null when it is not such a fixture or names a loop scope already.
 */
export function fixtureLoopScopeEdits(def: Node, ctx: FileContext, scope: ScopeName): Edit[] | null {
  const fx = fixtureOf(def, ctx.scopes);
  if (!fx || !fx.async || keyword(fx.decorator.args, 'loop_scope')) return null;
  if (fx.decorator.qualified === 'pytest_asyncio.fixture') return setKeyword(fx.decorator, 'loop_scope', JSON.stringify(scope));
  if (ctx.pytest.mode !== 'auto') return null;
  const ref = ctx.ensureImport('pytest_asyncio', 'fixture', def);
  if (!ref) return null;
  return [...setKeyword(fx.decorator, 'loop_scope', JSON.stringify(scope), ref.ref), ...ref.edits];
}
