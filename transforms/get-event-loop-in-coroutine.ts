import { defineTransform } from '../src/rule-api/transform.js';
import { argumentCount, inCoroutine, mirrorsComparison } from '../src/python/nodes.js';

const docs = `## What it does
Finds \`asyncio.get_event_loop()\` called inside a coroutine (\`async def\`) and replaces it with
\`asyncio.get_running_loop()\`.

## Why is this bad?
Inside a coroutine a loop is always running, and \`asyncio.get_running_loop()\` says so: it returns that
loop or raises. \`get_event_loop()\` hides the difference between "the running loop" and "some loop the
policy may create"; its implicit-creation branch is deprecated since Python 3.12 and raises
\`RuntimeError\` in Python 3.14. Code that reads the loop this way keeps working by accident and gets
copied into sync code, where it breaks.

## Example
\`\`\`python
import asyncio

async def fetch(executor):
    loop = asyncio.get_event_loop()
    return await loop.run_in_executor(executor, work)
\`\`\`

## Use instead
\`\`\`python
import asyncio

async def fetch(executor):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(executor, work)
\`\`\`

## Fix safety
Safe. A call compared with \`asyncio.get_running_loop()\` on purpose
(\`asyncio.get_event_loop() is asyncio.get_running_loop()\`) is reported without a fix: the rewrite
would make the comparison a tautology. Only calls whose nearest enclosing function is an \`async def\` are changed; a call inside a nested
\`def\`, \`lambda\`, generator expression or class body is left alone, because that code may run
outside the coroutine. The name is resolved through imports (\`import asyncio as aio\`,
\`from asyncio import get_event_loop\`); other objects' \`get_event_loop\` methods are not touched.

## References
- [asyncio.get_running_loop](https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_running_loop)
- [asyncio.get_event_loop](https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_event_loop)
`;

export default defineTransform({
  code: 'LM101',
  name: 'get-event-loop-in-coroutine',
  summary: 'asyncio.get_event_loop() inside a coroutine',
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.7',
  about: { names: ['asyncio.get_event_loop'], elsewhere: { asyncDef: true } },
  query: '(call function: [(identifier) (attribute)] @fn arguments: (argument_list) @args) @call',
  captures: ['call', 'fn', 'args'],
  check(match, ctx) {
    const call = ctx.capture(match, 'call');
    const fn = ctx.capture(match, 'fn');
    if (!call || !fn || ctx.resolve(fn) !== 'asyncio.get_event_loop') return null;
    if (argumentCount(ctx.capture(match, 'args')) !== 0 || !inCoroutine(call)) return null;
    const ref = ctx.ensureImport('asyncio', 'get_running_loop', call);
    const spelled = call.text.length <= 40 && !call.text.includes('\n') ? call.text : 'asyncio.get_event_loop()';
    const message = `\`${spelled}\` inside a coroutine; use \`${ref ? ref.ref : 'asyncio.get_running_loop'}()\``;
    // `get_event_loop() is get_running_loop()` compares the two on purpose: not a tautology to make.
    if (ref && mirrorsComparison(fn, ref.ref)) return ctx.finding({ node: call, message: `${message}; not fixed: the rewrite would make both sides of this comparison the same` });
    return ctx.finding({
      node: call,
      message,
      fix: ref && { safety: 'safe', edits: [{ start: fn.startIndex, end: fn.endIndex, text: ref.ref }, ...ref.edits] },
    });
  },
});
