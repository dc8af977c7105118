import { defineTransform } from '../src/rule-api/transform.js';
import { scopeRank, setKeyword } from '../src/pytest/decorators.js';
import { fixturesIn } from '../src/pytest/fixtures.js';
import type { Finding } from '../src/common/types.js';

const docs = `## What it does
In a project that tests with AnyIO's pytest plugin (\`@pytest.mark.anyio\`, an \`anyio_backend\` fixture),
finds async fixtures wider than a function (a session-scoped client, a module-scoped database) and makes
sure an \`anyio_backend\` fixture at least that wide covers them: the project's own \`anyio_backend\` in the
covering conftest gets the wider scope, or one is added to the conftest of the deepest directory that
holds all such fixtures (to the test module itself when they all live in one). Fixtures that no single
conftest covers are reported.

## Why is this bad?
AnyIO runs an async fixture on the runner of the \`anyio_backend\` fixture it depends on, and a fixture
cannot depend on a narrower one: with the built-in (function-scoped in older AnyIO, module-scoped since
4.15) backend, a session-scoped async fixture fails at setup with a ScopeMismatch. A wide
\`anyio_backend\` gives one runner, one loop, for the whole scope, so the shared resource and the tests
that use it run in the same loop.

## Example
\`\`\`python
# conftest.py
@pytest.fixture(scope="session")
async def client():
    async with make_client() as c:
        yield c
\`\`\`

## Use instead
\`\`\`python
# conftest.py
@pytest.fixture(scope="session")
def anyio_backend():
    return "asyncio"

@pytest.fixture(scope="session")
async def client():
    async with make_client() as c:
        yield c
\`\`\`

## Fix safety
Unsafe: all tests under that conftest now share one event loop per scope, and the added fixture picks
the \`asyncio\` backend, where the built-in one was parametrised over the installed backends (trio too).
A project's own parametrised \`anyio_backend\` keeps its parameters and only gets the wider scope.

## References
- [AnyIO: testing with AnyIO (backend and fixture scopes)](https://anyio.readthedocs.io/en/stable/testing.html)
`;

export default defineTransform({
  code: 'LM206',
  name: 'anyio-backend-scope',
  summary: 'AnyIO async fixtures wider than the anyio_backend they run on',
  needs: ['project-facts'],
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.8',
  // The facts name the file (src/pytest/facts.ts): a fixture, or a conftest mentioning anyio,
  // event_loop or a scoped async def.
  about: { facts: 'anyio-plan' },
  query: '(module) @module',
  captures: ['module'],
  check(match, ctx) {
    const root = ctx.capture(match, 'module');
    if (!root) return null;
    const fixtures = fixturesIn(root, ctx.scopes);
    const out: Finding[] = [];
    const plan = ctx.pytest.anyioBackend;
    if (plan) {
      const backend = fixtures.find((f) => f.name === 'anyio_backend');
      const needs = `the async fixtures ${plan.needs.map((n) => n.split(/[\\/]/).pop()).join(', ')}`;
      if (backend && backend.scope && scopeRank(backend.scope) >= scopeRank(plan.scope)) {
        // Already wide enough (e.g. fixed in an earlier pass of this run).
      } else if (backend) {
        const at = backend.def.childForFieldName('name') ?? backend.def;
        out.push(
          ctx.finding({
            node: at,
            message: `\`anyio_backend\` has scope "${backend.scope ?? '?'}" but ${needs} are ${plan.scope}-scoped; AnyIO cannot run them on a narrower backend fixture, widen it to "${plan.scope}"`,
            fix: backend.scope ? { safety: 'unsafe', edits: setKeyword(ctx, backend.decorator, 'scope', ctx.stringLiteral(plan.scope)) } : null,
          }),
        );
      } else {
        const first = root.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? root;
        const ref = ctx.ensureImport('pytest', 'fixture', root.lastChild ?? root);
        const end = ctx.source.length;
        const lead = /(\r\n|\n|\r)$/.test(ctx.source) ? ctx.eol : ctx.eol + ctx.eol;
        const text = `${lead}${ctx.eol}@${ref?.ref}(scope=${ctx.stringLiteral(plan.scope)})${ctx.eol}def anyio_backend():${ctx.eol}    return ${ctx.stringLiteral('asyncio')}${ctx.eol}`;
        out.push(
          ctx.finding({
            node: first,
            message: `${needs} are ${plan.scope}-scoped but the \`anyio_backend\` they run on is narrower; add a ${plan.scope}-scoped \`anyio_backend\` fixture here`,
            fix: ref && { safety: 'unsafe', edits: [{ start: end, end, text }, ...ref.edits] },
          }),
        );
      }
    }
    if (ctx.pytest.anyioUnplaced) {
      for (const f of fixtures) {
        if (!f.async || !f.scope || scopeRank(f.scope) === 0 || f.decorator.qualified !== 'pytest.fixture') continue;
        out.push(
          ctx.finding({
            node: f.def.childForFieldName('name') ?? f.def,
            message: `AnyIO async fixture with scope "${f.scope}" needs an \`anyio_backend\` fixture at least that wide; add one to a conftest.py that covers this file and the tests using the fixture`,
          }),
        );
      }
    }
    return out;
  },
});
