import type { FileContext } from '../src/rule-api/context.js';
import type { Node } from '../src/python/parser.js';
import { valuesOf } from '../src/python/assignments.js';
import { asyncMainSuggestion, assignedName, describeReach, lifespanSuggestion, loopReach, reindented, SCHEDULER, statementRun, withLifespanArgument } from '../src/python/loop-bound.js';
import { appFactoryCall, argumentsOf } from '../src/python/loop-reach.js';
import { enclosingStatement } from '../src/python/nodes.js';
import { defineTransform } from '../src/rule-api/transform.js';

const docs = `## What it does
Finds \`AsyncIOScheduler.start()\` (APScheduler 3.x) in code that runs with no event loop running: at
module level, in an \`if __name__ == "__main__":\` block, in a plain function that import-time code
calls, in a synchronous pytest fixture, or at module level of a FastAPI/Starlette application module.
The finding shows where to start the scheduler instead, written for the code at hand.

## Why is this bad?
APScheduler 3.11's \`AsyncIOScheduler.start()\` takes the loop from \`asyncio.get_running_loop()\`, so
starting it before a loop runs raises \`RuntimeError: no running event loop\`. Older releases fell
back to \`asyncio.get_event_loop()\`, which is deprecated since Python 3.12 and raises in 3.14. A
scheduler started inside a coroutine, a FastAPI \`lifespan\`, an \`on_event("startup")\` handler or an
async fixture is fine and is not reported; so is one built with an explicit \`event_loop=\`.

## Example
\`\`\`python
import asyncio
from apscheduler.schedulers.asyncio import AsyncIOScheduler

def tick():
    print("tick")

if __name__ == "__main__":
    scheduler = AsyncIOScheduler()
    scheduler.add_job(tick, "interval", seconds=3)
    scheduler.start()
    try:
        asyncio.get_event_loop().run_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
\`\`\`

## Use instead
\`\`\`python
import asyncio
from apscheduler.schedulers.asyncio import AsyncIOScheduler

def tick():
    print("tick")

async def main():
    scheduler = AsyncIOScheduler()
    scheduler.add_job(tick, "interval", seconds=3)
    scheduler.start()
    await asyncio.Event().wait()  # keeps the loop, and the scheduled jobs, running

if __name__ == "__main__":
    try:
        asyncio.run(main())
    except (KeyboardInterrupt, SystemExit):
        pass
\`\`\`
In a FastAPI or Starlette application, start and stop the scheduler in the lifespan:
\`\`\`python
from contextlib import asynccontextmanager
from fastapi import FastAPI

scheduler = AsyncIOScheduler()

@asynccontextmanager
async def lifespan(app):
    scheduler.start()
    yield
    scheduler.shutdown()

app = FastAPI(lifespan=lifespan)
\`\`\`

## Fix safety
Report only: moving the start changes when the program's setup runs. Where the start is followed by
\`run_forever()\` in a module-level or \`__main__\` block, LM105 (\`run-forever-entry-point\`) rewrites the
whole entry point with \`--unsafe-fixes\`, and the finding says so.

## References
- [APScheduler 3.x: AsyncIOScheduler](https://apscheduler.readthedocs.io/en/3.x/modules/schedulers/asyncio.html)
- [APScheduler 3.x asyncio example](https://github.com/agronholm/apscheduler/blob/3.x/examples/schedulers/asyncio_.py)
- [FastAPI: lifespan events](https://fastapi.tiangolo.com/advanced/events/)
`;

export default defineTransform({
  code: 'LM301',
  name: 'scheduler-start-outside-loop',
  summary: 'AsyncIOScheduler.start() with no running event loop',
  docs,
  fixAvailability: 'none',
  minPython: '3.7',
  about: { attributes: ['start'], elsewhere: { names: ['apscheduler.schedulers.asyncio.AsyncIOScheduler'] } },
  query: `(call
    function: (attribute object: (_) @scheduler attribute: (identifier) @method (#eq? @method "start"))
    arguments: (argument_list)) @call`,
  captures: ['call', 'scheduler', 'method'],
  check(match, ctx) {
    const call = ctx.capture(match, 'call');
    const receiver = ctx.capture(match, 'scheduler');
    if (!call || !receiver) return null;
    const ctor = schedulerConstructor(ctx, receiver);
    if (!ctor || argumentsOf(ctor).some((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'event_loop')) return null;
    const reach = loopReach(ctx.root, ctx.scopes, ctx.words).of(call);
    if (reach.kind !== 'no-loop') return null;
    const where = describeReach(reach, (n) => ctx.position(n.startIndex).line);
    const shown = `${receiver.text}.start()`;
    const why = `APScheduler 3.11's \`AsyncIOScheduler.start()\` calls \`asyncio.get_running_loop()\` and raises \`RuntimeError: no running event loop\``;
    const app = appFactoryCall(ctx.root, ctx.scopes, ctx.words);
    const entry = reach.via[reach.via.length - 1] ?? call;
    const entryStmt = enclosingStatement(entry) ?? entry;
    if (reach.where === 'sync-fixture') {
      return ctx.finding({
        node: call,
        message: `\`${shown}\` runs ${where}; ${why}. Make the fixture \`async def\` (pytest-asyncio runs async fixtures on the test's loop)`,
      });
    }
    if (app) {
      const startup = reindented(ctx.source, [entryStmt], '    ');
      const shutdown = reach.via.length === 0 ? `    ${receiver.text}.shutdown()` : null;
      return ctx.finding({
        node: call,
        message: `\`${shown}\` runs ${where}; ${why} whenever this application module is imported outside a running loop (tests, scripts, workers). Start it in the app's \`lifespan\``,
        suggestion: lifespanSuggestion(startup, shutdown, { name: assignedName(app), call: withLifespanArgument(app) }),
      });
    }
    const ctorStmt = reach.via.length === 0 ? enclosingStatement(ctor) : null;
    const moved = statementRun(ctorStmt, entryStmt);
    const forever = runForeverAfter(entryStmt);
    const lm105 = forever !== null && reach.via.length === 0 ? '; `--unsafe-fixes` rewrites this entry point (LM105)' : '';
    return ctx.finding({
      node: call,
      message: `\`${shown}\` runs ${where}; ${why}. Start it inside \`async def main()\` run by \`asyncio.run(main())\`${lm105}`,
      suggestion: asyncMainSuggestion(
        reindented(ctx.source, moved, '    '),
        true,
        reach.where === 'main-guard',
        forever?.type === 'try_statement' && /except[^:]*KeyboardInterrupt/.test(forever.text),
      ),
    });
  },
});

/** The `AsyncIOScheduler(...)` call the receiver was built by, if the file shows it. */
function schedulerConstructor(ctx: FileContext, receiver: Node): Node | null {
  if (receiver.type === 'call') return isSchedulerCall(ctx, receiver) ? receiver : null;
  return valuesOf(receiver, ctx.scopes, ctx.root).find((v) => isSchedulerCall(ctx, v)) ?? null;
}

function isSchedulerCall(ctx: FileContext, node: Node): boolean {
  return node.type === 'call' && ctx.resolve(node.childForFieldName('function')) === SCHEDULER;
}

/** A later statement of the same block (or a `try` there) that calls `.run_forever()`. */
function runForeverAfter(stmt: Node): Node | null {
  for (let cur = stmt.nextNamedSibling; cur; cur = cur.nextNamedSibling) {
    if (/\.run_forever\s*\(/.test(cur.text)) return cur;
  }
  return null;
}
