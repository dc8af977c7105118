import type { FileContext } from '../src/rule-api/context.js';
import type { Node } from '../src/python/parser.js';
import {
  asyncMainSuggestion,
  assignedName,
  BINDS_FIRST_LOOP,
  calleeName,
  calleeNames,
  cellSuggestion,
  LOOP_BOUND_OBJECTS,
  describeReach,
  lifespanSuggestion,
  loopReach,
  NEEDS_RUNNING_LOOP,
  normalizeLoopBound,
  reindented,
  withLifespanArgument,
} from '../src/python/loop-bound.js';
import { appFactoryCall, argumentsOf, type Reach } from '../src/python/loop-reach.js';
import { enclosingDef, enclosingStatement, isAsyncDef } from '../src/python/nodes.js';
import { defineTransform } from '../src/rule-api/transform.js';

const docs = `## What it does
Finds objects that belong to an event loop created where no loop runs: aiohttp's \`ClientSession\`,
\`TCPConnector\`, \`UnixConnector\`, \`CookieJar\`, \`DummyCookieJar\`, \`ThreadedResolver\`,
\`AsyncResolver\` and \`web.Server\` at module level, in a \`__main__\` block, in a plain function that
import-time code calls, or in a synchronous pytest fixture; and \`asyncio.Queue\`/\`Lock\`/\`Event\`/
\`Condition\`/\`Semaphore\`/\`Barrier\` or \`httpx.AsyncClient\` created at module level, used by
coroutines, in a module that runs several event loops (several \`asyncio.run()\` calls, one in a loop,
or several async tests, each of which pytest-asyncio gives its own loop). Notebook cells count as
module level unless the cell awaits at top level (IPython runs such a cell on its loop).

## Why is this bad?
aiohttp 3.10+ raises \`RuntimeError: no running event loop\` when these objects are created outside a
coroutine (3.5 to 3.9 warned "The object should be created within an async function"); in IPython
8.18+ a \`ClientSession()\` in a plain cell fails the same way. asyncio's primitives attach to the first
loop that waits on them: used again from the next \`asyncio.run()\` or the next test they raise
\`RuntimeError: <Queue ...> is bound to a different event loop\`. An \`httpx.AsyncClient\` keeps pooled
connections of the loop that opened them, which are dead on the next loop.

## Example
\`\`\`python
import asyncio
import aiohttp

session = aiohttp.ClientSession()

async def fetch(url):
    async with session.get(url) as response:
        return await response.text()
\`\`\`

## Use instead
\`\`\`python
import asyncio
import aiohttp

async def fetch(session, url):
    async with session.get(url) as response:
        return await response.text()

async def main():
    async with aiohttp.ClientSession() as session:
        print(await fetch(session, "https://example.org"))

asyncio.run(main())
\`\`\`
For a module-level \`queue = asyncio.Queue()\`, create the queue in the coroutine that starts the work
(or in an async fixture) and pass it to the coroutines that use it. In a FastAPI app, create shared
clients in the \`lifespan\` and keep them on \`app.state\`.

## Fix safety
Report only: where the object should live (a coroutine, a lifespan, a fixture) and how it reaches the
code that uses it is a design decision. Objects created inside \`async def\`, a lifespan, an
\`on_event("startup")\` handler or an async fixture are not reported, nor are aiohttp objects given an
explicit \`loop=\` (or a session given a \`connector=\`, whose loop it takes); that loop-passing style is
the legacy part, see LM104 and LM105.

## References
- [aiohttp: client quickstart (make a session)](https://docs.aiohttp.org/en/stable/client_quickstart.html#make-a-request)
- [aiohttp 3.10 changelog](https://docs.aiohttp.org/en/stable/changes.html)
- [asyncio synchronization primitives](https://docs.python.org/3/library/asyncio-sync.html)
- [HTTPX: async client](https://www.python-httpx.org/async/)
`;

