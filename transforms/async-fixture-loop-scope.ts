import { defineTransform } from '../src/rule-api/transform.js';
import { keyword, scopeRank } from '../src/pytest/decorators.js';
import { fixtureOf } from '../src/pytest/fixtures.js';
import { fixtureLoopScopeEdits } from '../src/pytest/markers.js';

const docs = `## What it does
Gives an async fixture whose \`scope\` is wider than \`function\` a matching \`loop_scope\`:
\`@pytest_asyncio.fixture(scope="session")\` → \`@pytest_asyncio.fixture(scope="session", loop_scope="session")\`.
In auto mode an async \`@pytest.fixture\` is a pytest-asyncio fixture too; it becomes
\`@pytest_asyncio.fixture(..., loop_scope=...)\`, because only that decorator takes \`loop_scope\`. Nothing
changes when the configured \`asyncio_default_fixture_loop_scope\` is already as wide as the fixture.

## Why is this bad?
pytest-asyncio runs an async fixture in the loop of its \`loop_scope\`, which defaults to
\`asyncio_default_fixture_loop_scope\`. Once that option is set (pytest-asyncio warns until it is), a
session-scoped fixture would be asked to live in a function-scoped loop: pytest stops with a
ScopeMismatch, or the resource the fixture made is bound to a loop that is already closed
("attached to a different loop").

## Example
\`\`\`python
@pytest_asyncio.fixture(scope="session")
async def db():
    ...
\`\`\`

## Use instead
\`\`\`python
@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def db():
    ...
\`\`\`

## Fix safety
Safe: the fixture runs in a loop that lives exactly as long as the fixture, which is what pytest-asyncio
did for it while \`asyncio_default_fixture_loop_scope\` was unset. Tests using the fixture must run in
that loop too (\`loop_scope\` on their marker, or \`asyncio_default_test_loop_scope\`).

## References
- [pytest-asyncio: fixtures](https://pytest-asyncio.readthedocs.io/en/stable/reference/fixtures/index.html)
- [pytest-asyncio: configuration](https://pytest-asyncio.readthedocs.io/en/stable/reference/configuration.html)
`;

export default defineTransform({
  code: 'LM204',
  name: 'async-fixture-loop-scope',
  summary: 'a wide async fixture without loop_scope',
  needs: ['project-facts'],
  docs,
  fixAvailability: 'always',
  minPython: '3.7',
  about: { fixture: 'scoped', asyncDef: true },
  query: '(function_definition name: (identifier) @name) @def',
  captures: ['def', 'name'],
  check(match, ctx) {
    const def = ctx.capture(match, 'def');
    const name = ctx.capture(match, 'name');
    if (!def || !name) return null;
    const fx = fixtureOf(def, ctx.scopes);
    if (!fx || !fx.async || !fx.scope || keyword(fx.decorator.args, 'loop_scope')) return null;
    if (scopeRank(fx.scope) <= scopeRank(ctx.pytest.defaultFixtureLoopScope)) return null;
    const edits = fixtureLoopScopeEdits(def, ctx, fx.scope);
    if (!edits) return null;
    return ctx.finding({
      node: name,
      message: `async fixture with scope "${fx.scope}" has no \`loop_scope\`; pytest-asyncio would run it in a narrower loop than it lives, set \`loop_scope="${fx.scope}"\``,
      fix: { safety: 'safe', edits },
    });
  },
});
