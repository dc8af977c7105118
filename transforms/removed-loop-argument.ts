import type { FileContext } from '../src/rule-api/context.js';
import type { Node } from '../src/python/parser.js';
import { defineTransform } from '../src/rule-api/transform.js';
import { lastNames } from '../src/python/names.js';
import { argumentCount } from '../src/python/nodes.js';
import { runsInCoroutine } from '../src/python/coroutines.js';
import { removeArgument } from '../src/python/arguments.js';
import { isSideEffectFree } from '../src/python/purity.js';

const docs = `## What it does
Drops the \`loop=\` argument from the asyncio functions and classes that lost it in Python 3.10:
\`sleep\`, \`gather\`, \`shield\`, \`wait_for\`, \`wait\`, \`as_completed\`, \`Queue\`, \`LifoQueue\`,
\`PriorityQueue\`, \`Lock\`, \`Event\`, \`Condition\`, \`Semaphore\`, \`BoundedSemaphore\`,
\`open_connection\`, \`start_server\`, \`open_unix_connection\`, \`start_unix_server\`,
\`create_subprocess_exec\` and \`create_subprocess_shell\`.

## Why is this bad?
Since Python 3.10 these calls raise \`TypeError: ... got an unexpected keyword argument 'loop'\`. They
use the running loop instead; the queues, locks and events bind to the loop that first uses them.

## Example
\`\`\`python
import asyncio

async def worker(loop):
    lock = asyncio.Lock(loop=loop)
    async with lock:
        await asyncio.sleep(1, loop=loop)
\`\`\`

## Use instead
\`\`\`python
import asyncio

async def worker(loop):
    lock = asyncio.Lock()
    async with lock:
        await asyncio.sleep(1)
\`\`\`

## Fix safety
Safe inside an \`async def\` (or an \`@asyncio.coroutine\` generator): there the running loop is the
one the argument named (passing any other loop was an error already). Unsafe elsewhere, e.g. a \`Queue(loop=loop)\` made in \`__init__\`: without
the argument, the object binds to the loop that first uses it, which may not be the loop the code
meant. When the argument does more than name a loop (a call such as \`make_loop()\`, a subscript),
dropping it would drop that work too, so the call is reported without a fix;
\`asyncio.get_event_loop()\` and \`asyncio.get_running_loop()\` count as naming a loop. Names are
resolved through imports: a \`loop=\` passed to anything that is not one of the asyncio callables
above (\`ensure_future\`, \`run_coroutine_threadsafe\`, \`Future\`, \`Task\`, loop methods, your own
\`sleep\`) is left alone.

## References
- [What's new in Python 3.10: removed loop parameters](https://docs.python.org/3/whatsnew/3.10.html#removed)
- [bpo-42392](https://bugs.python.org/issue42392)
`;

const LOOP_FREE = new Set(
  [
    'sleep',
    'gather',
    'shield',
    'wait_for',
    'wait',
    'as_completed',
    'Queue',
    'LifoQueue',
    'PriorityQueue',
    'Lock',
    'Event',
    'Condition',
    'Semaphore',
    'BoundedSemaphore',
    'open_connection',
    'start_server',
    'open_unix_connection',
    'start_unix_server',
    'create_subprocess_exec',
    'create_subprocess_shell',
  ].map((n) => `asyncio.${n}`),
);

/** Callees worth resolving: the APIs' own names, and `__init__` (`Queue.__init__(self, loop=...)`, `super().__init__`). */
const LOOP_FREE_NAMES = [...lastNames(LOOP_FREE), '__init__'];

const LOOP_GETTERS = new Set(['asyncio.get_event_loop', 'asyncio.get_running_loop']);

export default defineTransform({
  code: 'LM106',
  name: 'removed-loop-argument',
  summary: '`loop=` passed to an asyncio API that no longer takes it',
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.5',
  // `__init__`: `Queue.__init__(self, loop=...)`, `super().__init__(loop=...)` in their subclasses.
  about: [
    { names: [...LOOP_FREE], keywords: ['loop'] },
    { attributes: ['__init__'], keywords: ['loop'], elsewhere: { names: [...LOOP_FREE] } },
  ],
  query: `(call
    function: [(identifier) (attribute)] @fn
    arguments: (argument_list (keyword_argument name: (identifier) @kw (#eq? @kw "loop")) @arg) @args) @call`,
  captures: ['call', 'fn', 'args', 'arg'],
  check(match, ctx) {
    const call = ctx.capture(match, 'call');
    const fn = ctx.capture(match, 'fn');
    const args = ctx.capture(match, 'args');
    const arg = ctx.capture(match, 'arg');
    if (!call || !fn || !args || !arg || !ctx.mayCall(fn, LOOP_FREE_NAMES)) return null;
    const api = loopFreeTarget(ctx, fn);
    if (!api) return null;
    const value = arg.childForFieldName('value');
    const what = `\`${api}()\` no longer takes \`loop=\` (removed in Python 3.10, a TypeError now)`;
    const pure = value !== null && isSideEffectFree(value, (c) => LOOP_GETTERS.has(ctx.resolve(c.childForFieldName('function')) ?? '') && argumentCount(c.childForFieldName('arguments')) === 0);
    if (!pure) {
      return ctx.finding({ node: arg, message: `${what}; the argument does more than name a loop, so move that work out of the call and drop \`loop=\`` });
    }
    const safe = runsInCoroutine(ctx.scopes, call);
    return ctx.finding({
      node: arg,
      message: `${what}; drop the argument${safe ? '' : ' (outside a coroutine: check that the loop that first uses it is the one meant)'}`,
      fix: { safety: safe ? 'safe' : 'unsafe', edits: removeArgument(ctx.source, args, arg) },
    });
  },
});

/**
 * The asyncio callable a call reaches: directly, through \`Queue.__init__(self, ...)\`, or through
 * \`super().__init__(...)\` in a subclass of one of the classes.
 */
function loopFreeTarget(ctx: FileContext, fn: Node): string | null {
  const direct = ctx.resolve(fn)?.replace(/\.__init__$/, '');
  if (direct && LOOP_FREE.has(direct)) return direct;
  if (fn.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== '__init__') return null;
  const obj = fn.childForFieldName('object');
  if (obj?.type !== 'call' || obj.childForFieldName('function')?.text !== 'super') return null;
  let cls: Node | null = fn.parent;
  while (cls && cls.type !== 'class_definition') cls = cls.parent;
  const bases = cls?.childForFieldName('superclasses')?.namedChildren ?? [];
  for (const base of bases) {
    const name = base && (base.type === 'identifier' || base.type === 'attribute') ? ctx.resolve(base) : null;
    if (name && LOOP_FREE.has(name)) return name;
  }
  return null;
}
