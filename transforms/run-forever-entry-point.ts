import { applyEdits } from '../src/common/apply.js';
import type { FileContext } from '../src/rule-api/context.js';
import type { Node } from '../src/python/parser.js';
import { boundNames } from '../src/python/bindings.js';
import { entryStatementOf, isAttributeName, isKeywordName, isLoopFactoryCall, loopVariable, type LoopUse } from '../src/python/loops.js';
import { freshName } from '../src/python/names.js';
import { argumentCount, enclosingStatement, inCoroutine, isMainGuard } from '../src/python/nodes.js';
import { hasMultilineString, mergeInsertions, splitEdits } from '../src/python/region.js';
import { removeStatements } from '../src/python/statements.js';
import { blankLinesBefore, indentAt, indentUnit, lineBreakLength, lineEndOf, lineStartOf, shiftIndent } from '../src/python/text.js';
import { defineTransform } from '../src/rule-api/transform.js';
import type { Edit } from '../src/common/types.js';

const docs = `## What it does
Finds a program entry point that sets things up at module level or in the \`if __name__ == "__main__":\`
block and then blocks in \`asyncio.get_event_loop().run_forever()\` (or \`loop = asyncio.get_event_loop()\`
... \`loop.run_forever()\`), as APScheduler's classic \`AsyncIOScheduler\` example does. The setup moves
into an \`async def main()\` that ends by waiting forever (\`await asyncio.Event().wait()\`), and the entry
point runs it with \`asyncio.run(main())\`, inside the same \`try\`/\`except KeyboardInterrupt\` as before.

## Why is this bad?
\`asyncio.get_event_loop()\` with no running loop emits \`DeprecationWarning: There is no current event
loop\` on Python 3.12 and 3.13 and raises \`RuntimeError\` on 3.14. Setup code that needs a running loop
fails before that: APScheduler 3.11's \`AsyncIOScheduler.start()\` calls \`asyncio.get_running_loop()\` and
raises \`RuntimeError: no running event loop\` at module level, and aiohttp 3.10+ refuses to create a
\`ClientSession\` there.

## Example
\`\`\`python
import asyncio
from apscheduler.schedulers.asyncio import AsyncIOScheduler

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


async def main():
    scheduler = AsyncIOScheduler()
    scheduler.add_job(tick, "interval", seconds=3)
    scheduler.start()
    await asyncio.Event().wait()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except (KeyboardInterrupt, SystemExit):
        pass
\`\`\`

## Fix safety
Unsafe. The setup now runs inside the loop: \`loop.run_until_complete(x)\` in it becomes \`await x\`;
other code in it that drives or stops a loop is reported without a fix, and \`asyncio.run()\` cancels the
remaining tasks and closes the loop when the program is interrupted. The setup is the whole
\`__main__\` block before the \`run_forever()\`; at module level it is the statements directly before it
(imports, functions and classes stay where they are). Names the setup binds that other code in the
module uses (a module-level \`scheduler\` that a job function reads) are declared \`global\` in \`main()\`
so they keep working. A loop variable used in the setup (\`loop.add_signal_handler(...)\`) becomes
\`asyncio.get_running_loop()\`; \`asyncio.set_event_loop(loop)\` and \`loop.close()\` are removed. A loop
used anywhere else, setup that cannot be re-indented (a multi-line string at module level) and a
\`run_forever()\` inside a function are reported without a fix.

## References
- [asyncio.run](https://docs.python.org/3/library/asyncio-runner.html#asyncio.run)
- [APScheduler 3.x AsyncIOScheduler example](https://github.com/agronholm/apscheduler/blob/3.x/examples/schedulers/asyncio_.py)
- [Python 3.12: get_event_loop deprecation](https://docs.python.org/3/whatsnew/3.12.html#deprecated)
`;

/** Statements that define the module's API rather than set the program up: they stay at module level. */
const DEFINITIONS = new Set(['import_statement', 'import_from_statement', 'future_import_statement', 'function_definition', 'class_definition', 'decorated_definition']);

