import { isNameReference } from '../src/python/nodes.js';
import { defineTransform } from '../src/transform.js';
import { api } from '../src/triggers.js';

const docs = `## What it does
Replaces \`asyncio.iscoroutinefunction\` (also imported with \`from asyncio import iscoroutinefunction\`)
with \`inspect.iscoroutinefunction\`, adding \`import inspect\` when needed.

## Why is this bad?
\`asyncio.iscoroutinefunction\` is deprecated since Python 3.14 (\`DeprecationWarning:
'asyncio.iscoroutinefunction' is deprecated and slated for removal in Python 3.16; use
inspect.iscoroutinefunction() instead\`). Its only extra was recognising \`@asyncio.coroutine\`
functions, which no longer exist.

## Example
\`\`\`python
import asyncio

def run_callback(callback):
    if asyncio.iscoroutinefunction(callback):
        return asyncio.run(callback())
    return callback()
\`\`\`

## Use instead
\`\`\`python
import asyncio
import inspect

def run_callback(callback):
    if inspect.iscoroutinefunction(callback):
        return asyncio.run(callback())
    return callback()
\`\`\`

## Fix safety
Safe. From Python 3.10 on, both functions answer alike for \`async def\` functions, methods,
\`functools.partial\` objects and \`unittest.mock.AsyncMock\`; they differ only for
\`@asyncio.coroutine\` generators (removed in Python 3.11, see LM107). Before 3.10
\`inspect.iscoroutinefunction(AsyncMock())\` is \`False\`, so the fix needs a target of py310 or newer.
When the name \`inspect\` means something else at that place, the finding has no fix.

## References
- [inspect.iscoroutinefunction](https://docs.python.org/3/library/inspect.html#inspect.iscoroutinefunction)
- [What's new in Python 3.14: deprecated asyncio.iscoroutinefunction](https://docs.python.org/3/whatsnew/3.14.html#deprecated)
`;

export default defineTransform({
  code: 'LM111',
  name: 'asyncio-iscoroutinefunction',
  summary: '`asyncio.iscoroutinefunction`; use `inspect.iscoroutinefunction`',
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.10',
  triggers: api('asyncio.iscoroutinefunction'),
  query: `((attribute attribute: (identifier) @name (#eq? @name "iscoroutinefunction")) @ref)
    ((identifier) @ref (#eq? @ref "iscoroutinefunction"))`,
  anchors: ['iscoroutinefunction'],
  captures: ['ref'],
  check(match, ctx) {
    const ref = ctx.capture(match, 'ref');
    if (!ref || (ref.type === 'identifier' && !isNameReference(ref))) return null;
    if (ctx.resolve(ref) !== 'asyncio.iscoroutinefunction') return null;
    const replacement = ctx.ensureImport('inspect', 'iscoroutinefunction', ref);
    return ctx.finding({
      node: ref,
      message: '`asyncio.iscoroutinefunction` is deprecated since Python 3.14; use `inspect.iscoroutinefunction`',
      fix: replacement && { safety: 'safe', edits: [{ start: ref.startIndex, end: ref.endIndex, text: replacement.ref }, ...replacement.edits] },
    });
  },
});
