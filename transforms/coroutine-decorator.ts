import type { FileContext } from '../src/rule-api/context.js';
import type { Node } from '../src/python/parser.js';
import { decoratorExpression, definitionOf, definitionStatement } from '../src/python/decorators.js';
import { isPlainGenerator, needsParenthesesAfterAwait, ownReturns, ownYields } from '../src/python/generators.js';
import { isAsyncDef, isNameReference } from '../src/python/nodes.js';
import { removeStatements } from '../src/python/statements.js';
import { lineRemoval } from '../src/python/text.js';
import { defineTransform } from '../src/rule-api/transform.js';
import type { Edit, Safety } from '../src/common/types.js';

const docs = `## What it does
Turns generator-based coroutines into native ones: removes \`@asyncio.coroutine\` (also imported as
\`from asyncio import coroutine\`, and among other decorators), makes the function an \`async def\` and
rewrites its \`yield from x\` into \`await x\`, and \`with (yield from lock):\` into \`async with lock:\`.
Other uses of \`asyncio.coroutine\` (calling it on a function, keeping a reference) are reported.

## Why is this bad?
\`asyncio.coroutine\` was deprecated in Python 3.8 and removed in 3.11: importing such a module fails
with \`AttributeError: module 'asyncio' has no attribute 'coroutine'\`. \`with (yield from lock):\` stopped
working in 3.9 already.

## Example
\`\`\`python
import asyncio

@asyncio.coroutine
def fetch(reader, lock):
    with (yield from lock):
        data = yield from reader.read(100)
    return data
\`\`\`

## Use instead
\`\`\`python
import asyncio

async def fetch(reader, lock):
    async with lock:
        data = await reader.read(100)
    return data
\`\`\`

## Fix safety
Safe when the body's only generator use is \`yield from\`; a lone \`yield from ()\` or \`yield from
[]\` statement (a trick to make a function a generator) is deleted. A bare \`yield\`, \`yield
value\`, a \`yield\` inside a comprehension, \`yield from\` a literal or a plain generator defined
in the same file (\`await\` rejects both), \`async\`/\`await\` used as names, \`with (yield from x),
other:\`, or a decorated \`__iter__\`/\`__await__\` (the old way to make objects awaitable) makes it
a report without a fix: such functions need a human decision. A decorated function without any
\`yield\` is unsafe when it returns something other than a literal: the decorator awaited whatever
the function returned (a future, a coroutine), a plain \`async def\` returns it as it is. Callers in
other modules that drive the generator by hand (\`yield from f()\` in an undecorated generator,
\`f().send(None)\`) need updating too.

## References
- [What's new in Python 3.11: removed asyncio.coroutine](https://docs.python.org/3/whatsnew/3.11.html#removed)
- [PEP 492 – Coroutines with async and await syntax](https://peps.python.org/pep-0492/)
`;

