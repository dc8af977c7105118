import type { FileContext } from '../src/rule-api/context.js';
import type { Node } from '../src/python/parser.js';
import { decoratorCall, isScopeName, keyword, setKeyword, type DecoratorCall } from '../src/pytest/decorators.js';
import { decoratorsOf } from '../src/python/decorators.js';
import { fixtureOf } from '../src/pytest/fixtures.js';
import { ASYNCIO_MARK } from '../src/pytest/markers.js';
import { lineRemoval } from '../src/python/text.js';
import { defineTransform } from '../src/rule-api/transform.js';
import type { Edit, Safety } from '../src/common/types.js';

const docs = `## What it does
Finds fixtures decorated with \`@pytest.mark.asyncio\` and removes the mark. An async fixture becomes a
\`@pytest_asyncio.fixture\`, keeping its arguments; a \`loop_scope\` (or the deprecated \`scope\`) the
mark carried moves onto the fixture as \`loop_scope\`. A sync fixture only loses the mark.

## Why is this bad?
A mark does nothing on a fixture, and pytest 9 refuses it: the whole module fails to collect with
"Marks cannot be applied to fixtures". Suites wrote it to make pytest-asyncio run an async fixture;
the fixture decorator pytest-asyncio provides is what does that.

## Example
\`\`\`python
@pytest.fixture(scope="module")
@pytest.mark.asyncio
async def server():
    ...
\`\`\`

## Use instead
\`\`\`python
@pytest_asyncio.fixture(scope="module")
async def server():
    ...
\`\`\`

## Fix safety
Safe where pytest-asyncio already ran the fixture: in auto mode, for a \`@pytest_asyncio.fixture\`, and
for a sync fixture (the mark never did anything). Unsafe for an async \`@pytest.fixture\` in strict
mode: pytest-asyncio ignored it there, so its tests received a coroutine object; after the fix they
receive what the coroutine returns. A mark with arguments other than \`loop_scope\`/\`scope\` is
reported.

## References
- [pytest: marks cannot be applied to fixtures (pytest 9 changelog)](https://docs.pytest.org/en/stable/changelog.html)
- [pytest-asyncio: fixtures](https://pytest-asyncio.readthedocs.io/en/stable/reference/fixtures/index.html)
`;

/** The loop scope literal the mark names (`loop_scope=` or the deprecated `scope=`), undefined for none, null when it is not plain. */
function markLoopScope(mark: DecoratorCall): string | null | undefined {
  if (!mark.args) return undefined;
  const items = mark.args.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  if (items.length === 0) return undefined;
  const kw = items.length === 1 ? (keyword(mark.args, 'loop_scope') ?? keyword(mark.args, 'scope')) : null;
  return kw && isScopeName(kw.literal ?? undefined) ? kw.literal : null;
}

export default defineTransform({
  code: 'LM208',
  name: 'asyncio-mark-on-fixture',
  summary: 'a fixture marked @pytest.mark.asyncio',
  needs: ['project-facts'],
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.7',
  about: { names: ASYNCIO_MARK, fixture: 'any' },
  query: '(decorated_definition definition: (function_definition name: (identifier) @name) @def)',
  captures: ['def', 'name'],
  check(match, ctx) {
    const def = ctx.capture(match, 'def');
    const name = ctx.capture(match, 'name');
    if (!def || !name) return null;
    const fx = fixtureOf(def, ctx.scopes);
    if (!fx) return null;
    const mark = decoratorsOf(def)
      .map((d) => decoratorCall(d, ctx.scopes))
      .find((c) => c !== null && (ASYNCIO_MARK as readonly string[]).includes(c.qualified));
    if (!mark) return null;
    const removal = lineRemoval(ctx.source, mark.decorator);
    const scope = markLoopScope(mark);
    if (!removal || scope === null) {
      return ctx.finding({
        node: mark.decorator,
        message: `\`@pytest.mark.asyncio${mark.args?.text ?? ''}\` on fixture \`${fx.name}\`: pytest 9 refuses marks on fixtures ("Marks cannot be applied to fixtures"); remove it${fx.async ? ' and decorate the fixture with `@pytest_asyncio.fixture`' : ''}`,
      });
    }
    return fixFinding(ctx, def, mark.decorator, fx.async, fx.decorator, removal, scope, fx.name);
  },
});

function fixFinding(ctx: FileContext, def: Node, markNode: Node, isAsync: boolean, fixture: DecoratorCall, removal: Edit, scope: string | undefined, name: string) {
  const edits: Edit[] = [removal];
  let safety: Safety = 'safe';
  if (isAsync) {
    const switching = fixture.qualified !== 'pytest_asyncio.fixture';
    const ref = switching ? ctx.ensureImport('pytest_asyncio', 'fixture', def) : null;
    if (switching && !ref)
      return ctx.finding({ node: fixture.decorator, message: `fixture \`${name}\` is marked \`@pytest.mark.asyncio\`, which pytest 9 refuses; decorate it with \`@pytest_asyncio.fixture\` instead` });
    const callee = ref?.ref;
    if (scope !== undefined && !keyword(fixture.args, 'loop_scope')) edits.push(...setKeyword(ctx, fixture, 'loop_scope', ctx.stringLiteral(scope), callee));
    else if (callee !== undefined) edits.push({ start: fixture.callee.startIndex, end: fixture.callee.endIndex, text: callee });
    if (ref) edits.push(...ref.edits);
    // In strict mode pytest-asyncio never ran a plain @pytest.fixture coroutine: its tests got the coroutine object.
    if (switching && ctx.pytest.mode !== 'auto') safety = 'unsafe';
  }
  return ctx.finding({
    node: markNode,
    message: isAsync
      ? `fixture \`${name}\` is marked \`@pytest.mark.asyncio\`, which pytest 9 refuses ("Marks cannot be applied to fixtures"); make it a \`@pytest_asyncio.fixture\`${scope ? ` with \`loop_scope="${scope}"\`` : ''} and drop the mark`
      : `sync fixture \`${name}\` is marked \`@pytest.mark.asyncio\`, which does nothing there and which pytest 9 refuses ("Marks cannot be applied to fixtures"); drop the mark`,
    fix: { safety, edits },
  });
}
