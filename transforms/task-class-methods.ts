import { defineTransform } from '../src/rule-api/transform.js';

const docs = `## What it does
Replaces the class methods \`asyncio.Task.all_tasks()\` and \`asyncio.Task.current_task()\` with the
module functions \`asyncio.all_tasks()\` and \`asyncio.current_task()\`, keeping any \`loop\` argument.

## Why is this bad?
The class methods were deprecated in Python 3.7 and removed in 3.9:
\`AttributeError: type object '_asyncio.Task' has no attribute 'all_tasks'\`.

## Example
\`\`\`python
import asyncio

async def shutdown():
    for task in asyncio.Task.all_tasks():
        if task is not asyncio.Task.current_task():
            task.cancel()
\`\`\`

## Use instead
\`\`\`python
import asyncio

async def shutdown():
    for task in asyncio.all_tasks():
        if task is not asyncio.current_task():
            task.cancel()
\`\`\`

## Fix safety
Unsafe. The functions are not exact replacements: \`asyncio.all_tasks()\` returns only the tasks that
are not done yet (the class method returned finished ones too), and without a \`loop\` argument both
functions need a running loop (\`RuntimeError: no running event loop\`), where the class methods fell
back to \`get_event_loop()\` and \`current_task()\` returned \`None\`. Code that runs outside a
coroutine must pass the loop.

## References
- [asyncio.all_tasks](https://docs.python.org/3/library/asyncio-task.html#asyncio.all_tasks)
- [What's new in Python 3.9: removed Task methods](https://docs.python.org/3/whatsnew/3.9.html#removed)
`;

export default defineTransform({
  code: 'LM108',
  name: 'task-class-methods',
  summary: '`asyncio.Task.all_tasks()` / `Task.current_task()`; use the module functions',
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.7',
  about: { names: ['asyncio.Task.all_tasks', 'asyncio.Task.current_task'] },
  query: `(call
    function: (attribute attribute: (identifier) @method (#match? @method "^(all_tasks|current_task)$")) @fn) @call`,
  captures: ['call', 'fn', 'method'],
  check(match, ctx) {
    const call = ctx.capture(match, 'call');
    const fn = ctx.capture(match, 'fn');
    const method = ctx.capture(match, 'method');
    if (!call || !fn || !method || ctx.resolve(fn) !== `asyncio.Task.${method.text}`) return null;
    const ref = ctx.ensureImport('asyncio', method.text, call);
    return ctx.finding({
      node: call,
      message: `\`Task.${method.text}()\` was removed in Python 3.9; use \`asyncio.${method.text}()\`, which needs a running loop (or a \`loop\` argument)${method.text === 'all_tasks' ? ' and returns only unfinished tasks' : ''}`,
      fix: ref && { safety: 'unsafe', edits: [{ start: fn.startIndex, end: fn.endIndex, text: ref.ref }, ...ref.edits] },
    });
  },
});
