import type { FileContext } from '../src/context.js';
import type { Node } from '../src/parser.js';
import { creationStatement, entryStatementOf, loopVariable } from '../src/python/loops.js';
import { freshName } from '../src/python/names.js';
import { mergeInsertions } from '../src/python/region.js';
import { argumentCount, enclosingStatement, inCoroutine, isAsyncDef } from '../src/python/nodes.js';
import { blankLinesBefore, indentUnit, lineStartOf } from '../src/python/text.js';
import { defineTransform } from '../src/transform.js';
import { api } from '../src/triggers.js';
import type { Edit } from '../src/types.js';

const docs = `## What it does
Finds \`asyncio.get_event_loop()\` left in synchronous code, including the library idiom
\`loop = loop or asyncio.get_event_loop()\` and \`self.loop = loop or asyncio.get_event_loop()\`, and
replaces the call with a small helper added to the module once: it returns the running loop, or else
creates a new loop and sets it as the current one.

## Why is this bad?
Outside a running loop \`asyncio.get_event_loop()\` only works by creating a loop implicitly. Python 3.12
and 3.13 emit \`DeprecationWarning: There is no current event loop\` when that happens, and Python 3.14
raises \`RuntimeError: There is no current event loop in thread 'MainThread'\`. After \`asyncio.run()\`
returns there is no current loop either, so a later call raises on every version. Tortoise ORM's test
helper broke exactly this way.

## Example
\`\`\`python
import asyncio

class Client:
    def __init__(self, loop=None):
        self.loop = loop or asyncio.get_event_loop()
\`\`\`

## Use instead
\`\`\`python
import asyncio


def _get_or_create_event_loop():
    """The running event loop, else a new loop set as the current one."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        return loop


class Client:
    def __init__(self, loop=None):
        self.loop = loop or _get_or_create_event_loop()
\`\`\`

## Fix safety
Unsafe. Outside a running loop the helper always makes a new loop: a loop that other code set with
\`asyncio.set_event_loop()\` and did not start is not reused (Python 3.12 and 3.13 cannot tell it apart
from "no loop" without the deprecation warning), and the new loop is never closed. Code that keeps the
loop and later runs it works; code that expects two calls to return the same non-running loop does
not. Calls inside \`async def\` are LM101's, and calls in a \`def\` or \`lambda\` nested in one are left
alone (they are almost always callbacks the running loop calls, where \`get_event_loop()\` returns it); a loop created only to be run (\`run_until_complete\`) is
left to LM102 and LM103, and \`run_forever()\` at module level or in a \`__main__\` block to LM105.
The call is resolved through imports, so other objects' \`get_event_loop\` methods are not touched.
The helper goes after the module's imports; a call among the imports (which runs before that point) is
reported without a fix.

## References
- [asyncio.get_event_loop](https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_event_loop)
- [asyncio.get_running_loop](https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_running_loop)
- [Python 3.14: get_event_loop raises without a current loop](https://docs.python.org/3.14/whatsnew/3.14.html)
`;

const HELPER = '_get_or_create_event_loop';
const LEFT_TO_OTHERS = new Set(['creation', 'set', 'run', 'housekeeping']);

export default defineTransform({
  code: 'LM104',
  name: 'get-event-loop-in-sync-code',
  summary: 'asyncio.get_event_loop() in synchronous code',
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.7',
  triggers: api('asyncio.get_event_loop'),
  query: '(call function: [(identifier) (attribute)] @fn arguments: (argument_list) @args) @call',
  anchors: ['get_event_loop'],
  captures: ['call', 'fn', 'args'],
  check(match, ctx) {
    const call = ctx.capture(match, 'call');
    const fn = ctx.capture(match, 'fn');
    if (!call || !fn || ctx.resolve(fn) !== 'asyncio.get_event_loop') return null;
    if (argumentCount(ctx.capture(match, 'args')) !== 0 || inCoroutine(call) || insideCoroutine(call) || leftToOtherRules(ctx, call)) return null;
    return ctx.finding({
      node: call,
      message: '`asyncio.get_event_loop()` outside a running loop is deprecated (Python 3.12) and raises in 3.14; get the running loop or create and set one explicitly',
      fix: helperFix(ctx, call),
    });
  },
});

/**
 * A sync function or lambda nested in an `async def` is nearly always a callback the running loop
 * calls (`call_soon`, `add_done_callback`), where `get_event_loop()` returns that loop and is fine.
 */
function insideCoroutine(call: Node): boolean {
  for (let cur = call.parent; cur; cur = cur.parent) if (isAsyncDef(cur)) return true;
  return false;
}

