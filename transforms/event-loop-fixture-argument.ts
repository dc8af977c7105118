import type { FileContext } from '../src/rule-api/context.js';
import type { Node } from '../src/python/parser.js';
import { decoratorInsertion, ASYNCIO_MARK } from '../src/pytest/markers.js';
import { findDecorator, isTestFunction } from '../src/pytest/decorators.js';
import { customLoopMethod, eventLoopUses, fixtureOf, syncLoopUse } from '../src/pytest/fixtures.js';
import { isAsyncDef } from '../src/python/nodes.js';
import { awaitEdit, definesEventLoop, keepsOwnEventLoop, loopDrivingFixture, loopHolder, runningLoopParameterEdits } from '../src/pytest/sync-fixtures.js';
import { findParameter, isFixtureRequest, removeParameter } from '../src/python/params.js';
import { indentUnit } from '../src/python/text.js';
import { defineTransform } from '../src/rule-api/transform.js';
import type { Edit } from '../src/common/types.js';

const docs = `## What it does
Finds tests and fixtures that request the \`event_loop\` fixture, which pytest-asyncio 1.0 removed:
- an async test or fixture loses the parameter; where it used the loop, \`event_loop =
  asyncio.get_running_loop()\` opens its body;
- a sync test that only drives \`event_loop.run_until_complete(...)\` becomes an async test that awaits
  the same awaitables (marked \`@pytest.mark.asyncio\` when the suite runs in strict mode, the default);
- a sync test that holds the loop as an object (hands it to a class, schedules callbacks on it) without
  awaiting anything keeps doing so: the module gets an \`event_loop\` fixture that makes a new loop per
  test and closes it, as pytest-asyncio's did (unless the project's own \`event_loop\` fixture is in
  reach: LM201 keeps that one for such tests, and a plugin module's is reported); when such tests are
  in two or more modules below one \`conftest.py\`, that conftest gets the fixture once instead;
- sync fixtures are LM209's; a loop class of the project's own (methods asyncio's loops lack) is reported.

## Why is this bad?
With pytest-asyncio 1.x the test errors at setup with \`fixture 'event_loop' not found\`. Since 0.23
requesting it from async code was deprecated: in a coroutine the running loop is the one to use.

## Example
\`\`\`python
def test_fetch(event_loop):
    assert event_loop.run_until_complete(fetch()) == 1

async def test_later(event_loop):
    event_loop.call_soon(ping)
\`\`\`

## Use instead
\`\`\`python
@pytest.mark.asyncio
async def test_fetch():
    assert await fetch() == 1

async def test_later():
    event_loop = asyncio.get_running_loop()
    event_loop.call_soon(ping)
\`\`\`

## Fix safety
Safe for async tests and fixtures: inside them the running loop is the loop pytest-asyncio runs them
in. Unsafe for a sync test turned async: its code now runs inside a running loop (a nested
\`asyncio.run()\` or a blocking call there behaves differently).

## References
- [pytest-asyncio: migrating from 0.21 to 0.23](https://pytest-asyncio.readthedocs.io/en/stable/how-to-guides/migrate_from_0_21.html)
- [pytest-asyncio 1.0 changelog](https://pytest-asyncio.readthedocs.io/en/stable/reference/changelog.html)
`;

