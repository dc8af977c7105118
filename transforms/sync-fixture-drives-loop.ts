import { defineTransform } from '../src/rule-api/transform.js';
import { loopDrivingFixture } from '../src/pytest/sync-fixtures.js';

const docs = `## What it does
Finds synchronous pytest fixtures that run coroutines on an event loop, with the loop from the removed
\`event_loop\` fixture or from \`asyncio.get_event_loop()\`:

\`\`\`python
@pytest.fixture
def server(event_loop):
    srv = event_loop.run_until_complete(start())
    yield srv
    event_loop.run_until_complete(srv.stop())
\`\`\`

and fixtures that only hand the \`event_loop\` fixture on (an alias such as
\`def loop(event_loop): return event_loop\`, a client built with \`loop=event_loop\`). It makes each an
async fixture that awaits the same awaitables: \`loop.run_until_complete(x)\` becomes
\`await x\`, the \`event_loop\` parameter goes (or the \`get_event_loop()\` line, when nothing else uses the
loop), other uses of the loop get \`asyncio.get_running_loop()\` (an alias fixture returns it, so its sync
and async tests keep using \`loop\` as before: in a sync test it is the loop pytest-asyncio made for
the test, not running, so \`loop.run_until_complete()\` still works), and in strict mode the decorator becomes
\`@pytest_asyncio.fixture\` with its arguments. Fixtures it cannot prove are reported with the reason.

## Why is this bad?
pytest-asyncio 1.x removed the \`event_loop\` fixture (\`fixture 'event_loop' not found\`), and its tests
run in loops of their own: a sync fixture's \`asyncio.get_event_loop()\` is no longer their loop (a
DeprecationWarning on 3.12-3.13, a RuntimeError on 3.14 when none is set), so what it sets up is bound to
another loop ("attached to a different loop"). Turning the setup into \`asyncio.run()\` or an
\`asyncio.Runner\` has the same flaw: each makes a loop of its own, and the teardown would run on yet
another.

## Example
\`\`\`python
@pytest.fixture
def db():
    loop = asyncio.get_event_loop()
    loop.run_until_complete(create_tables())
    yield
    loop.run_until_complete(drop_tables())
\`\`\`

## Use instead
\`\`\`python
@pytest_asyncio.fixture
async def db():
    await create_tables()
    yield
    await drop_tables()
\`\`\`

## Fix safety
Unsafe: the fixture's other code now runs inside the loop (a blocking call there blocks it).
\`asyncio.all_tasks(loop)\` becomes \`asyncio.all_tasks() - {asyncio.current_task()}\`: inside the fixture the
list would include its own task, and awaiting them all would wait forever. Only reported when the
fixture closes, stops or inspects the loop, rebinds it, runs a nested \`run_until_complete\`, calls
\`asyncio.current_task()\` or \`asyncio.all_tasks()\` for another loop, makes or sets loops, uses \`yield from\`
or returns a value from a generator, or is wider-scoped than the loops its tests run in (the async
fixture would live in a loop its tests do not share).

## References
- [pytest-asyncio: migrating from 0.21 to 0.23](https://pytest-asyncio.readthedocs.io/en/stable/how-to-guides/migrate_from_0_21.html)
- [pytest-asyncio: fixtures](https://pytest-asyncio.readthedocs.io/en/stable/reference/fixtures/index.html)
- [pytest-asyncio: change the default fixture loop scope](https://pytest-asyncio.readthedocs.io/en/stable/how-to-guides/change_default_fixture_loop.html)
`;

export default defineTransform({
  code: 'LM209',
  name: 'sync-fixture-drives-loop',
  summary: 'a synchronous fixture running coroutines with run_until_complete()',
  needs: ['project-facts'],
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.7',
  about: [
    { attributes: ['run_until_complete'], fixture: 'any' },
    { parameters: ['event_loop'], fixture: 'any' },
  ],
  query: '(function_definition name: (identifier) @name) @def',
  captures: ['def', 'name'],
  check(match, ctx) {
    const def = ctx.capture(match, 'def');
    const name = ctx.capture(match, 'name');
    if (!def || !name) return null;
    const found = loopDrivingFixture(def, ctx);
    if (!found) return null;
    const stays = found.source === 'event_loop' ? ctx.pytest.eventLoopStays : undefined;
    const what = stays
      ? `sync fixture \`${found.fixture.name}\` ${found.drives ? 'drives' : 'requests'} the project's own \`event_loop\` fixture (${stays.from}), which pytest-asyncio 1.x no longer runs tests in`
      : found.source === 'event_loop'
        ? `sync fixture \`${found.fixture.name}\` ${found.drives ? 'drives' : 'requests'} the \`event_loop\` fixture, which pytest-asyncio 1.x removed`
        : `sync fixture \`${found.fixture.name}\` runs coroutines on \`asyncio.get_event_loop()\`, which is not the loop pytest-asyncio 1.x runs its tests in`;
    const advice = found.drives ? 'make it an async fixture that awaits' : 'make it an async fixture that uses `asyncio.get_running_loop()`';
    if (!found.edits) return ctx.finding({ node: name, message: `${what}; ${advice} (not fixed: ${found.reason})` });
    return ctx.finding({ node: name, message: `${what}; ${advice}`, fix: { safety: 'unsafe', edits: found.edits } });
  },
});