export default defineTransform({
  code: 'LM105',
  name: 'run-forever-entry-point',
  summary: 'an entry point that blocks in loop.run_forever(); use asyncio.run(main())',
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.7',
  about: { attributes: ['run_forever'], elsewhere: { names: ['asyncio.get_event_loop', 'asyncio.new_event_loop'] } },
  query: `(call
    function: (attribute object: (_) @loop attribute: (identifier) @method (#eq? @method "run_forever"))
    arguments: (argument_list) @args) @call`,
  captures: ['call', 'loop', 'method', 'args'],
  check(match, ctx) {
    const call = ctx.capture(match, 'call');
    const loopExpr = ctx.capture(match, 'loop');
    if (!call || !loopExpr || argumentCount(ctx.capture(match, 'args')) !== 0 || inCoroutine(call)) return null;
    const stmt = enclosingStatement(call);
    if (!stmt || stmt.type !== 'expression_statement' || stmt.namedChildren[0]?.id !== call.id) return null;
    let uses: LoopUse[] = [];
    if (loopExpr.type === 'identifier') {
      const lv = loopVariable(ctx, loopExpr);
      if (!lv || lv.scope.kind !== 'module' || !lv.uses.some((u) => u.kind === 'creation')) return null;
      uses = lv.uses;
    } else if (!isLoopFactoryCall(ctx, loopExpr)) {
      return null;
    }
    const entry = entryStatementOf(stmt);
    const message = 'the program blocks in `run_forever()` on a loop from `asyncio.get_event_loop()`; move the setup into `async def main()` and run it with `asyncio.run(main())`';
    if (!entry) {
      return ctx.finding({
        node: call,
        message: `${message} (here it is not a statement of the module or of its \`__main__\` block, so the fix is manual: run the code around it from a coroutine started by \`asyncio.run()\`)`,
      });
    }
    const result = entryFix(ctx, call, entry, uses);
    if (typeof result === 'string') return ctx.finding({ node: call, message: `${message}; ${result}` });
    return ctx.finding({ node: call, message, fix: { safety: 'unsafe', edits: result } });
  },
});