/** Calls another rule rewrites as a whole (see the docs' Fix safety). */
function leftToOtherRules(ctx: FileContext, call: Node): boolean {
  const parent = call.parent;
  if (parent?.type === 'attribute' && parent.childForFieldName('object')?.id === call.id && parent.parent?.type === 'call') {
    const method = parent.childForFieldName('attribute')?.text;
    if (method === 'run_until_complete') return true;
    const stmt = enclosingStatement(parent.parent);
    if (method === 'run_forever' && stmt && entryStatementOf(stmt)) return true;
  }
  const creation = creationStatement(ctx, call);
  if (!creation) return false;
  const lv = loopVariable(ctx, creation.name);
  if (!lv) return false;
  const forever = lv.uses.some((u) => u.kind === 'forever' && u.stmt && entryStatementOf(u.stmt));
  const onlyRuns = lv.uses.every((u) => LEFT_TO_OTHERS.has(u.kind)) && lv.uses.some((u) => u.kind === 'run');
  return forever || onlyRuns;
}

function helperFix(ctx: FileContext, call: Node): { safety: 'unsafe'; edits: Edit[] } | null {
  const existing = ctx.root.namedChildren.find((c) => c?.type === 'function_definition' && c.childForFieldName('name')?.text === HELPER);
  if (existing) return { safety: 'unsafe', edits: [{ start: call.startIndex, end: call.endIndex, text: `${HELPER}()` }] };
  const anchor = insertionAnchor(ctx.root);
  // A call before the anchor (in the import block) would run before the helper exists.
  if (!anchor || call.startIndex < anchor.startIndex) return null;
  const asyncio = ctx.ensureImport('asyncio', undefined, anchor);
  if (!asyncio) return null;
  const name = freshName(ctx, [HELPER]);
  const at = insertionPoint(ctx.source, anchor);
  const edits: Edit[] = [...asyncio.edits, { start: at, end: at, text: helperText(ctx, asyncio.ref, name, at) }, { start: call.startIndex, end: call.endIndex, text: `${name}()` }];
  return { safety: 'unsafe', edits: mergeInsertions(edits) };
}

const IMPORTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement']);

/**
 * The first top-level statement after the docstring and the imports that open the module (also
 * `try: import x` / `except ImportError: x = None` blocks, so the helper does not split them).
 */
function insertionAnchor(root: Node): Node | null {
  const body = root.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  for (let i = 0; i < body.length; i++) {
    const stmt = body[i] as Node;
    const docstring = i === 0 && stmt.type === 'expression_statement' && stmt.namedChildren[0]?.type === 'string';
    if (!IMPORTS.has(stmt.type) && !docstring && !isImportBlock(stmt)) return stmt;
  }
  return null;
}

function isImportBlock(stmt: Node): boolean {
  if (stmt.type !== 'try_statement' && stmt.type !== 'if_statement') return false;
  const simple = stmt.descendantsOfType(['expression_statement', 'pass_statement', 'raise_statement', 'return_statement', 'delete_statement', 'global_statement']);
  const imports = stmt.descendantsOfType([...IMPORTS]);
  return imports.length > 0 && simple.every((s) => s?.type === 'pass_statement' || (s?.type === 'expression_statement' && s.namedChildren[0]?.type === 'assignment'));
}

/** The start of the anchor's line, above the comment lines directly attached to it. */
function insertionPoint(source: string, anchor: Node): number {
  let at = lineStartOf(source, anchor.startIndex);
  let row = anchor.startPosition.row;
  for (let prev = anchor.previousSibling; prev?.type === 'comment' && prev.endPosition.row === row - 1; prev = prev.previousSibling) {
    at = lineStartOf(source, prev.startIndex);
    row = prev.startPosition.row;
  }
  return at;
}

function helperText(ctx: FileContext, asyncio: string, name: string, at: number): string {
  const i = indentUnit(ctx.source);
  const nl = ctx.eol;
  const lead = at === 0 ? '' : nl.repeat(Math.max(0, 2 - blankLinesBefore(ctx.source, at)));
  return [
    `${lead}def ${name}():`,
    `${i}"""The running event loop, else a new loop set as the current one."""`,
    `${i}try:`,
    `${i}${i}return ${asyncio}.get_running_loop()`,
    `${i}except RuntimeError:`,
    `${i}${i}loop = ${asyncio}.new_event_loop()`,
    `${i}${i}${asyncio}.set_event_loop(loop)`,
    `${i}${i}return loop`,
    '',
    '',
    '',
  ].join(nl);
}
