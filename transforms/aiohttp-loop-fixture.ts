import { isTestFunction } from '../src/pytest/decorators.js';
import { fixtureOf, parameterUses } from '../src/pytest/fixtures.js';
import { runningLoopParameterEdits } from '../src/pytest/sync-fixtures.js';
import { isAsyncDef } from '../src/python/nodes.js';
import { findParameter } from '../src/python/params.js';
import { defineTransform } from '../src/rule-api/transform.js';

const docs = `## What it does
In a project that tests with pytest-aiohttp (declared as a dependency, or named in a test module) and
defines no \`loop\` fixture of its own in reach, finds async tests and fixtures that request \`loop\`,
the fixture pytest-aiohttp 1.x no longer has. The parameter goes; where the body uses the loop,
\`loop = asyncio.get_running_loop()\` opens it. Sync tests and fixtures requesting \`loop\` are reported.
Projects that load aiohttp's own \`aiohttp.pytest_plugin\` (which still defines \`loop\` in aiohttp 3.x)
are left alone.

## Why is this bad?
pytest-aiohttp 1.x runs async tests through pytest-asyncio and provides only the aiohttp fixtures
(\`aiohttp_client\`, \`aiohttp_server\`, ...); its old \`loop\` fixture (an alias of pytest-asyncio's
\`event_loop\`, itself removed in pytest-asyncio 1.0) is gone, so such tests error at setup with
\`fixture 'loop' not found\`. Inside a coroutine the running loop is the loop the test runs in.

## Example
\`\`\`python
async def test_index(aiohttp_client, loop):
    client = await aiohttp_client(make_app(loop=loop))
    assert (await client.get("/")).status == 200
\`\`\`

## Use instead
\`\`\`python
async def test_index(aiohttp_client):
    loop = asyncio.get_running_loop()
    client = await aiohttp_client(make_app(loop=loop))
    assert (await client.get("/")).status == 200
\`\`\`

## Fix safety
Safe: in an async test or fixture run by pytest-asyncio the running loop is the loop the old \`loop\`
fixture returned for it. Sync tests and fixtures are reported: there is no running loop to take.

## References
- [pytest-aiohttp changelog](https://github.com/aio-libs/pytest-aiohttp/blob/master/CHANGES.rst)
- [aiohttp: testing with pytest-aiohttp](https://docs.aiohttp.org/en/stable/testing.html)
`;

export default defineTransform({
  code: 'LM211',
  name: 'aiohttp-loop-fixture',
  summary: "a test requesting pytest-aiohttp's removed loop fixture",
  needs: ['project-facts'],
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.7',
  about: { parameters: ['loop'], facts: 'aiohttp-loop-removed' },
  query: '(function_definition name: (identifier) @name parameters: (parameters) @params) @def',
  captures: ['def', 'name', 'params'],
  check(match, ctx) {
    const def = ctx.capture(match, 'def');
    const name = ctx.capture(match, 'name');
    if (!def || !name || !ctx.pytest.aiohttpLoopRemoved) return null;
    const param = findParameter(def, 'loop');
    if (!param || param.type !== 'identifier') return null;
    const fx = fixtureOf(def, ctx.scopes);
    if (fx?.name === 'loop' || (!fx && !isTestFunction(def))) return null;
    const what = `${fx ? 'fixture' : 'test'} requests \`loop\`, a fixture pytest-aiohttp 1.x no longer has`;
    if (!isAsyncDef(def)) {
      return ctx.finding({ node: name, message: `sync ${what}; make it async and use \`asyncio.get_running_loop()\`, or give it a fixture that makes a new loop and closes it` });
    }
    const edits = runningLoopParameterEdits(def, param, parameterUses(def, 'loop', ctx.scopes), ctx, 'loop');
    return ctx.finding({
      node: name,
      message: `${what}; use \`asyncio.get_running_loop()\` inside the coroutine`,
      fix: edits && { safety: 'safe', edits },
    });
  },
});