/** The statements before `entry` that make up the setup moved into main(). */
function setupOf(entry: Node): Node[] {
  const block = entry.parent;
  if (!block) return [];
  const before: Node[] = [];
  for (const c of block.namedChildren) {
    if (!c || c.type === 'comment') continue;
    if (c.id === entry.id) break;
    before.push(c);
  }
  if (block.type !== 'module') return before;
  let i = before.length;
  while (i > 0) {
    const s = before[i - 1] as Node;
    if (DEFINITIONS.has(s.type) || isMainGuard(s) || s.descendantsOfType(['import_statement', 'import_from_statement']).length > 0) break;
    if (i === 1 && s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string') break;
    i--;
  }
  return before.slice(i);
}

function within(node: Node, start: number, end: number): boolean {
  return node.startIndex >= start && node.endIndex <= end;
}

/** The fix's edits, or the reason there is none. */
function entryFix(ctx: FileContext, call: Node, entry: Node, uses: LoopUse[]): Edit[] | string {
  const source = ctx.source;
  const block = entry.parent;
  if (!block) return 'the entry point could not be located';
  const setup = setupOf(entry);
  const first = setup[0];
  const setupStart = first ? lineStartOf(source, first.startIndex) : lineStartOf(source, entry.startIndex);
  const entryStart = lineStartOf(source, entry.startIndex);
  const entryLineEnd = lineEndOf(source, entry.endIndex);
  const entryEnd = entryLineEnd + lineBreakLength(source, entryLineEnd);
  const trailing = source.slice(entry.endIndex, entryLineEnd).trim();
  if ((trailing !== '' && !trailing.startsWith('#')) || source.slice(entryStart, entry.startIndex).trim() !== '') return 'other code shares its lines';

  // The loop variable: created and set up in the setup, cleaned up in or after the entry statement.
  const removed: Node[] = [];
  const inner: Edit[] = [];
  const keepsLoop = uses.some((u) => u.kind === 'method');
  for (const u of uses) {
    if (u.kind === 'forever' && u.call?.id === call.id) continue;
    const inSetup = within(u.ref, setupStart, entryStart);
    const after = u.ref.startIndex >= entryStart && (within(u.stmt ?? u.ref, entryStart, entryEnd) || u.stmt?.parent?.id === block.id);
    if (u.kind === 'creation' && inSetup && u.stmt) {
      if (!keepsLoop) removed.push(u.stmt);
      else {
        const running = ctx.ensureImport('asyncio', 'get_running_loop', u.stmt);
        if (!running || !u.call) return 'the loop cannot be referred to inside main()';
        inner.push({ start: u.call.startIndex, end: u.call.endIndex, text: `${running.ref}()` }, ...running.edits);
      }
    } else if (u.kind === 'set' && inSetup && u.stmt) removed.push(u.stmt);
    else if (u.kind === 'housekeeping' && after && u.stmt) removed.push(u.stmt);
    else if (u.kind === 'run' && inSetup && u.call) inner.push(awaitInstead(u.call));
    else if (u.kind === 'method' && inSetup && !['run_until_complete', 'run_forever', 'stop', 'close'].includes(u.call?.childForFieldName('function')?.childForFieldName('attribute')?.text ?? ''))
      continue;
    else if (u.kind === 'creation') return `\`${u.ref.text}\` is created (line ${u.ref.startPosition.row + 1}) before code that must stay at module level, so the setup cannot move as a whole`;
    else return `\`${u.ref.text}\` is also used ${u.kind === 'run' ? 'to run a coroutine' : 'elsewhere'} (line ${u.ref.startPosition.row + 1}), which a running loop cannot do for it`;
  }

  // Other loops driven in the setup: the one-liner `asyncio.get_event_loop().run_until_complete(x)`
  // becomes `await x`; anything else cannot run inside main()'s running loop.
  for (const s of setup) {
    for (const c of s.descendantsOfType('call')) {
      const fn = c?.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      if (!c || !fn || (method !== 'run_until_complete' && method !== 'run_forever') || ctx.scopes.scopeOf(c).kind !== 'module') continue;
      const receiver = fn.childForFieldName('object');
      if (receiver?.type === 'identifier' && uses.some((u) => u.ref.id === receiver.id)) continue;
      if (method === 'run_until_complete' && isLoopFactoryCall(ctx, receiver) && argumentCount(c.childForFieldName('arguments')) === 1) inner.push(awaitInstead(c));
      else return `the setup drives a loop itself (line ${c.startPosition.row + 1}), which it cannot do inside main()`;
    }
  }

  const run = ctx.ensureImport('asyncio', 'run', entry);
  const event = ctx.ensureImport('asyncio', 'Event', entry);
  if (!run || !event) return '`asyncio` is shadowed here';
  const mainName = freshName(ctx, ['main', 'async_main']);
  inner.push({ start: call.startIndex, end: call.endIndex, text: `${run.ref}(${mainName}())` }, ...run.edits, ...event.edits);
  const edits = removeStatements(source, removed, inner);
  if (!edits) return 'the loop clean-up shares its lines with other code';

  const guard = block.type === 'block' ? block.parent : null;
  const regionStart = guard ? lineStartOf(source, guard.startIndex) : setupStart;
  const split = splitEdits(edits, setupStart, entryEnd);
  if (!split || split.outside.some((e) => e.start < entryEnd && e.end > regionStart)) return 'the edits would overlap';
  const unit = indentUnit(source);
  const setupIndent = first ? indentAt(source, first.startIndex) : '';
  const setupLen = entryStart - setupStart;
  if (setupIndent !== unit && hasMultilineString(ctx.root, setupStart, entryStart)) return 'the setup holds a multi-line string that moving it would change';
  const setupEdits = split.inside.filter((e) => e.end <= setupLen);
  const entryEdits = split.inside.filter((e) => e.start >= setupLen).map((e) => ({ start: e.start - setupLen, end: e.end - setupLen, text: e.text }));
  if (setupEdits.length + entryEdits.length !== split.inside.length) return 'the edits would overlap';
  const setupText = applyEdits(source.slice(setupStart, entryStart), setupEdits).replace(/(?:[ \t]*(?:\r\n|\r|\n))+$/, '');
  const entryText = applyEdits(source.slice(entryStart, entryEnd), entryEdits);

  const nl = ctx.eol;
  const moved = new Set<string>();
  for (const s of setup) for (const n of boundNames(s)) moved.add(n);
  // The removed clean-up and the replaced run_forever() call no longer mention the loop.
  const removedIds = new Set([...removed.map((r) => r.id), call.id]);
  const shared = [...moved].filter((n) => usedOutside(ctx, n, setupStart, entryStart, removedIds));
  const lines = [`async def ${mainName}():`];
  if (shared.length > 0) lines.push(`${unit}global ${shared.sort().join(', ')}`);
  if (setupText.trim() !== '') lines.push(shiftIndent(setupText, setupIndent, unit));
  lines.push(`${unit}await ${event.ref}().wait()`);
  const lead = regionStart === 0 ? '' : nl.repeat(Math.max(0, 2 - blankLinesBefore(source, regionStart)));
  const mainDef = lead + lines.join(nl) + nl + nl + nl;
  const header = guard ? source.slice(regionStart, first ? setupStart : entryStart) : '';
  return mergeInsertions([...split.outside, { start: regionStart, end: entryEnd, text: mainDef + header + entryText }]);
}

/**
 * The module-level `name` is read or bound somewhere in the file outside [start, end) (removed
 * statements aside; a function's own local of that name is another variable).
 */
function usedOutside(ctx: FileContext, name: string, start: number, end: number, removed: Set<number>): boolean {
  return ctx.identifiersNamed(name).some((id) => {
    if (isAttributeName(id) || isKeywordName(id)) return false;
    if (id.startIndex >= start && id.endIndex <= end) return false;
    for (let scope = ctx.scopes.scopeOf(id); scope.kind !== 'module'; scope = scope.parent ?? ctx.scopes.module) {
      if (scope.kind === 'function' && scope.others.has(name) && !scope.declaredOuter.has(name)) return false;
    }
    for (let cur = id.parent; cur; cur = cur.parent) if (removed.has(cur.id)) return false;
    return true;
  });
}

/** `loop.run_until_complete(x)` inside main() becomes `await x`. */
function awaitInstead(call: Node): Edit {
  const arg = call.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment');
  const text = arg?.text ?? '';
  const bare = arg?.type === 'call' || arg?.type === 'identifier' || arg?.type === 'attribute';
  return { start: call.startIndex, end: call.endIndex, text: `await ${bare ? text : `(${text})`}` };
}
