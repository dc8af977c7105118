import type { FileContext } from '../src/rule-api/context.js';
import type { Node } from '../src/python/parser.js';
import { isAttributeName, isKeywordName } from '../src/python/loops.js';
import { appendArgument } from '../src/python/arguments.js';
import { argumentCount, enclosingFunction, inCoroutine } from '../src/python/nodes.js';
import { mergeInsertions } from '../src/python/region.js';
import { removeStatements } from '../src/python/statements.js';
import { lineStartOf, withFollowingBlankLines } from '../src/python/text.js';
import { defineTransform } from '../src/rule-api/transform.js';
import type { Edit } from '../src/common/types.js';

const docs = `## What it does
Finds \`asyncio.set_event_loop_policy(X())\` and \`uvloop.install()\` in a program with a single
\`asyncio.run(main())\` entry point and passes the loop choice to that entry point instead:
\`asyncio.run(main(), loop_factory=...)\` for a policy (Python 3.12+), \`uvloop.run(main())\` for
\`uvloop.install()\`. A policy set under \`if <condition>:\` becomes
\`loop_factory=<factory> if <condition> else None\`.

## Why is this bad?
Python 3.14 deprecates the event loop policy system (\`asyncio.set_event_loop_policy\`,
\`get_event_loop_policy\` and the \`*EventLoopPolicy\` classes), to be removed in 3.16; the loop to use is
now chosen where it is created, with the \`loop_factory\` argument of \`asyncio.run()\` (3.12+) or
\`asyncio.Runner\` (3.11+). \`uvloop.install()\` sets a policy too and warns on Python 3.12+; uvloop
documents \`uvloop.run(main())\` instead.

## Example
\`\`\`python
import asyncio
import sys

if sys.platform == "win32":
    asyncio.set_event_loop_policy(asyncio.WindowsSelectorEventLoopPolicy())
asyncio.run(main())
\`\`\`

## Use instead
\`\`\`python
import asyncio
import sys

asyncio.run(main(), loop_factory=asyncio.SelectorEventLoop if sys.platform == "win32" else None)
\`\`\`

## Fix safety
Unsafe. A policy applies to every loop the process creates (other threads, \`new_event_loop()\`, test
runners); the loop factory only to the one \`asyncio.run()\`. With a loop factory \`asyncio.run()\` does not
make its loop the current one for synchronous code outside it. Known policies map to their loop classes
(\`WindowsSelectorEventLoopPolicy\` → \`asyncio.SelectorEventLoop\`, \`WindowsProactorEventLoopPolicy\` →
\`asyncio.ProactorEventLoop\`, \`uvloop.EventLoopPolicy\` → \`uvloop.new_event_loop\`,
\`DefaultEventLoopPolicy\` → no factory); any other policy object \`p\` gives \`p.new_event_loop\`. The fix
needs \`--target-version py312\` or newer (the policy system works until then). It is reported without a
fix when the file has no single \`asyncio.run()\` call that runs after the policy is set (the policy is
set in a library module, say), when the call is not a statement of its own, and for
\`set_event_loop_policy(None)\`.

## References
- [asyncio policies (deprecated in 3.14)](https://docs.python.org/3/library/asyncio-policy.html)
- [asyncio.run loop_factory](https://docs.python.org/3/library/asyncio-runner.html#asyncio.run)
- [uvloop: using uvloop](https://github.com/MagicStack/uvloop#using-uvloop)
`;

/** Policies whose loops a plain loop class or function creates. */
const KNOWN_FACTORIES: Record<string, [module: string, name: string] | null> = {
  'asyncio.WindowsSelectorEventLoopPolicy': ['asyncio', 'SelectorEventLoop'],
  'asyncio.WindowsProactorEventLoopPolicy': ['asyncio', 'ProactorEventLoop'],
  'asyncio.DefaultEventLoopPolicy': null,
  'uvloop.EventLoopPolicy': ['uvloop', 'new_event_loop'],
};

export default defineTransform({
  code: 'LM110',
  name: 'event-loop-policy',
  summary: 'an event loop policy (or uvloop.install()) set for asyncio.run(); pass a loop factory instead',
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.12',
  about: { calls: ['asyncio.set_event_loop_policy', 'uvloop.install'] },
  query: '(call function: [(identifier) (attribute)] @fn arguments: (argument_list) @args) @call',
  captures: ['call', 'fn', 'args'],
  check(match, ctx) {
    const call = ctx.capture(match, 'call');
    const args = ctx.capture(match, 'args');
    const kind = ctx.resolve(ctx.capture(match, 'fn'));
    if (!call || !args) return null;
    if (kind === 'uvloop.install' && argumentCount(args) === 0) {
      const message = '`uvloop.install()` sets an event loop policy (deprecated in Python 3.14, and uvloop warns on 3.12+); run the entry point with `uvloop.run(main())`';
      return policyFinding(ctx, call, message, 'uvloop');
    }
    if (kind === 'asyncio.set_event_loop_policy' && argumentCount(args) === 1) {
      const message = '`asyncio.set_event_loop_policy()` is deprecated in Python 3.14; pass `loop_factory=` to `asyncio.run()` instead';
      const arg = args.namedChildren.find((c) => c && c.type !== 'comment');
      if (arg?.type === 'none') return ctx.finding({ node: call, message: `${message} (\`set_event_loop_policy(None)\` restores the default policy: remove it once nothing else sets one)` });
      if (!arg || arg.type === 'keyword_argument') return ctx.finding({ node: call, message });
      return policyFinding(ctx, call, message, arg);
    }
    return null;
  },
});