export default defineTransform({
  code: 'LM202',
  name: 'event-loop-fixture-argument',
  summary: 'a test or fixture requesting the removed event_loop fixture',
  needs: ['project-facts', 'plugin-fixtures'],
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.7',
  about: [{ parameters: ['event_loop'] }, { facts: 'shared-loop-fixture' }],
  query: '(function_definition name: (identifier) @name parameters: (parameters) @params) @def\n(module) @module',
  captures: ['def', 'name', 'params', 'module'],
  check(match, ctx) {
    const module = ctx.capture(match, 'module');
    if (module) return sharedLoopFixtureFinding(module, ctx);
    const def = ctx.capture(match, 'def');
    const name = ctx.capture(match, 'name');
    if (!def || !name) return null;
    const param = findParameter(def, 'event_loop');
    if (!param || !isFixtureRequest(param)) return null;
    const fx = fixtureOf(def, ctx.scopes);
    if (fx?.name === 'event_loop' || (!fx && !isTestFunction(def)) || keepsOwnEventLoop(ctx)) return null;
    // A sync fixture that runs coroutines on it is LM209's: it becomes an async fixture.
    if (fx && !fx.async && loopDrivingFixture(def, ctx)) return null;
    const found = eventLoopUses(def, ctx.scopes);
    // A project's own event_loop fixture may hand out a loop class of its own (a fake clock, cleanup
    // checks): the running loop has none of its extra methods.
    const custom = customLoopMethod(found);
    if (custom) {
      return ctx.finding({
        node: name,
        message: `requests the \`event_loop\` fixture, which pytest-asyncio 1.x removed, and calls \`event_loop.${custom}()\`, which asyncio's loops do not have: the project's own event_loop fixture provides a loop class of its own; provide it through an event_loop_policy fixture or loop factory instead (pytest-asyncio 1.x)`,
      });
    }
    // The project's own event_loop fixture stays (LM201 cannot remove it): sync code keeps getting it as
    // before; an async test that uses it would lose what it provides (parameters, a loop class).
    const stays = ctx.pytest.eventLoopStays;
    if (stays && (!isAsyncDef(def) || found.length > 0)) {
      if (!isAsyncDef(def)) return null;
      return ctx.finding({
        node: name,
        message: `requests \`event_loop\`, the project's own fixture at ${stays.from}, which LM201 leaves because ${stays.problem}; pytest-asyncio 1.x no longer runs tests in it: move what it does into a \`pytest_asyncio_loop_factories\` hook (pytest-asyncio 1.4), then drop the argument`,
      });
    }
    if (isAsyncDef(def)) {
      const edits = runningLoopParameterEdits(def, param, found, ctx, 'event_loop');
      return ctx.finding({
        node: name,
        message: `requests the \`event_loop\` fixture, which pytest-asyncio 1.x removed; use \`asyncio.get_running_loop()\` inside the coroutine`,
        fix: edits && { safety: 'safe', edits },
      });
    }
    // A sync test: it only drives `event_loop.run_until_complete(x)` (it becomes async and awaits), or
    // it holds the loop as an object (a loop class of its own was reported above).
    const use = fx ? null : syncLoopUse(def, found);
    if (use === 'object') return objectUseFinding(name, ctx);
    const removal = removeParameter(param);
    const awaits = use === 'drives' ? found.map((id) => (id.parent?.parent ? awaitEdit(id.parent.parent, ctx.source) : null)) : null;
    if (!removal || !awaits || awaits.includes(null)) {
      return ctx.finding({
        node: name,
        message: `${fx ? 'sync fixture' : 'sync test'} requests the \`event_loop\` fixture, which pytest-asyncio 1.x removed; make it \`async def\`, await what it ran on the loop and use \`asyncio.get_running_loop()\` for the rest`,
      });
    }
    const edits: Edit[] = [removal, ...(awaits as Edit[])];
    let prefix = 'async ';
    if (ctx.pytest.mode === 'strict' && !findDecorator(def, ctx.scopes, ASYNCIO_MARK)) {
      const ref = ctx.ensureImport('pytest', undefined, def);
      if (!ref) return ctx.finding({ node: name, message: 'sync test requests the removed `event_loop` fixture; make it an async test marked `@pytest.mark.asyncio`' });
      const mark = decoratorInsertion(def, ctx, `${ref.ref}.mark.asyncio`);
      // Two insertions at one offset would conflict: an undecorated def takes the marker and `async` in one.
      if (mark.start === def.startIndex) prefix = mark.text + prefix;
      else edits.push(mark);
      edits.push(...ref.edits);
    }
    edits.push({ start: def.startIndex, end: def.startIndex, text: prefix });
    return ctx.finding({
      node: name,
      message: 'sync test drives the `event_loop` fixture, which pytest-asyncio 1.x removed; make it an async test that awaits instead',
      fix: { safety: 'unsafe', edits },
    });
  },
});

/**
 * A sync test that holds the loop as an object (passes it on, calls its methods) without awaiting
 * anything: turning it async would change what it tests. With an `event_loop` fixture of the project's
 * own still in reach (an override LM201 keeps for such tests) nothing changes; with none, the module
 * gets one that makes a new loop per test, as pytest-asyncio's did.
 */
