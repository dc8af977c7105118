import type { FileContext } from '../src/rule-api/context.js';
import type { Node } from '../src/python/parser.js';
import { awaitText } from '../src/python/generators.js';
import { enclosingDef, insideClass } from '../src/python/nodes.js';
import { argumentItems } from '../src/python/arguments.js';
import { defineTransform } from '../src/rule-api/transform.js';

const docs = `## What it does
In a Jupyter notebook's code cell, replaces \`asyncio.run(x)\` and \`loop.run_until_complete(x)\` at the
cell's top level with \`await x\`. \`loop\` is \`asyncio.get_event_loop()\`, or a name only ever bound to it.

## Why is this bad?
IPython runs a notebook's cells on an event loop that is already running. \`asyncio.run()\` refuses to
start a second one (\`RuntimeError: asyncio.run() cannot be called from a running event loop\`), and
\`run_until_complete()\` on the running loop raises \`RuntimeError: This event loop is already running\`.
IPython (7 and later) awaits at the top level of a cell instead: \`await x\` runs \`x\` on its loop.

## Example
\`\`\`python
# a notebook cell
import asyncio

async def fetch():
    await asyncio.sleep(0)
    return 42

asyncio.run(fetch())
\`\`\`

## Use instead
\`\`\`python
# a notebook cell
import asyncio

async def fetch():
    await asyncio.sleep(0)
    return 42

await fetch()
\`\`\`

## Fix safety
Safe: the replaced call raises in every IPython kernel, and \`await\` at a cell's top level is what
IPython runs there. Only \`.ipynb\` files are concerned: a \`# %%\` script may also run as plain Python,
where a top-level \`await\` is a syntax error. Calls inside a \`def\` are left alone (the function may
run anywhere), as are \`asyncio.run(x, debug=True)\` and other calls with more arguments, and
\`run_until_complete\` on a loop the notebook created itself (\`asyncio.new_event_loop()\`).

## References
- [IPython: asynchronous in REPL, autoawait](https://ipython.readthedocs.io/en/stable/interactive/autoawait.html)
- [asyncio.run](https://docs.python.org/3/library/asyncio-runner.html#asyncio.run)
`;

export default defineTransform({
  code: 'LM112',
  name: 'run-in-notebook-cell',
  summary: "`asyncio.run()` or `run_until_complete()` in a notebook cell, where IPython's loop already runs; use top-level `await`",
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.7',
  about: [
    { names: ['asyncio.run'], notebook: true },
    { attributes: ['run_until_complete'], notebook: true, elsewhere: { names: ['asyncio.get_event_loop'] } },
  ],
  query: '(call function: (attribute attribute: (identifier) @method) arguments: (argument_list) @args) @call',
  captures: ['call', 'method', 'args'],
  check(match, ctx) {
    if (!ctx.notebook) return null;
    const call = ctx.capture(match, 'call');
    const method = ctx.capture(match, 'method');
    const args = ctx.capture(match, 'args');
    if (!call || !method || !args || enclosingDef(call) !== null || insideClass(call)) return null;
    const callee = call.childForFieldName('function');
    const items = argumentItems(args);
    const only = items.length === 1 && items[0]?.type !== 'keyword_argument' && items[0]?.type !== 'list_splat' ? items[0] : undefined;
    let spelled: string;
    if (method.text === 'run' && ctx.resolve(callee) === 'asyncio.run') spelled = 'asyncio.run(...)';
    else if (method.text === 'run_until_complete' && runningLoop(ctx, callee?.childForFieldName('object') ?? null)) spelled = 'run_until_complete(...)';
    else return null;
    const message = `\`${spelled}\` in a notebook cell raises: IPython's loop is already running; await at the cell's top level instead`;
    if (!only) return ctx.finding({ node: call, message });
    return ctx.finding({ node: call, message, fix: { safety: 'safe', edits: [{ start: call.startIndex, end: call.endIndex, text: awaitText(call, only, ctx.source) }] } });
  },
});

/** `asyncio.get_event_loop()`, or a name every assignment of which in the file is that call: IPython's loop. */
function runningLoop(ctx: FileContext, receiver: Node | null): boolean {
  if (!receiver) return false;
  const isGetLoop = (n: Node | null) =>
    n?.type === 'call' && ctx.resolve(n.childForFieldName('function')) === 'asyncio.get_event_loop' && argumentItems(n.childForFieldName('arguments') as Node).length === 0;
  if (isGetLoop(receiver)) return true;
  if (receiver.type !== 'identifier') return false;
  const bindings = ctx.identifiersNamed(receiver.text).filter((id) => {
    const parent = id.parent;
    return parent?.type === 'assignment' && parent.childForFieldName('left')?.id === id.id;
  });
  return bindings.length > 0 && bindings.every((id) => isGetLoop(id.parent?.childForFieldName('right') ?? null));
}