const LITERALS = new Set(['none', 'true', 'false', 'integer', 'float', 'string', 'concatenated_string']);
/** Operands of `yield from` that iterate fine but are never awaitable (`yield from ()` made a function a generator). */
const NEVER_AWAITABLE = new Set([...LITERALS, 'tuple', 'list', 'set', 'dictionary', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

export default defineTransform({
  code: 'LM107',
  name: 'coroutine-decorator',
  summary: '`@asyncio.coroutine` generator; use `async def` and `await`',
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.5',
  about: { names: ['asyncio.coroutine'] },
  query: `(decorator) @decorator
    ((attribute attribute: (identifier) @name (#eq? @name "coroutine")) @ref)
    ((identifier) @ref (#eq? @ref "coroutine"))`,
  captures: ['decorator', 'ref', 'name'],
  check(match, ctx) {
    const decorator = ctx.capture(match, 'decorator');
    if (decorator) return decorated(ctx, decorator);
    // Any other use (`asyncio.coroutine(fn)`, `wrap = asyncio.coroutine`) fails on 3.11 too.
    const ref = ctx.capture(match, 'ref');
    if (!ref || ref.parent?.type === 'decorator' || (ref.type === 'identifier' && !isNameReference(ref))) return null;
    if (ctx.resolve(ref) !== 'asyncio.coroutine') return null;
    return ctx.finding({ node: ref, message: '`asyncio.coroutine` was removed in Python 3.11; define the function with `async def` instead' });
  },
});

function decorated(ctx: FileContext, decorator: Node) {
  if (ctx.resolve(decoratorExpression(decorator)) !== 'asyncio.coroutine') return null;
  const fn = decorator.parent?.childForFieldName('definition');
  if (!fn || fn.type !== 'function_definition') return null;
  const name = fn.childForFieldName('name')?.text ?? '?';
  const report = (why: string) => ctx.finding({ node: decorator, message: `\`@asyncio.coroutine\` was removed in Python 3.11, but \`${name}\` ${why}; rewrite it as \`async def\` by hand` });
  const removal = lineRemoval(ctx.source, decorator);
  if (!removal) return report('shares its decorator line with other code');
  if (isAsyncDef(fn)) {
    return ctx.finding({ node: decorator, message: `\`@asyncio.coroutine\` on an \`async def\` does nothing and was removed in Python 3.11; drop it`, fix: { safety: 'safe', edits: [removal] } });
  }

  // `__await__ = __iter__` made objects awaitable: both must stay generator functions.
  if (name === '__iter__' || name === '__await__') return report('implements the awaitable protocol, which needs a generator, not a coroutine');
  const yields = ownYields(fn);
  if (yields.some((y) => !y.from)) return report('uses `yield` (not `yield from`), so it is a generator, not only a coroutine');
  if (yields.some((y) => y.inComprehension)) return report('uses `yield from` inside a comprehension');
  const body = fn.childForFieldName('body');
  // Only a body whose text has the words can use them as names (the tree is asked only then).
  if (body && ctx.mentions(['async', 'await'], body) && body.descendantsOfType('identifier').some((id) => id?.text === 'async' || id?.text === 'await')) {
    return report('uses `async` or `await` as a name');
  }

  // At module level the decorator line ends where `def` starts: one edit, or they would collide.
  const edits: Edit[] = removal.end === fn.startIndex ? [{ ...removal, text: 'async ' }] : [removal, { start: fn.startIndex, end: fn.startIndex, text: 'async ' }];
  for (const y of yields) {
    const operand = y.node.namedChildren.find((c) => c && c.type !== 'comment');
    if (!operand) return null;
    if (isEmptyLiteral(operand) && y.node.parent?.type === 'expression_statement') {
      // `yield from ()` on its own only made the function a generator; an `async def` needs no such trick.
      const dropped = removeStatements(ctx.source, [y.node.parent], []);
      if (!dropped) return report(`uses \`yield from ${operand.text}\` on a line shared with other code`);
      edits.push(...dropped);
      continue;
    }
    if (NEVER_AWAITABLE.has(operand.type)) return report(`uses \`yield from ${shorten(operand.text)}\`, which \`await\` rejects`);
    if (plainGeneratorCall(ctx, operand, fn)) return report(`awaits \`${shorten(operand.text)}\`, a plain generator, which \`await\` rejects`);
    const lockIdiom = withLockOperand(y.node);
    if (lockIdiom === 'unsupported') return report('uses `with (yield from ...)` together with other context managers');
    if (lockIdiom) {
      const { statement, paren } = lockIdiom;
      edits.push(
        { start: statement.startIndex, end: statement.startIndex, text: 'async ' },
        { start: paren.startIndex, end: operand.startIndex, text: '' },
        { start: operand.endIndex, end: paren.endIndex, text: '' },
      );
      continue;
    }
    const wrap = needsParenthesesAfterAwait(operand);
    edits.push({ start: y.node.startIndex, end: operand.startIndex, text: wrap ? 'await (' : 'await ' });
    if (wrap) edits.push({ start: operand.endIndex, end: operand.endIndex, text: ')' });
  }

  let safety: Safety = 'safe';
  let note = '';
  if (yields.length === 0 && ownReturns(fn).some((r) => returnsNonLiteral(r))) {
    safety = 'unsafe';
    note = ' (it has no `yield from`, and the decorator awaited what it returned: check that its return values are not awaitables)';
  }
  return ctx.finding({
    node: decorator,
    message: `\`@asyncio.coroutine\` was removed in Python 3.11; make \`${name}\` an \`async def\` using \`await\`${note}`,
    fix: { safety, edits },
  });
}

function isEmptyLiteral(node: Node): boolean {
  return (node.type === 'tuple' || node.type === 'list') && !node.namedChildren.some((c) => c && c.type !== 'comment');
}

function shorten(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 37)}...` : one;
}

function returnsNonLiteral(ret: Node): boolean {
  const value = ret.namedChildren.find((c) => c && c.type !== 'comment');
  return value !== undefined && value !== null && !(LITERALS.has(value.type) && !value.descendantsOfType('interpolation').length);
}

/**
 * `with (yield from lock):` → the with statement to make `async with` and the parentheses to drop;
 * 'unsupported' when that parenthesised yield is one of several context managers; null when the
 * yield is elsewhere.
 */
function withLockOperand(yieldNode: Node): { statement: Node; paren: Node } | 'unsupported' | null {
  const paren = yieldNode.parent;
  if (paren?.type !== 'parenthesized_expression') return null;
  let item = paren.parent;
  if (item?.type === 'as_pattern') item = item.parent;
  if (item?.type !== 'with_item') return null;
  const clause = item.parent;
  const statement = clause?.parent;
  if (clause?.type !== 'with_clause' || statement?.type !== 'with_statement') return null;
  return clause.namedChildren.filter((c) => c?.type === 'with_item').length === 1 ? { statement, paren } : 'unsupported';
}

/** `yield from helper()` where helper is an undecorated generator function of this module or class. */
function plainGeneratorCall(ctx: FileContext, operand: Node, self: Node): boolean {
  if (operand.type !== 'call') return false;
  const callee = operand.childForFieldName('function');
  if (!callee) return false;
  let candidates: Node[] = [];
  if (callee.type === 'identifier') {
    for (let scope = ctx.scopes.scopeOf(callee); scope.kind !== 'module' && scope.parent; scope = scope.parent) {
      if (scope.kind === 'function' && (scope.others.has(callee.text) || scope.imports.has(callee.text))) return false;
    }
    candidates = definitionsIn(ctx.root, callee.text);
  } else if (callee.type === 'attribute' && callee.childForFieldName('object')?.text === 'self') {
    const cls = classOf(self);
    const body = cls?.childForFieldName('body');
    const method = callee.childForFieldName('attribute')?.text;
    if (body && method) candidates = definitionsIn(body, method);
  }
  // A decorated generator may be wrapped into anything (a coroutine, for `@types.coroutine`).
  return candidates.length > 0 && candidates.every((d) => isPlainGenerator(d) && d.parent?.type !== 'decorated_definition');
}

function definitionsIn(block: Node, name: string): Node[] {
  const out: Node[] = [];
  for (const stmt of block.namedChildren) {
    const def = stmt && definitionOf(stmt);
    if (def?.type === 'function_definition' && def.childForFieldName('name')?.text === name) out.push(def);
  }
  return out;
}

function classOf(method: Node): Node | null {
  const cur = definitionStatement(method).parent;
  return cur?.type === 'block' && cur.parent?.type === 'class_definition' ? cur.parent : null;
}
