import type { FileContext } from '../src/context.js';
import type { Node } from '../src/parser.js';
import { decoratorInsertion, ASYNCIO_MARK } from '../src/pytest/markers.js';
import { findDecorator, isTestFunction } from '../src/pytest/decorators.js';
import { fixtureOf } from '../src/pytest/fixtures.js';
import { enclosingFunction, isAsyncDef } from '../src/python/nodes.js';
import { awaitEdit, keepsOwnEventLoop, loopDrivingFixture, runningLoopAssignment } from '../src/pytest/sync-fixtures.js';
import { findParameter, removeParameter } from '../src/python/params.js';
import { defineTransform } from '../src/transform.js';
import { parameterNamed } from '../src/triggers.js';
import type { Edit } from '../src/types.js';

const docs = `## What it does
Finds tests and fixtures that request the \`event_loop\` fixture, which pytest-asyncio 1.0 removed:
- an async test or fixture loses the parameter; where it used the loop, \`event_loop =
  asyncio.get_running_loop()\` opens its body;
- a sync test that only drives \`event_loop.run_until_complete(...)\` becomes an async test that awaits
  the same awaitables (marked \`@pytest.mark.asyncio\` when the suite runs in strict mode, the default);
- any other use (a sync fixture, other loop methods in a sync test) is reported.

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

/** Identifiers in def's body that refer to the `event_loop` parameter. */
function uses(def: Node, ctx: FileContext): Node[] {
  const body = def.childForFieldName('body');
  if (!body) return [];
  return body.descendantsOfType('identifier').filter((n): n is Node => {
    if (!n || n.text !== 'event_loop') return false;
    const parent = n.parent;
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === n.id) return false;
    if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === n.id) return false;
    return ctx.scopes.lookup('event_loop', n).local;
  });
}

/** The public API of asyncio's event loops (AbstractEventLoop and BaseEventLoop), as of Python 3.14. */
const LOOP_METHODS: ReadonlySet<string> = new Set([
  'run_forever', 'run_until_complete', 'stop', 'is_running', 'is_closed', 'close', 'shutdown_asyncgens',
  'shutdown_default_executor', 'call_soon', 'call_later', 'call_at', 'time', 'create_future', 'create_task',
  'set_task_factory', 'get_task_factory', 'call_soon_threadsafe', 'run_in_executor', 'set_default_executor',
  'getaddrinfo', 'getnameinfo', 'create_connection', 'create_server', 'sendfile', 'start_tls',
  'create_unix_connection', 'create_unix_server', 'connect_accepted_socket', 'create_datagram_endpoint',
  'connect_read_pipe', 'connect_write_pipe', 'subprocess_shell', 'subprocess_exec', 'add_reader',
  'remove_reader', 'add_writer', 'remove_writer', 'sock_recv', 'sock_recv_into', 'sock_recvfrom',
  'sock_recvfrom_into', 'sock_sendall', 'sock_sendto', 'sock_connect', 'sock_accept', 'sock_sendfile',
  'add_signal_handler', 'remove_signal_handler', 'set_exception_handler', 'get_exception_handler',
  'default_exception_handler', 'call_exception_handler', 'get_debug', 'set_debug', 'slow_callback_duration',
]);

/** `event_loop.run_until_complete(x)` → `await x` for every use, or null when some use is anything else. */
function awaitEdits(def: Node, found: Node[]): Edit[] | null {
  const edits: Edit[] = [];
  for (const id of found) {
    const attr = id.parent;
    const call = attr?.parent;
    if (attr?.type !== 'attribute' || attr.childForFieldName('attribute')?.text !== 'run_until_complete' || call?.type !== 'call') return null;
    if (enclosingFunction(call)?.id !== def.id) return null;
    const edit = awaitEdit(call);
    if (!edit) return null;
    edits.push(edit);
  }
  return edits;
}

export default defineTransform({
  code: 'LM202',
  name: 'event-loop-fixture-argument',
  summary: 'a test or fixture requesting the removed event_loop fixture',
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.7',
  triggers: [['event_loop', parameterNamed('event_loop')]],
  query: '(function_definition name: (identifier) @name parameters: (parameters) @params) @def',
  anchors: ['event_loop'],
  captures: ['def', 'name', 'params'],
  check(match, ctx) {
    const def = ctx.capture(match, 'def');
    const name = ctx.capture(match, 'name');
    if (!def || !name) return null;
    const param = findParameter(def, 'event_loop');
    if (!param || param.type !== 'identifier') return null;
    const fx = fixtureOf(def, ctx.scopes);
    if (fx?.name === 'event_loop' || (!fx && !isTestFunction(def)) || keepsOwnEventLoop(ctx)) return null;
    // A sync fixture that runs coroutines on it is LM209's: it becomes an async fixture.
    if (fx && !fx.async && loopDrivingFixture(def, ctx)) return null;
    const removal = removeParameter(param);
    if (!removal) return null;
    const found = uses(def, ctx);
    // A project's own event_loop fixture may hand out a loop class of its own (a fake clock, cleanup
    // checks): the running loop has none of its extra methods.
    const custom = found.map((u) => (u.parent?.type === 'attribute' && u.parent.childForFieldName('object')?.id === u.id ? u.parent.childForFieldName('attribute')?.text : undefined)).find((m) => m !== undefined && !LOOP_METHODS.has(m));
    if (custom) {
      return ctx.finding({
        node: name,
        message: `requests the \`event_loop\` fixture, which pytest-asyncio 1.x removed, and calls \`event_loop.${custom}()\`, which asyncio's loops do not have: the project's own event_loop fixture provides a loop class of its own; provide it through an event_loop_policy fixture or loop factory instead (pytest-asyncio 1.x)`,
      });
    }
    if (isAsyncDef(def)) {
      const assign = found.length ? runningLoopAssignment(def, ctx, 'event_loop') : [];
      return ctx.finding({
        node: name,
        message: `requests the \`event_loop\` fixture, which pytest-asyncio 1.x removed; use \`asyncio.get_running_loop()\` inside the coroutine`,
        fix: assign && { safety: 'safe', edits: [removal, ...assign] },
      });
    }
    const awaits = fx ? null : awaitEdits(def, found);
    if (!awaits) {
      return ctx.finding({
        node: name,
        message: `${fx ? 'sync fixture' : 'sync test'} requests the \`event_loop\` fixture, which pytest-asyncio 1.x removed; make it \`async def\`, await what it ran on the loop and use \`asyncio.get_running_loop()\` for the rest`,
      });
    }
    const edits: Edit[] = [removal, ...awaits];
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