export default defineTransform({
  code: 'LM302',
  name: 'loop-bound-object-outside-coroutine',
  summary: 'loop-bound object (aiohttp session, asyncio.Queue, ...) created outside a running loop',
  docs,
  fixAvailability: 'none',
  minPython: '3.7',
  about: [
    { names: [...NEEDS_RUNNING_LOOP] },
    // Shared across several loops: asyncio.run() calls, run_until_complete, or async tests.
    { names: [...BINDS_FIRST_LOOP], elsewhere: [{ words: ['run'] }, { attributes: ['run_until_complete'] }, { asyncDef: 'test' }] },
  ],
  query: '(call function: [(identifier) (attribute)] @fn arguments: (argument_list)) @call',
  captures: ['call', 'fn'],
  check(match, ctx) {
    const call = ctx.capture(match, 'call');
    const fn = ctx.capture(match, 'fn');
    if (!call || !fn || !calleeNames(ctx.scopes, 'LM302', LOOP_BOUND_OBJECTS).has(calleeName(fn) ?? '')) return null;
    const kind = normalizeLoopBound(ctx.resolve(fn));
    if (!kind || (!NEEDS_RUNNING_LOOP.has(kind) && !BINDS_FIRST_LOOP.has(kind))) return null;
    const short = kind.replace(/^aiohttp\.web\./, 'web.').replace(/^[a-z_.]+\./, '');
    const reach = loopReach(ctx.root, ctx.scopes, ctx.words).of(call);
    if (reach.kind !== 'no-loop') return null;
    if (NEEDS_RUNNING_LOOP.has(kind)) {
      // An explicit loop (or, for a session, a connector, whose loop it takes) needs no running one.
      const given = new Set(argumentsOf(call).map((a) => (a.type === 'keyword_argument' ? a.childForFieldName('name')?.text : undefined)));
      if (given.has('loop') || (short === 'ClientSession' && given.has('connector'))) return null;
      return needsLoop(ctx, call, fn, reach, short);
    }
    if (BINDS_FIRST_LOOP.has(kind)) return bindsFirstLoop(ctx, call, fn, reach, kind);
    return null;
  },
});

function needsLoop(ctx: FileContext, call: Node, fn: Node, reach: Extract<Reach, { kind: 'no-loop' }>, short: string) {
  const where = describeReach(reach, (n) => ctx.position(n.startIndex).line);
  const why = `aiohttp 3.10+ raises \`RuntimeError: no running event loop\` when a \`${short}\` is created outside a coroutine`;
  if (reach.where === 'sync-fixture') {
    return ctx.finding({ node: call, message: `\`${fn.text}()\` is created ${where}; ${why}. Make the fixture \`async def\` and close the object in it` });
  }
  const entry = reach.via[reach.via.length - 1] ?? call;
  const stmt = enclosingStatement(entry) ?? entry;
  const name = assignedName(entry, short.toLowerCase());
  const app = appFactoryCall(ctx.root, ctx.scopes, ctx.words);
  if (app) {
    const closing = short === 'ClientSession' || short.endsWith('Connector') ? `    await app.state.${name}.close()` : null;
    return ctx.finding({
      node: call,
      message: `\`${fn.text}()\` is created ${where}; ${why}. Create it in the app's \`lifespan\` and keep it on \`app.state\``,
      suggestion: lifespanSuggestion(`    app.state.${name} = ${entry.text}`, closing, { name: assignedName(app), call: withLifespanArgument(app) }),
    });
  }
  if (reach.where === 'cell') {
    return ctx.finding({
      node: call,
      message: `\`${fn.text}()\` is created ${where}; ${why}. Await something in the same cell so IPython runs it on its loop, or create it inside a coroutine`,
      suggestion: cellSuggestion(reindented(ctx.source, [stmt], '')),
    });
  }
  const body =
    reach.via.length === 0 && short === 'ClientSession'
      ? `    async with ${call.text} as ${name}:\n        ...  # use ${name} here, or pass it to the coroutines that need it`
      : `${reindented(ctx.source, [stmt], '    ')}\n    ...  # use ${name} here, or pass it to the coroutines that need it`;
  return ctx.finding({
    node: call,
    message: `\`${fn.text}()\` is created ${where}; ${why}. Create it inside a coroutine (\`async def main()\` run by \`asyncio.run(main())\`)`,
    suggestion: asyncMainSuggestion(body, false, reach.where === 'main-guard'),
  });
}