function policyFinding(ctx: FileContext, call: Node, message: string, policy: Node | 'uvloop') {
  const result = policyFix(ctx, call, policy);
  if (typeof result === 'string') return ctx.finding({ node: call, message: `${message} (${result})` });
  return ctx.finding({ node: call, message, fix: { safety: 'unsafe', edits: result } });
}

/** The edits, or why there are none. */
function policyFix(ctx: FileContext, call: Node, policy: Node | 'uvloop'): Edit[] | string {
  if (inCoroutine(call)) return 'it is set inside a coroutine';
  const stmt = call.parent;
  if (stmt?.type !== 'expression_statement' || stmt.namedChildren.length !== 1) return 'it is not a statement of its own';
  const guard = conditionOf(stmt);
  const removed = guard ?? stmt;
  const runs = ctx.memo('LM110:runs', () => ctx.callsNamed(['run']).filter((c) => ctx.resolve(c.childForFieldName('function')) === 'asyncio.run' && !inCoroutine(c)));
  const entry = runs[0];
  if (runs.length !== 1 || !entry) return runs.length === 0 ? 'no `asyncio.run()` entry point in this file' : `no single entry point: ${runs.length} \`asyncio.run()\` calls in this file`;
  if (entry.startIndex < removed.endIndex) return 'the `asyncio.run()` call comes before the policy is set';
  const policyScope = enclosingFunction(removed);
  if (policyScope !== null && policyScope.id !== enclosingFunction(entry)?.id) return 'it is set in a function that may not run before `asyncio.run()`';
  const entryArgs = entry.childForFieldName('arguments');
  const argNodes = entryArgs?.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment') ?? [];
  const last = argNodes[argNodes.length - 1];
  if (!entryArgs || !last || argNodes.some((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'loop_factory')) return '`asyncio.run()` already has a loop factory';
  if (argNodes.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return '`asyncio.run()` takes unpacked arguments';
  const condition = guard?.childForFieldName('condition') ?? null;
  if (condition && !sameMeaningAt(ctx, condition, entry)) return 'its condition cannot be evaluated at the `asyncio.run()` call';

  const inner: Edit[] = [];
  if (policy === 'uvloop') {
    if (condition) return 'it is installed conditionally';
    const run = ctx.ensureImport('uvloop', 'run', entry);
    const fn = entry.childForFieldName('function');
    if (!run || !fn) return '`uvloop` is shadowed at the `asyncio.run()` call';
    inner.push({ start: fn.startIndex, end: fn.endIndex, text: run.ref }, ...run.edits);
  } else {
    const factory = factoryFor(ctx, policy, entry);
    if (factory === undefined) return 'the loop class cannot be referred to at the `asyncio.run()` call';
    if (factory !== null) {
      const value = condition ? `${factory.ref} if ${condition.text} else None` : factory.ref;
      const args = entry.childForFieldName('arguments');
      inner.push(args ? appendArgument(ctx.source, args, `loop_factory=${value}`, ctx.eol) : { start: last.endIndex, end: last.endIndex, text: `, loop_factory=${value}` }, ...factory.edits);
    }
  }
  const edits = removeStatements(ctx.source, [removed], inner);
  if (!edits) return 'it shares its line with other code';
  const at = lineStartOf(ctx.source, removed.startIndex);
  return mergeInsertions(edits.map((e) => (e.start === at && e.text === '' ? withFollowingBlankLines(ctx.source, e) : e)));
}

/** The `if` statement whose only content is `stmt` (no elif/else), or null. */
function conditionOf(stmt: Node): Node | null {
  const block = stmt.parent;
  const ifStmt = block?.parent;
  if (block?.type !== 'block' || ifStmt?.type !== 'if_statement' || ifStmt.childForFieldName('consequence')?.id !== block.id) return null;
  if (ifStmt.namedChildren.some((c) => c?.type === 'elif_clause' || c?.type === 'else_clause')) return null;
  const body = block.namedChildren.filter((c) => c && c.type !== 'comment');
  return body.length === 1 ? ifStmt : null;
}

/** Every name the condition reads is an import that means the same at `at`, so it can be evaluated there. */
function sameMeaningAt(ctx: FileContext, condition: Node, at: Node): boolean {
  for (const id of condition.descendantsOfType('identifier')) {
    if (!id || isAttributeName(id) || isKeywordName(id)) continue;
    const here = ctx.scopes.lookup(id.text, id);
    if (!here.binding || ctx.scopes.lookup(id.text, at).binding !== here.binding) return false;
  }
  return true;
}

/** The loop factory expression for a policy object: null for the default loop, undefined when unusable. */
function factoryFor(ctx: FileContext, policy: Node, at: Node): { ref: string; edits: Edit[] } | null | undefined {
  if (policy.type === 'call' && argumentCount(policy.childForFieldName('arguments')) === 0) {
    const known = KNOWN_FACTORIES[ctx.resolve(policy.childForFieldName('function')) ?? ''];
    if (known === null) return null;
    if (known) return ctx.ensureImport(known[0], known[1], at) ?? undefined;
  }
  if (policy.descendantsOfType('identifier').some((id) => id && !isAttributeName(id) && !isKeywordName(id) && ctx.scopes.lookup(id.text, id).binding !== ctx.scopes.lookup(id.text, at).binding)) {
    return undefined;
  }
  const simple = policy.type === 'call' || policy.type === 'identifier' || policy.type === 'attribute';
  return { ref: simple ? `${policy.text}.new_event_loop` : `(${policy.text}).new_event_loop`, edits: [] };
}
