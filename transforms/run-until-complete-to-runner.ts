import { applyEdits } from '../src/common/apply.js';
import type { FileContext } from '../src/rule-api/context.js';
import type { Node } from '../src/python/parser.js';
import { childOfBlock, creationStatement, explicitLoopEdits, isKnownNonCoroutine, loopVariable, repeatedWithin, type LoopUse } from '../src/python/loops.js';
import { freshName } from '../src/python/names.js';
import { enclosingFunction, inCoroutine } from '../src/python/nodes.js';
import { enclosingLoopDrivingFixture } from '../src/pytest/sync-fixtures.js';
import { hasMultilineString, splitEdits } from '../src/python/region.js';
import { removeStatements } from '../src/python/statements.js';
import { indentAt, indentUnit, lineBreakLength, lineEndOf, lineRemoval, lineStartOf, shiftIndent } from '../src/python/text.js';
import { defineTransform } from '../src/rule-api/transform.js';
import type { Edit } from '../src/common/types.js';

const docs = `## What it does
Rewrites a loop that is created to run several coroutines one after the other
(\`loop = asyncio.get_event_loop()\` or \`asyncio.new_event_loop()\`, then several
\`loop.run_until_complete(...)\`, or one inside a \`for\`/\`while\` loop) into an \`asyncio.Runner\`:
\`with asyncio.Runner() as runner:\` holding the code, each run becoming \`runner.run(...)\`.
\`asyncio.set_event_loop(loop)\`, \`loop.close()\` and \`loop.run_until_complete(loop.shutdown_asyncgens())\`
are removed (also from a \`finally:\` clause), because the runner does them.

## Why is this bad?
\`asyncio.get_event_loop()\` with no running loop emits \`DeprecationWarning: There is no current event
loop\` on Python 3.12 and 3.13 and raises \`RuntimeError\` on 3.14. \`asyncio.run()\` is no replacement for
several runs that share one loop (each call makes a new loop, so objects bound to the first loop break
in the second run); \`asyncio.Runner\` (Python 3.11+) keeps one loop for all runs and cleans up like
\`asyncio.run()\`: it cancels leftover tasks, shuts down async generators and the default executor and
closes the loop.

## Example
\`\`\`python
import asyncio

def main():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(setup())
        loop.run_until_complete(serve())
    finally:
        loop.close()
\`\`\`

## Use instead
\`\`\`python
import asyncio

def main():
    with asyncio.Runner() as runner:
        runner.run(setup())
        runner.run(serve())
\`\`\`

## Fix safety
Unsafe. The runner cancels tasks still pending when the block ends, where the old code left them
pending on a closed loop; \`Runner.run()\` accepts only coroutines (a run of \`asyncio.gather(...)\` or a
future is reported without a fix); with Python 3.11 and 3.12 it installs a SIGINT handler during each
run. \`asyncio.Runner\` needs \`--target-version py311\` or newer; with an older target a loop from
\`get_event_loop()\` is created explicitly instead (\`asyncio.new_event_loop()\` and
\`asyncio.set_event_loop()\`, what \`get_event_loop()\` did implicitly), and a loop from
\`new_event_loop()\` (valid code on every version) is not reported at all. Where another module of the
project sets a loop with \`asyncio.set_event_loop()\`, \`get_event_loop()\` returns that one, so the
finding is reported without a fix (the project facts say where). It applies only when the loop variable is used for nothing but the runs and the housekeeping
above, all in the block that creates it; a loop used for anything else is left to LM104, and a loop
run once is LM102's (\`asyncio.run()\`). Code whose indentation cannot change (a multi-line string
between the runs) is reported without a fix.

## References
- [asyncio.Runner](https://docs.python.org/3/library/asyncio-runner.html#asyncio.Runner)
- [Python 3.12: get_event_loop deprecation](https://docs.python.org/3/whatsnew/3.12.html#deprecated)
`;

const ALLOWED = new Set<LoopUse['kind']>(['creation', 'set', 'run', 'housekeeping']);

