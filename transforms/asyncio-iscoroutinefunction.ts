import type { FileContext } from '../src/rule-api/context.js';
import type { Node } from '../src/python/parser.js';
import { definitionOf } from '../src/python/decorators.js';
import { assignedValues } from '../src/python/assignments.js';
import { isNameReference, mirrorsComparison } from '../src/python/nodes.js';
import { defineTransform } from '../src/rule-api/transform.js';

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
From Python 3.10 on, both functions answer alike for \`async def\` functions, methods,
\`functools.partial\` objects and \`unittest.mock.AsyncMock\`. They differ for \`@asyncio.coroutine\`
generators (removed in Python 3.11, see LM107) and for any object that marks itself with asyncio's
private \`_is_coroutine\` attribute, as decorator libraries did for their wrappers before
\`inspect.markcoroutinefunction\` (Python 3.12): asyncio's function says \`True\` for such a wrapper,
inspect's says \`False\`. So the fix is:
- safe when the argument is a function this module defines without a decorator;
- reported without a fix when the argument is a decorated function or the result of a call (a
  wrapper that may carry the marker), when the module mentions \`_is_coroutine\`, and when the
  rewrite would make both sides of a comparison the same (code that compares the two functions on
  purpose);
- unsafe otherwise (a parameter, an attribute: usually a plain callable, but only its callers know).
Before 3.10 \`inspect.iscoroutinefunction(AsyncMock())\` is \`False\`, so the fix needs a target of
py310 or newer.
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
  about: { names: ['asyncio.iscoroutinefunction'] },
  query: `((attribute attribute: (identifier) @name (#eq? @name "iscoroutinefunction")) @ref)
    ((identifier) @ref (#eq? @ref "iscoroutinefunction"))`,
  captures: ['ref'],
  check(match, ctx) {
    const ref = ctx.capture(match, 'ref');
    if (!ref || (ref.type === 'identifier' && !isNameReference(ref))) return null;
    if (ctx.resolve(ref) !== 'asyncio.iscoroutinefunction') return null;
    const replacement = ctx.ensureImport('inspect', 'iscoroutinefunction', ref);
    const message = '`asyncio.iscoroutinefunction` is deprecated since Python 3.14; use `inspect.iscoroutinefunction`';
    if (!replacement) return ctx.finding({ node: ref, message });
    const argument = argumentKind(ctx, ref);
    const why =
      argument.kind === 'wrapped'
        ? `\`${argument.name}\` is ${argument.how}; a wrapper that marks itself with asyncio's \`_is_coroutine\` is a coroutine function to asyncio only: make sure it uses \`inspect.markcoroutinefunction\` (Python 3.12) before switching`
        : ctx.source.includes('_is_coroutine')
          ? "this module uses asyncio's `_is_coroutine` marker, which only asyncio's function recognises"
          : mirrorsComparison(ref, replacement.ref)
            ? 'the rewrite would make both sides of this comparison the same, so the comparison looks deliberate'
            : null;
    if (why) return ctx.finding({ node: ref, message: `${message}; not fixed: ${why}` });
    return ctx.finding({
      node: ref,
      message,
      fix: { safety: argument.kind === 'plain' ? 'safe' : 'unsafe', edits: [{ start: ref.startIndex, end: ref.endIndex, text: replacement.ref }, ...replacement.edits] },
    });
  },
});

type ArgumentKind = { kind: 'plain' } | { kind: 'wrapped'; name: string; how: string } | { kind: 'unknown' };

/** What the callable handed to `iscoroutinefunction(...)` is, as far as this module shows. */
function argumentKind(ctx: FileContext, ref: Node): ArgumentKind {
  const call = ref.parent?.type === 'call' && ref.parent.childForFieldName('function')?.id === ref.id ? ref.parent : null;
  const arg = call?.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment' && c.type !== 'keyword_argument');
  if (!arg) return { kind: 'unknown' };
  if (arg.type === 'call') return { kind: 'wrapped', name: arg.text.length > 40 ? 'the argument' : arg.text, how: 'the result of a call' };
  if (arg.type !== 'identifier') return { kind: 'unknown' };
  const scope = ctx.scopes.definingScope(arg.text, arg);
  if (!scope) return { kind: 'unknown' };
  const body = scope.kind === 'module' ? scope.node : scope.node.childForFieldName('body');
  for (const stmt of body?.namedChildren ?? []) {
    const def = stmt && definitionOf(stmt);
    if (def?.type !== 'function_definition' || def.childForFieldName('name')?.text !== arg.text) continue;
    if (stmt?.type === 'decorated_definition') return { kind: 'wrapped', name: arg.text, how: 'a decorated function' };
  }
  if (assignedValues(arg.text, scope).some((v) => v.type === 'call')) return { kind: 'wrapped', name: arg.text, how: 'the result of a call' };
  const defined = (body?.namedChildren ?? []).some((stmt) => stmt?.type === 'function_definition' && stmt.childForFieldName('name')?.text === arg.text);
  return defined && assignedValues(arg.text, scope).length === 0 ? { kind: 'plain' } : { kind: 'unknown' };
}
