import { defineTransform } from '../src/rule-api/transform.js';
import { fixtureOf } from '../src/pytest/fixtures.js';

const docs = `## What it does
Reports fixtures that override pytest-asyncio's \`event_loop_policy\` fixture and names the replacement,
the \`pytest_asyncio_loop_factories\` hook of pytest-asyncio 1.4.

## Why is this bad?
pytest-asyncio 1.4 deprecates overriding \`event_loop_policy\` ("Overriding the "event_loop_policy" fixture
is deprecated ... Use the "pytest_asyncio_loop_factories" hook to customize event loop creation."), so
each test using it warns, and fails under \`-W error\`. Python 3.14 deprecates the event loop policy
system itself (removal in 3.16).

## Example
\`\`\`python
# conftest.py
@pytest.fixture(scope="session")
def event_loop_policy():
    return uvloop.EventLoopPolicy()
\`\`\`

## Use instead
\`\`\`python
# conftest.py
def pytest_asyncio_loop_factories(config, item):
    return {"uvloop": uvloop.new_event_loop}
\`\`\`
The hook returns a mapping of names to loop factories (callables returning a new event loop); tests
are parametrised over them, and \`@pytest.mark.asyncio(loop_factories=[...])\` selects some by name.

## Fix safety
Report only: a policy can do more than create loops (child watchers, custom \`get_event_loop\`), and a
parametrised policy fixture becomes several factories; the translation needs a human.

## References
- [pytest-asyncio changelog (1.4.0: the loop-factories hook)](https://pytest-asyncio.readthedocs.io/en/stable/reference/changelog.html)
- [asyncio policies (deprecated in 3.14)](https://docs.python.org/3/library/asyncio-policy.html)
`;

export default defineTransform({
  code: 'LM207',
  name: 'event-loop-policy-fixture',
  summary: 'an event_loop_policy fixture override (pytest-asyncio 1.4)',
  needs: ['project-facts'],
  docs,
  fixAvailability: 'none',
  minPython: '3.7',
  about: { defines: ['event_loop_policy'], fixture: 'any' },
  query: '(function_definition name: (identifier) @name) @def',
  captures: ['def', 'name'],
  check(match, ctx) {
    const def = ctx.capture(match, 'def');
    const name = ctx.capture(match, 'name');
    if (!def || !name || fixtureOf(def, ctx.scopes)?.name !== 'event_loop_policy') return null;
    return ctx.finding({
      node: name,
      message:
        'overriding the `event_loop_policy` fixture is deprecated in pytest-asyncio 1.4; return the loop factory from a `pytest_asyncio_loop_factories(config, item)` hook in conftest.py instead (a mapping of names to callables that create a loop)',
    });
  },
});