export default defineTransform({
  code: 'LM103',
  name: 'run-until-complete-to-runner',
  summary: 'a loop created to run several coroutines; use asyncio.Runner',
  needs: ['loop-facts'],
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.7',
  about: { names: ['asyncio.get_event_loop', 'asyncio.new_event_loop'], elsewhere: { attributes: ['run_until_complete'] } },
  query: '(assignment left: (identifier) @name right: (call) @factory) @assign',
  captures: ['name', 'factory', 'assign'],
  check(match, ctx) {
    const factory = ctx.capture(match, 'factory');
    const nameNode = ctx.capture(match, 'name');
    // A notebook cell's top level runs on IPython's loop: LM112 turns the runs into `await`.
    if (!factory || !nameNode || inCoroutine(factory) || (ctx.notebook && enclosingFunction(factory) === null)) return null;
    const creation = creationStatement(ctx, factory);
    if (!creation || enclosingLoopDrivingFixture(factory, ctx)) return null;
    // A loop from new_event_loop() is valid on every version: only worth a finding where Runner exists.
    if (ctx.resolve(factory.childForFieldName('function')) === 'asyncio.new_event_loop' && !ctx.targetAllows([3, 11])) return null;
    const lv = loopVariable(ctx, nameNode);
    if (!lv || !lv.uses.every((u) => ALLOWED.has(u.kind))) return null;
    if (lv.uses.filter((u) => u.kind === 'creation').length !== 1) return null;
    const block = creation.stmt.parent;
    if (!block) return null;
    const runs = lv.uses.filter((u) => u.kind === 'run');
    const lastCall = runs[runs.length - 1]?.call;
    const firstRun = runs[0];
    if (!firstRun?.stmt || !lastCall) return null;
    // One run that is not repeated is LM102's (asyncio.run()).
    if (runs.length === 1 && !repeatedWithin(firstRun.stmt, block)) return null;
    const placed = lv.uses.map((u) => (u.stmt ? childOfBlock(u.stmt, block) : null));
    if (placed.some((p) => p === null || p.startIndex < creation.stmt.startIndex)) return null;
    const closesEarly = lv.uses.some((u) => u.kind === 'housekeeping' && u.ref.startIndex < lastCall.startIndex);
    if (closesEarly) return null;

    const name = lv.name;
    const message = `\`${name}\` is created to run ${runs.length > 1 ? `${runs.length} coroutines` : 'coroutines in a loop'} with \`run_until_complete\`; use \`with asyncio.Runner() as runner:\` and \`runner.run(...)\``;
    const report = () => ctx.finding({ node: creation.stmt, message });
    if (
      runs.some((r) => {
        const arg = r.call?.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment');
        return arg !== null && arg !== undefined && isKnownNonCoroutine(ctx, arg);
      })
    ) {
      return ctx.finding({ node: creation.stmt, message: `${message}; a run of an awaitable that is not a coroutine must be wrapped in an \`async def\` first` });
    }
    const fromGetEventLoop = ctx.resolve(factory.childForFieldName('function')) === 'asyncio.get_event_loop';
    const setElsewhere = fromGetEventLoop ? ctx.loopSetElsewhere() : undefined;
    if (setElsewhere) {
      // get_event_loop() returns the loop another module set: a new loop would not be that one.
      return ctx.finding({
        node: creation.stmt,
        message: `${message}; not fixed: ${setElsewhere} sets a loop with asyncio.set_event_loop(), which get_event_loop() returns here, while a runner makes a new one: keep the runs on that loop, or pass its factory as asyncio.Runner(loop_factory=...)`,
      });
    }
    if (!ctx.targetAllows([3, 11])) {
      // No Runner before 3.11: make the creation get_event_loop() did implicitly explicit.
      const explicit = fromGetEventLoop && !lv.uses.some((u) => u.kind === 'set') ? explicitLoopEdits(ctx, creation.stmt, factory, name) : null;
      const older = `\`${name}\` is created implicitly by \`asyncio.get_event_loop()\` (deprecated in 3.12, an error in 3.14) to run coroutines; asyncio.Runner needs Python 3.11 (the target is ${ctx.targetName()}), so create and set the loop explicitly`;
      return ctx.finding({ node: creation.stmt, message: older, fix: explicit && { safety: 'unsafe', edits: explicit } });
    }
    const fix = runnerFix(
      ctx,
      creation.stmt,
      placed as Node[],
      runs,
      lv.uses.filter((u) => u.kind === 'set' || u.kind === 'housekeeping'),
    );
    return fix ? ctx.finding({ node: creation.stmt, message, fix: { safety: 'unsafe', edits: fix } }) : report();
  },
});

function runnerFix(ctx: FileContext, creation: Node, placed: Node[], runs: LoopUse[], removed: LoopUse[]): Edit[] | null {
  const source = ctx.source;
  if (!lineRemoval(source, creation)) return null;
  const runner = ctx.ensureImport('asyncio', 'Runner', creation);
  if (!runner) return null;
  const runnerName = freshName(ctx, ['runner']);
  const inner: Edit[] = runs.flatMap((r) => {
    const fn = r.call?.childForFieldName('function');
    return fn ? [{ start: fn.startIndex, end: fn.endIndex, text: `${runnerName}.run` }] : [];
  });
  const edits = removeStatements(
    source,
    removed.map((u) => u.stmt).filter((s): s is Node => s !== null),
    inner,
  );
  if (!edits) return null;
  const last = placed.reduce((a, b) => (b.endIndex > a.endIndex ? b : a), creation);
  const regionStart = lineStartOf(source, creation.startIndex);
  const creationEnd = lineEndOf(source, creation.endIndex);
  const sliceStart = creationEnd + lineBreakLength(source, creationEnd);
  const lastEnd = lineEndOf(source, last.endIndex);
  const sliceEnd = lastEnd + lineBreakLength(source, lastEnd);
  if (hasMultilineString(ctx.root, sliceStart, sliceEnd)) return null;
  const split = splitEdits(edits, sliceStart, sliceEnd);
  if (!split || split.outside.some((e) => e.end > regionStart && e.start < sliceEnd)) return null;
  const body = applyEdits(source.slice(sliceStart, sliceEnd), split.inside);
  const indent = indentAt(source, creation.startIndex);
  const text = `${indent}with ${runner.ref}() as ${runnerName}:${ctx.eol}${shiftIndent(body, '', indentUnit(source))}`;
  return [...split.outside, ...runner.edits, { start: regionStart, end: sliceEnd, text }];
}