function bindsFirstLoop(ctx: FileContext, call: Node, fn: Node, reach: Extract<Reach, { kind: 'no-loop' }>, kind: string) {
  if (reach.via.length > 0 || reach.where === 'sync-fixture') return null;
  const parent = call.parent;
  const left = parent?.type === 'assignment' ? parent.childForFieldName('left') : null;
  if (left?.type !== 'identifier' || !usedInCoroutine(ctx, left.text, call)) return null;
  const loops = severalLoops(ctx);
  if (!loops) return null;
  const why =
    kind === 'httpx.AsyncClient'
      ? 'its pooled connections belong to the first loop that used them and fail on the next'
      : `it binds to the first loop that waits on it, and the next loop gets \`RuntimeError: ... is bound to a different event loop\``;
  const stmt = enclosingStatement(call) ?? call;
  return ctx.finding({
    node: call,
    message: `\`${fn.text}()\` is shared at module level while this module runs several event loops (${loops}); ${why}. Create it inside the coroutine (or async fixture) that uses it and pass it along`,
    suggestion: asyncMainSuggestion(`${reindented(ctx.source, [stmt], '    ')}\n    ...  # pass ${left.text} to the coroutines that use it`, false, reach.where === 'main-guard'),
  });
}

/** Is the module-level `name` read inside some `async def`? */
function usedInCoroutine(ctx: FileContext, name: string, at: Node): boolean {
  const home = ctx.scopes.definingScope(name, at);
  const stack: Node[] = [ctx.root];
  while (stack.length) {
    const n = stack.pop() as Node;
    if (n.type === 'identifier' && n.text === name) {
      const fn = enclosingDef(n);
      if (fn && isAsyncDef(fn) && ctx.scopes.definingScope(name, n)?.node.id === home?.node.id) return true;
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return false;
}

/** Why the module runs more than one loop, or null. */
function severalLoops(ctx: FileContext): string | null {
  return ctx.memo('LM302:several-loops', () => {
    const runs = ctx.callsNamed(['run', 'run_until_complete']).filter((n) => {
      const callee = n.childForFieldName('function');
      const attr = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : null;
      return ctx.resolve(callee) === 'asyncio.run' || attr === 'run_until_complete';
    });
    const asyncTests = asyncTestCount(ctx);
    const line = (n: Node) => ctx.position(n.startIndex).line;
    if (runs.length >= 2) return `event loops started at lines ${runs.map(line).join(', ')}`;
    const looped = runs.find((r) => hasLoopAncestor(r));
    if (looped) return `a loop is started in a loop at line ${line(looped)}`;
    if (asyncTests >= 2) return `${asyncTests} async tests, each on its own pytest-asyncio loop by default`;
    return null;
  });
}

/** `async def test...` definitions, found from the text and confirmed in the tree. */
function asyncTestCount(ctx: FileContext): number {
  let count = 0;
  for (const m of ctx.source.matchAll(/\basync(?:\s|\\)+def(?:\s|\\)+(test\w*)/g)) {
    const start = (m.index ?? 0) + m[0].length - (m[1]?.length ?? 0);
    const name = ctx.root.descendantForIndex(start, start + (m[1]?.length ?? 0));
    const def = name?.parent;
    if (name?.type === 'identifier' && def?.type === 'function_definition' && def.childForFieldName('name')?.id === name.id && isAsyncDef(def)) count++;
  }
  return count;
}

function hasLoopAncestor(node: Node): boolean {
  for (let cur = node.parent; cur; cur = cur.parent) {
    if (cur.type === 'for_statement' || cur.type === 'while_statement') return true;
    if (cur.type === 'function_definition') return false;
  }
  return false;
}
