import { defineTransform } from '../src/transform.js';
import { ASYNC_DEF, FIXTURES_IMPORTED } from '../src/triggers.js';
import { definitionStatement } from '../src/pytest/decorators.js';
import { eventLoopBodyProblem, fixtureOf, makesFreshLoop } from '../src/pytest/fixtures.js';
import { loopHolder } from '../src/pytest/sync-fixtures.js';
import { fixtureLoopScopeEdits, testLoopScopeEdits } from '../src/pytest/markers.js';
import { removeStatements } from '../src/python/statements.js';
import { absorbBlankLines } from '../src/python/text.js';

const docs = `## What it does
Finds a re-implemented \`event_loop\` fixture (in a \`conftest.py\` or a test module) that only creates a
loop (\`asyncio.new_event_loop()\`, \`get_event_loop_policy().new_event_loop()\`, a try/except around
\`get_running_loop()\`), yields it and closes it. It removes the fixture and carries its scope over:
- when the fixture covers every test module the pytest config governs (the root \`conftest.py\`, or the
  one conftest above all the tests), \`asyncio_default_fixture_loop_scope\` and
  \`asyncio_default_test_loop_scope\` are set to its scope in the config file pytest reads
  (\`pytest.toml\`, \`pytest.ini\`, \`pyproject.toml\`, \`tox.ini\` or \`setup.cfg\`, found as pytest finds it);
- otherwise (a sub-directory conftest, a test module, no editable config) the async tests and async
  fixtures it covers get \`loop_scope=\` on their \`asyncio\` marker or \`pytest_asyncio.fixture\`.

A fixture whose body does more (an event loop policy, uvloop, \`set_debug\`, executors) is reported with
the manual steps instead.

## Why is this bad?
pytest-asyncio 0.23 deprecated redefining \`event_loop\` and 1.0 removed the fixture: an override is no
longer used, so a suite that shared one session loop now runs each test in a new loop. The first test
passes and the next fail with "got Future attached to a different loop" (a session-scoped async
resource was created in another loop), or with \`fixture 'event_loop' not found\`.

## Example
\`\`\`python
# conftest.py
@pytest.fixture(scope="session")
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()
\`\`\`

## Use instead
\`\`\`toml
# pyproject.toml
[tool.pytest.ini_options]
asyncio_default_fixture_loop_scope = "session"
asyncio_default_test_loop_scope = "session"
\`\`\`

## Fix safety
Unsafe: the loop is now created by pytest-asyncio's runner, which also sets it as the current loop and
shuts down async generators and the default executor; code that relied on the fixture's exact loop
object (a custom loop class, a subclass's attributes) can behave differently. Overrides whose body
does more than create/yield/close a loop are reported, not removed. An override that sync tests under it
hold as a loop object (see LM202) stays: as a plain fixture it keeps working for them under
pytest-asyncio 1.x, and its scope still becomes the async tests' loop scope; it is reported only when it
does not make a new loop. A plugin module's \`event_loop\` fixture (a module that is neither a conftest
nor a test module) belongs to the plugin's users and is left alone.

## References
- [pytest-asyncio: migrating from 0.21 to 0.23](https://pytest-asyncio.readthedocs.io/en/stable/how-to-guides/migrate_from_0_21.html)
- [pytest-asyncio: configuration](https://pytest-asyncio.readthedocs.io/en/stable/reference/configuration.html)
- [pytest: finding the rootdir and configfile](https://docs.pytest.org/en/stable/reference/customize.html)
`;

export default defineTransform({
  code: 'LM201',
  name: 'event-loop-fixture-override',
  summary: 'a re-implemented pytest-asyncio event_loop fixture',
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.8',
  triggers: [
    ['fixture', 'event_loop', FIXTURES_IMPORTED, /\bevent_loop\b/],
    // The override's loop scope goes onto the async tests and fixtures it covered (project facts).
    ['async', ASYNC_DEF, { facts: 'overridden-loop' }],
  ],
  query: '(function_definition name: (identifier) @name) @def',
  captures: ['def', 'name'],
  check(match, ctx) {
    const def = ctx.capture(match, 'def');
    const name = ctx.capture(match, 'name');
    if (!def || !name) return null;
    const fx = fixtureOf(def, ctx.scopes);
    if (fx?.name === 'event_loop') {
      // A plugin's event_loop fixture (a module that is neither a conftest nor a test module) is its users'.
      if (!ctx.pytest.pytestModule) return null;
      // Sync tests still hold it as a loop object: as a plain fixture it keeps working for them.
      if (ctx.pytest.overrideKept || loopHolder(ctx)) {
        const problem = eventLoopBodyProblem(def) ?? (makesFreshLoop(def) ? null : 'it does not make a new loop (under pytest-asyncio 1.x nothing sets one for `asyncio.get_event_loop()` to return)');
        if (!problem) return null;
        return ctx.finding({
          node: name,
          message: `\`event_loop\` fixture that sync tests still hold as a loop object, so it stays; but ${problem}: make it create a loop with \`asyncio.new_event_loop()\`, yield it and close it`,
        });
      }
      const problem = fx.scope ? eventLoopBodyProblem(def) : 'its scope is not a plain string';
      if (problem) {
        return ctx.finding({
          node: name,
          message: `\`event_loop\` fixture override, which pytest-asyncio 1.x ignores; it cannot be removed automatically because ${problem}. Move the loop customisation into a \`pytest_asyncio_loop_factories\` hook (pytest-asyncio 1.4), give the tests and async fixtures a \`loop_scope\` equal to this fixture's scope, then delete it`,
        });
      }
      const edits = removeStatements(ctx.source, [definitionStatement(def)], [])?.map((e) => absorbBlankLines(ctx.source, e));
      const carried = ctx.pytest.overrideRoute === 'config'
        ? 'its scope goes into the default loop scopes of the pytest config'
        : `its scope goes onto the \`loop_scope\` of the tests and async fixtures it covers`;
      return ctx.finding({
        node: name,
        message: `\`event_loop\` fixture override (scope "${fx.scope}"), which pytest-asyncio 1.x no longer uses; remove it: ${carried}`,
        fix: edits && { safety: 'unsafe', edits },
      });
    }
    const loop = ctx.pytest.loopScope;
    if (!loop) return null;
    const edits = fixtureLoopScopeEdits(def, ctx, loop.scope) ?? testLoopScopeEdits(def, ctx, loop.scope);
    if (!edits) return null;
    return ctx.finding({
      node: name,
      message: `ran in the ${loop.scope}-scoped loop of the \`event_loop\` override at ${loop.from}; pytest-asyncio 1.x needs \`loop_scope="${loop.scope}"\` for that`,
      fix: { safety: 'unsafe', edits },
    });
  },
});