function objectUseFinding(name: Node, ctx: FileContext) {
  // The project's own event_loop fixture in reach stays for such tests (LM201 keeps it, and reports it if it needs work).
  if (ctx.pytest.eventLoopFixture || definesEventLoop(ctx)) return null;
  const what = 'sync test uses the `event_loop` fixture, which pytest-asyncio 1.x removed, as a loop object without awaiting anything';
  const plugin = ctx.pytest.pluginEventLoop;
  if (plugin)
    return ctx.finding({
      node: name,
      message: `${what}; the project's plugin module ${plugin} defines an \`event_loop\` fixture: if this test gets it from there, nothing is needed; otherwise give the module a fixture that makes a new loop per test and closes it`,
    });
  const edits = freshLoopFixture(ctx);
  return ctx.finding({
    node: name,
    message: `${what}; ${edits ? 'give the module' : 'give it'} an \`event_loop\` fixture that makes a new loop per test and closes it, as pytest-asyncio's did`,
    fix: edits && { safety: 'unsafe', edits },
  });
}

/**
 * The conftest.py the project facts chose: sync tests of several modules under it hold `event_loop`
 * as an object, and it gets the one fixture that makes a new loop per test for all of them.
 */
function sharedLoopFixtureFinding(module: Node, ctx: FileContext) {
  const holders = ctx.pytest.sharedLoopFixture;
  if (!holders || !ctx.pytest.conftest) return null;
  if (ctx.scopes.module.others.has('event_loop') || ctx.scopes.module.imports.has('event_loop')) return null;
  const last = [...module.namedChildren].reverse().find((c): c is Node => c !== null && c.type !== 'comment') ?? null;
  const edits = loopFixtureText(ctx, null, last ?? module);
  const first = module.namedChildren.find((c): c is Node => c !== null && c.type !== 'comment') ?? module;
  return ctx.finding({
    node: first,
    message: `sync tests in ${holders.join(', ')} use the \`event_loop\` fixture, which pytest-asyncio 1.x removed, as a loop object without awaiting anything; give them one \`event_loop\` fixture here that makes a new loop per test and closes it, as pytest-asyncio's did`,
    fix: edits && { safety: 'unsafe', edits },
  });
}

/** The module's own `event_loop` fixture, placed before the first sync test that needs it (one insertion, shared by their fixes). */
function freshLoopFixture(ctx: FileContext): Edit[] | null {
  return ctx.memo('LM202:fresh-loop-fixture', () => {
    if (ctx.scopes.module.others.has('event_loop') || ctx.scopes.module.imports.has('event_loop')) return null;
    const first = loopHolder(ctx);
    let top: Node | null = first ?? null;
    while (top && top.parent && top.parent.type !== 'module') top = top.parent;
    if (!top || !first) return null;
    return loopFixtureText(ctx, top, first);
  });
}

/**
 * The `event_loop` fixture (and the imports it needs): inserted before `before` (a top-level
 * statement), or at the end of the module when it is null; `at` is where the names must resolve.
 */
function loopFixtureText(ctx: FileContext, top: Node | null, first: Node): Edit[] | null {
  const pytest = ctx.ensureImport('pytest', undefined, first);
  const asyncio = ctx.ensureImport('asyncio', undefined, first);
  if (!pytest || !asyncio) return null;
  const unit = indentUnit(ctx.source);
  // A module whose functions are annotated gets an annotated fixture (mypy's disallow_untyped_defs).
  const iterator = ctx.typed() ? ctx.ensureName(ctx.targetAllows([3, 9]) ? 'collections.abc' : 'typing', 'Iterator', first) : null;
  const lines = [
    `@${pytest.ref}.fixture`,
    iterator ? `def event_loop() -> ${iterator.ref}[${asyncio.ref}.AbstractEventLoop]:` : 'def event_loop():',
    `${unit}"""A new loop for each sync test that holds one; pytest-asyncio 1.x has none."""`,
    `${unit}loop = ${asyncio.ref}.new_event_loop()`,
    `${unit}yield loop`,
    `${unit}loop.close()`,
  ];
  const imports = [...pytest.edits, ...asyncio.edits, ...(iterator?.edits ?? [])];
  if (top) return [{ start: top.startIndex, end: top.startIndex, text: [...lines, '', '', ''].join(ctx.eol) }, ...imports];
  // At the end of the module, two blank lines after what is there (none in an empty file).
  const body = ctx.source.replace(/\s+$/, '');
  const end = body.length;
  const text = (end === 0 ? '' : ctx.eol + ctx.eol + ctx.eol) + lines.join(ctx.eol) + ctx.eol;
  return [{ start: end, end: ctx.source.length, text }, ...imports];
}
