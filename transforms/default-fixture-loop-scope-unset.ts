import { defineProjectRule } from '../src/rule-api/transform.js';

const docs = `## What it does
When a project uses pytest-asyncio (imports \`pytest_asyncio\`, uses the \`asyncio\` marker, configures
\`asyncio_mode\`, or declares the dependency in \`pyproject.toml\`) and its pytest config does not set
\`asyncio_default_fixture_loop_scope\`, sets it to \`"function"\` in the config file pytest reads, found as
pytest finds it (\`pytest.toml\`, \`pytest.ini\`, \`pyproject.toml\`, \`tox.ini\`, \`setup.cfg\`). A
\`[tool.pytest.ini_options]\` (or \`[pytest]\`) section is added only when the file has none; comments, order
and style are kept. When LM201 carries a removed \`event_loop\` override's scope into the config, that
scope is used instead. This is a project-level rule: its findings point at the config file.

## Why is this bad?
pytest-asyncio 0.24+ emits a PytestDeprecationWarning at startup while the option is unset ("The
configuration option "asyncio_default_fixture_loop_scope" is unset"). pytest 9 does not show it (it is
raised while pytest configures itself, before \`filterwarnings\` applies), so suites run on unaware;
under \`python -W error -m pytest\` it is an INTERNALERROR. Meanwhile the loop an async fixture runs in
depends on the option: unset, it follows the fixture's caching scope; a future release will make
\`function\` the default, moving wide fixtures into narrower loops than their tests expect.

## Example
\`\`\`toml
[tool.pytest.ini_options]
testpaths = ["tests"]
\`\`\`

## Use instead
\`\`\`toml
[tool.pytest.ini_options]
testpaths = ["tests"]
asyncio_default_fixture_loop_scope = "function"
\`\`\`

## Fix safety
Safe: \`function\` is the scope pytest-asyncio already uses for fixtures that do not say otherwise,
except for async fixtures wider than a function, which LM204 gives a matching \`loop_scope\` in the same
run.

## References
- [pytest-asyncio: configuration](https://pytest-asyncio.readthedocs.io/en/stable/reference/configuration.html)
- [pytest: configuration file formats](https://docs.pytest.org/en/stable/reference/customize.html)
`;

export default defineProjectRule({
  code: 'LM205',
  name: 'default-fixture-loop-scope-unset',
  summary: 'pytest-asyncio in use and asyncio_default_fixture_loop_scope unset',
  docs,
  fixAvailability: 'always',
  minPython: '3.7',
  // A default: where LM201 carries an override's scope into the same config, that edit wins.
  plan: (facts) =>
    Object.values(facts.configs)
      .filter((cfg) => facts.asyncioProjects.includes(cfg.path) && !cfg.options.asyncio_default_fixture_loop_scope)
      .map((cfg) => ({
        config: cfg.path,
        options: [['asyncio_default_fixture_loop_scope', 'function']],
        message:
          'pytest-asyncio is used but `asyncio_default_fixture_loop_scope` is unset: pytest-asyncio warns at startup (hidden by pytest 9, an INTERNALERROR under `python -W error`) and a later release changes the loop async fixtures run in; set it to "function"',
        safety: 'safe',
        fallback: true,
      })),
});
