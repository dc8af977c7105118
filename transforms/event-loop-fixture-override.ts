import path from 'node:path';
import type { FileContext } from '../src/rule-api/context.js';
import type { Node } from '../src/python/parser.js';
import { defineTransform, type ConfigEdit } from '../src/rule-api/transform.js';
import type { Edit } from '../src/common/types.js';
import { definitionStatement } from '../src/python/decorators.js';
import { eventLoopBodyProblem, fixtureOf, makesFreshLoop } from '../src/pytest/fixtures.js';
import { loopHolder } from '../src/pytest/sync-fixtures.js';
import { fixtureLoopScopeEdits, testLoopScopeEdits } from '../src/pytest/markers.js';
import { factoryEntries, loopFactoriesHook, overrideVerdict } from '../src/pytest/loop-factories.js';
import { removeStatements } from '../src/python/statements.js';
import { absorbBlankLines, indentUnit } from '../src/python/text.js';
import type { ProjectFacts } from '../src/common/facts.js';

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

A conftest override that makes its own kind of loop (uvloop, a loop class, an \`if\` choosing between
them on parameter fixtures) becomes a \`pytest_asyncio_loop_factories\` hook (pytest-asyncio 1.4): one
factory per value of the parameter fixtures the loop's making reads, written as a helper that makes the
loop and the hook that names each variant; the parameter fixtures go with the override when nothing else
requests them. Any other body (an event loop policy, executors, a teardown that checks something) is
reported with the manual steps instead.

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
object (a custom loop class, a subclass's attributes) can behave differently. A loop-factories hook runs
the async tests once per factory, but it cannot carry \`loop.set_debug()\` (pytest-asyncio's runner sets
debug mode from its \`asyncio_debug\` option on every loop), a \`gc.collect()\` teardown, or the variants of
a parameter that only fed those: the message names what goes, and those variants are no longer run;
sync tests are not parametrised by the hook. Other overrides whose body does more than create/yield/close
a loop are reported, not removed. An override that sync tests under it
hold as a loop object (see LM202) stays: as a plain fixture it keeps working for them under
pytest-asyncio 1.x, and its scope still becomes the async tests' loop scope; it is reported only when it
does not make a new loop. A plugin module's \`event_loop\` fixture (a module that is neither a conftest
nor a test module) belongs to the plugin's users and is left alone.

## References
- [pytest-asyncio changelog (1.4.0: the loop-factories hook)](https://pytest-asyncio.readthedocs.io/en/stable/reference/changelog.html)
- [pytest-asyncio: migrating from 0.21 to 0.23](https://pytest-asyncio.readthedocs.io/en/stable/how-to-guides/migrate_from_0_21.html)
- [pytest-asyncio: configuration](https://pytest-asyncio.readthedocs.io/en/stable/reference/configuration.html)
- [pytest: finding the rootdir and configfile](https://docs.pytest.org/en/stable/reference/customize.html)
`;

/** The names an annotated loop-factories hook uses, as the conftest refers to them, and the imports they need. */
function hookTypes(ctx: FileContext, at: Node): { names: { loop: string; config: string; item: string; callable: string }; edits: Edit[] } | null {
  const asyncio = ctx.ensureImport('asyncio', undefined, at);
  const pytest = ctx.ensureImport('pytest', undefined, at);
  const callable = ctx.ensureName('collections.abc', 'Callable', at);
  if (!asyncio || !pytest || !callable) return null;
  return {
    names: { loop: `${asyncio.ref}.AbstractEventLoop`, config: `${pytest.ref}.Config`, item: `${pytest.ref}.Item`, callable: callable.ref },
    edits: [...asyncio.edits, ...pytest.edits, ...callable.edits],
  };
}

export default defineTransform({
  code: 'LM201',
  name: 'event-loop-fixture-override',
  summary: 'a re-implemented pytest-asyncio event_loop fixture',
  needs: ['project-facts'],
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.8',
  // The override's loop scope also goes onto the async tests and fixtures it covered (project facts).
  about: [
    { defines: ['event_loop'], fixture: 'any' },
    { asyncDef: true, facts: 'overridden-loop' },
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
      // (Also the fixture LM202 gives a conftest for the sync tests of several modules under it.)
      if (ctx.pytest.overrideKept || ctx.pytest.sharedLoopFixture || loopHolder(ctx)) {
        const problem =
          eventLoopBodyProblem(def, ctx.scopes) ?? (makesFreshLoop(def) ? null : 'it does not make a new loop (under pytest-asyncio 1.x nothing sets one for `asyncio.get_event_loop()` to return)');
        if (!problem) return null;
        return ctx.finding({
          node: name,
          message: `\`event_loop\` fixture that sync tests still hold as a loop object, so it stays; but ${problem}: make it create a loop with \`asyncio.new_event_loop()\`, yield it and close it`,
        });
      }
      const verdict = fx.scope ? overrideVerdict(def, ctx.root, ctx.scopes, ctx.pytest.conftest, eventLoopBodyProblem(def, ctx.scopes)) : { problem: 'its scope is not a plain string', plan: null };
      // The pre-pass saw the whole project: a dimension fixture requested elsewhere keeps the override.
      const problem = verdict.problem ?? (verdict.plan ? ctx.pytest.eventLoopStays?.problem : null) ?? null;
      if (problem) {
        return ctx.finding({
          node: name,
          message: `\`event_loop\` fixture override, which pytest-asyncio 1.x ignores; it cannot be removed automatically because ${problem}. Move the loop customisation into a \`pytest_asyncio_loop_factories\` hook (pytest-asyncio 1.4), give the tests and async fixtures a \`loop_scope\` equal to this fixture's scope, then delete it`,
        });
      }
      // Removing it and carrying its scope are one change: a run that cannot make the second leaves the first.
      if (ctx.pytest.overrideHeld) {
        return ctx.finding({
          node: name,
          message: `\`event_loop\` fixture override (scope "${fx.scope}"), which pytest-asyncio 1.x no longer uses; not removed in this run: ${ctx.pytest.overrideHeld}`,
        });
      }
      const stmt = definitionStatement(def);
      const plan = verdict.plan;
      const removed = plan ? plan.dimensions.map((d) => definitionStatement(d.def)) : [stmt];
      const edits = removeStatements(ctx.source, removed, [])?.map((e) => absorbBlankLines(ctx.source, e));
      if (plan && edits) {
        // An annotated conftest gets an annotated hook (Python 3.9+ for `dict[...]`, which pytest-asyncio 1.x needs anyway).
        const types = ctx.typed() && ctx.targetAllows([3, 9]) && !plan.direct ? hookTypes(ctx, def) : null;
        const hook = loopFactoriesHook(plan, ctx.source, { eol: ctx.eol, unit: indentUnit(ctx.source), literal: (v) => ctx.stringLiteral(v), ...(types ? { types: types.names } : {}) });
        edits.push({ start: stmt.startIndex, end: stmt.endIndex, text: hook }, ...(types?.edits ?? []));
      }
      const carried =
        ctx.pytest.overrideRoute === 'config' ? 'its scope goes into the default loop scopes of the pytest config' : `its scope goes onto the \`loop_scope\` of the tests and async fixtures it covers`;
      if (plan) {
        const ids = factoryEntries(plan).map((e) => e.id);
        const factories = plan.dimensions.some((d) => d.used) ? `one factory per variant (${ids.join(', ')})` : 'one factory';
        const lost = plan.dropped.length ? `; the hook cannot carry ${plan.dropped.join(', ')}` : '';
        return ctx.finding({
          node: name,
          message: `\`event_loop\` fixture override (scope "${fx.scope}") that makes its own loop, which pytest-asyncio 1.x no longer uses: it becomes a \`pytest_asyncio_loop_factories\` hook (pytest-asyncio 1.4) with ${factories}, and ${carried}${lost}`,
          fix: edits && { safety: 'unsafe', edits },
        });
      }
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
  plan: configEdits,
});

/**
 * The config half of removing an override: where it covered every test the config governs, its scope
 * becomes the config's default loop scopes. LM201 is one file rule with this plan attached rather than
 * a file rule and a project rule: removing the override (check(), in the conftest) and carrying its
 * scope (here, in the config) are one change, selected, ignored and explained by one code; the per-file
 * part learns the route from the same facts (`ctx.pytest.overrideRoute`).
 */
function configEdits(facts: ProjectFacts): ConfigEdit[] {
  const edits: ConfigEdit[] = [];
  for (const cfg of Object.values(facts.configs)) {
    // A function-scoped override that stays for sync tests holding its loop carries nothing: function
    // is the default loop scope (and it is what LM202 writes for them, which must not bring edits of its own).
    const root = facts.overrides.find((o) => o.route === 'config' && o.config === cfg.path && o.scope && !o.problem && !(o.keptFor && o.scope === 'function'));
    if (!root?.scope) continue;
    const options: Array<[string, string]> = [
      ['asyncio_default_fixture_loop_scope', root.scope],
      ['asyncio_default_test_loop_scope', root.scope],
    ];
    if (options.every(([k, v]) => cfg.options[k] === v)) continue;
    const where = path.relative(path.dirname(cfg.path), root.file).split(path.sep).join('/');
    edits.push({
      config: cfg.path,
      options,
      message: `the \`event_loop\` fixture in ${where}:${root.line} gave every test and async fixture a ${root.scope}-scoped loop; pytest-asyncio 1.x needs that as \`asyncio_default_fixture_loop_scope\` and \`asyncio_default_test_loop_scope\` = "${root.scope}"`,
      safety: 'unsafe',
    });
  }
  return edits;
}
