import type { Node } from '../src/python/parser.js';
import { firstPositional, keywordArgument } from '../src/python/arguments.js';
import { classifyCall, runsInCoroutine, type CallKind } from '../src/python/coroutines.js';
import { defineTransform } from '../src/rule-api/transform.js';
import type { Edit } from '../src/common/types.js';

const docs = `## What it does
Finds \`asyncio.wait()\` given coroutines (a list, set or tuple of calls, or a comprehension or generator
expression of them) and wraps each call in \`asyncio.create_task()\`.

## Why is this bad?
\`asyncio.wait()\` wraps coroutines into tasks behind the caller's back, so \`coro in done\` is never
true. Passing them was deprecated in Python 3.8 and raises \`TypeError: Passing coroutines is forbidden,
use tasks explicitly.\` since 3.11.

## Example
\`\`\`python
import asyncio

async def main(urls):
    done, pending = await asyncio.wait([fetch(u) for u in urls], timeout=10)
\`\`\`

## Use instead
\`\`\`python
import asyncio

async def main(urls):
    done, pending = await asyncio.wait([asyncio.create_task(fetch(u)) for u in urls], timeout=10)
\`\`\`

## Fix safety
Safe inside an \`async def\` (or an \`@asyncio.coroutine\` generator) when every wrapped call is
known to return a coroutine: a call of an \`async def\` (or \`@asyncio.coroutine\` function) of the
same module or, through \`self\`, of the same class, or an asyncio coroutine function such as
\`asyncio.sleep\`. Unsafe when a call's target is defined elsewhere: \`create_task()\` raises
\`TypeError\` if it returns a future instead of a coroutine. Calls known to return futures or tasks
(\`asyncio.ensure_future\`, \`loop.create_task\`, \`loop.run_in_executor\`, \`asyncio.gather\`, ...)
and names are left as they are. Outside an \`async def\` there is no running loop to create tasks
on, so the call is reported without a fix: move it into a coroutine.

## References
- [asyncio.wait](https://docs.python.org/3/library/asyncio-task.html#asyncio.wait)
- [What's new in Python 3.11: asyncio.wait no longer accepts coroutines](https://docs.python.org/3/whatsnew/3.11.html#removed)
`;

const CONTAINERS = new Set(['list', 'set', 'tuple']);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'generator_expression']);

export default defineTransform({
  code: 'LM109',
  name: 'wait-bare-coroutines',
  summary: 'coroutines passed to `asyncio.wait()`; create the tasks explicitly',
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.7',
  about: { names: ['asyncio.wait'] },
  query: '(call function: [(identifier) (attribute)] @fn arguments: [(argument_list) (generator_expression)] @args) @call',
  captures: ['call', 'fn', 'args'],
  check(match, ctx) {
    const call = ctx.capture(match, 'call');
    const fn = ctx.capture(match, 'fn');
    const args = ctx.capture(match, 'args');
    if (!call || !fn || !args || ctx.resolve(fn) !== 'asyncio.wait') return null;
    const fs = args.type === 'generator_expression' ? args : (firstPositional(args) ?? keywordArgument(args, 'fs')?.childForFieldName('value') ?? null);
    if (!fs) return null;
    const calls = coroutineCandidates(fs)
      .map((node) => ({ node, kind: classifyCall(ctx.scopes, node) }))
      .filter((c): c is { node: Node; kind: Exclude<CallKind, 'future'> } => c.kind !== 'future');
    if (calls.length === 0) return null;
    const message = 'passing coroutines to `asyncio.wait()` is a TypeError since Python 3.11';
    if (!runsInCoroutine(ctx.scopes, call)) {
      return ctx.finding({ node: fs, message: `${message}; create the tasks with \`asyncio.create_task()\` inside a coroutine` });
    }
    const ref = ctx.ensureImport('asyncio', 'create_task', call);
    if (!ref) return ctx.finding({ node: fs, message: `${message}; wrap each in \`asyncio.create_task()\`` });
    const edits: Edit[] = [...ref.edits];
    for (const c of calls) {
      edits.push({ start: c.node.startIndex, end: c.node.startIndex, text: `${ref.ref}(` }, { start: c.node.endIndex, end: c.node.endIndex, text: ')' });
    }
    const proven = calls.every((c) => c.kind === 'coroutine');
    return ctx.finding({
      node: fs,
      message: `${message}; wrap each in \`${ref.ref}()\`${proven ? '' : ' (check that the calls return coroutines, not futures)'}`,
      fix: { safety: proven ? 'safe' : 'unsafe', edits },
    });
  },
});

/** The calls in a container literal or the element of a comprehension over `fs`. */
function coroutineCandidates(fs: Node): Node[] {
  let elements: Node[] = [];
  if (CONTAINERS.has(fs.type)) elements = fs.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  else if (COMPREHENSIONS.has(fs.type)) {
    const body = fs.childForFieldName('body');
    if (body) elements = [body];
  }
  return elements.filter((e) => e.type === 'call');
}
