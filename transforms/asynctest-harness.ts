import type { FileContext } from '../src/rule-api/context.js';
import type { Node } from '../src/python/parser.js';
import { definitionOf, definitionStatement } from '../src/python/decorators.js';
import { importInsertion, memberInsertion, removeBindings } from '../src/python/imports.js';
import { isAsyncDef, isNameReference } from '../src/python/nodes.js';
import type { ImportBinding } from '../src/python/scope.js';
import { lineRemoval, lineStartOf } from '../src/python/text.js';
import { defineTransform } from '../src/rule-api/transform.js';
import type { Edit, Finding, Safety } from '../src/common/types.js';

const docs = `## What it does
Moves test suites written for asynctest or aiounittest to the standard library:

- a class deriving from \`asynctest.TestCase\` or \`aiounittest.AsyncTestCase\` (also imported with
  \`from asynctest import TestCase\`, aliased, or through \`asynctest.case\`) derives from
  \`unittest.IsolatedAsyncioTestCase\`; in it and in its subclasses in the same module, \`async def
  setUp\`/\`tearDown\` become \`asyncSetUp\`/\`asyncTearDown\` (\`await super().setUp()\` inside them too),
  and \`self.addCleanup()\` of one of the class's coroutine methods or of a module-level \`async def\`
  becomes \`self.addAsyncCleanup()\`. Sync \`setUp\`/\`tearDown\` stay as they are;
- \`asynctest.CoroutineMock\` becomes \`unittest.mock.AsyncMock\`, and asynctest's \`Mock\`, \`MagicMock\`,
  \`NonCallableMock\`, \`NonCallableMagicMock\`, \`PropertyMock\`, \`patch\` (with \`patch.object\`,
  \`patch.dict\`, \`patch.multiple\`), \`create_autospec\`, \`mock_open\`, \`call\`, \`ANY\`, \`sentinel\` and
  \`DEFAULT\` become the \`unittest.mock\` names; what asynctest re-exports from \`unittest\`
  (\`asynctest.main\`, \`asynctest.skip\`, ...) becomes \`unittest.\`.

Imports take the smallest edit that keeps every use consistent. A qualified use
(\`asynctest.CoroutineMock()\`) is rewritten where it is (\`unittest.mock.AsyncMock()\`), reusing an import
the module has (with \`from unittest import mock\` it becomes \`mock.AsyncMock()\`), else turning
\`import unittest\` into \`import unittest.mock\` or adding \`import unittest.mock\` where \`import asynctest\`
was. A \`from asynctest import ...\` statement is rewritten instead of its uses:
\`from asynctest import CoroutineMock, patch\` becomes \`from unittest.mock import AsyncMock, patch\`, and only
the uses of \`CoroutineMock\` change (to \`AsyncMock\`); a name is moved only when every use of it is
converted, otherwise its converted uses are rewritten as \`unittest.mock.X\`. A base class imported as
\`from asynctest import TestCase\` becomes \`IsolatedAsyncioTestCase\` with \`from unittest import
IsolatedAsyncioTestCase\`. An asynctest or aiounittest import nothing uses is removed; one that the fixes
leave unused goes away with them.

Reported without a fix, with what to do instead, because the standard library has no equivalent:
\`self.loop\` (use \`asyncio.get_running_loop()\` inside coroutines), the class attributes
\`use_default_loop\` and \`forbid_get_event_loop\`, \`self.assertAsyncRaises()\` and its siblings,
\`@asynctest.fail_on\`, \`@asynctest.strict\`, \`@asynctest.lenient\`, \`@asynctest.ignore_loop\`,
\`asynctest.ClockedTestCase\` (\`advance()\`), \`asynctest.FunctionTestCase\`, the mock selector and
sockets of \`asynctest.selector\`, \`asynctest.helpers.exhaust_callbacks\`, \`asynctest.return_once\`,
the \`scope=\` argument of asynctest's \`patch()\`, a \`CoroutineMock\`'s \`.awaited\` event,
\`aiounittest.async_test\`, \`aiounittest.futurized\`, \`aiounittest.AsyncMockIterator\` and an
aiounittest \`get_event_loop()\` override. A class that uses any of them is reported as a whole, with
its subclasses in the module, and left as it is (mock names inside it included); the module's other
classes and mock names are still converted. A class whose coroutine \`setUp\` overrides a sync one (or
the reverse) is reported too.

## Why is this bad?
asynctest does not import on Python 3.11+: it decorates its helpers with \`asyncio.coroutine\`, which
3.11 removed (\`AttributeError: module 'asyncio' has no attribute 'coroutine'\`), and it is not
maintained; aiounittest is unmaintained as well. Since Python 3.8 the standard library covers what they
were used for: \`unittest.IsolatedAsyncioTestCase\` runs \`async def\` tests, \`asyncSetUp()\`,
\`asyncTearDown()\` and \`addAsyncCleanup()\`, and \`unittest.mock.AsyncMock\` mocks coroutine functions.
In 3.8+ \`unittest.mock.MagicMock\` also supports the async magic methods (\`async with\`, \`async for\`)
that \`asynctest.MagicMock\` added, and \`Mock(spec=...)\`, \`create_autospec()\` and \`patch()\` make an
\`AsyncMock\` for a coroutine function, as asynctest's did with \`CoroutineMock\`: they are drop-in
replacements. A coroutine \`setUp\` must be renamed: \`IsolatedAsyncioTestCase\` calls \`setUp()\`
without awaiting it and awaits \`asyncSetUp()\`.

## Example
\`\`\`python
import asynctest

class ClientTest(asynctest.TestCase):
    async def setUp(self):
        self.client = await connect()

    async def tearDown(self):
        await self.client.close()

    async def test_get(self):
        self.client.fetch = asynctest.CoroutineMock(return_value=b"ok")
        self.assertEqual(await self.client.get(), b"ok")
\`\`\`

## Use instead
\`\`\`python
import unittest.mock

class ClientTest(unittest.IsolatedAsyncioTestCase):
    async def asyncSetUp(self):
        self.client = await connect()

    async def asyncTearDown(self):
        await self.client.close()

    async def test_get(self):
        self.client.fetch = unittest.mock.AsyncMock(return_value=b"ok")
        self.assertEqual(await self.client.get(), b"ok")
\`\`\`

## Fix safety
The class conversion is unsafe: \`IsolatedAsyncioTestCase\` is another loop harness. It runs each test
in a new loop through \`asyncio.Runner\` with debug mode on (slow callbacks are logged, and calls into
the loop from other threads that are not thread-safe raise), and it cancels the tasks a test leaves
behind; sync tests and \`setUp()\` run outside the loop. Functions passed to \`self.addCleanup()\` that
are coroutine functions (other than the class's own \`async def\` methods and module-level \`async def\`
functions, which are converted) are no longer awaited: register them with \`addAsyncCleanup()\`. A
class deriving from a converted base class in another module keeps its coroutine \`setUp\`: rename it
to \`asyncSetUp\` there too. The mock renames are safe; they are unsafe in a module that reads
\`.awaited\`, which only asynctest's mocks have.

## References
- [unittest.IsolatedAsyncioTestCase](https://docs.python.org/3/library/unittest.html#unittest.IsolatedAsyncioTestCase)
- [unittest.mock.AsyncMock](https://docs.python.org/3/library/unittest.mock.html#unittest.mock.AsyncMock)
- [What's new in Python 3.11: removed asyncio.coroutine](https://docs.python.org/3/whatsnew/3.11.html#removed)
- [asynctest: TestCase](https://asynctest.readthedocs.io/en/latest/asynctest.case.html)
- [asynctest: mock](https://asynctest.readthedocs.io/en/latest/asynctest.mock.html)
`;

type Package = 'asynctest' | 'aiounittest';
const PACKAGES: readonly Package[] = ['asynctest', 'aiounittest'];

/** Where the packages define what they export (the top-level name is what the rule reasons about). */
const MODULES = new Set([
  'asynctest',
  'asynctest.case',
  'asynctest.mock',
  'asynctest.helpers',
  'asynctest.selector',
  'asynctest._fail_on',
  'aiounittest',
  'aiounittest.case',
  'aiounittest.helpers',
  'aiounittest.mock',
]);

/** The test case class each package provides. */
const HARNESS: Record<Package, string> = { asynctest: 'TestCase', aiounittest: 'AsyncTestCase' };

/** asynctest's mock names and their unittest.mock equivalents (3.8+). */
const MOCK_NAMES: ReadonlyMap<string, string> = new Map([
  ['CoroutineMock', 'AsyncMock'],
  ...['Mock', 'MagicMock', 'NonCallableMock', 'NonCallableMagicMock', 'PropertyMock', 'patch', 'create_autospec', 'mock_open', 'call', 'ANY', 'sentinel', 'DEFAULT'].map((n): [string, string] => [
    n,
    n,
  ]),
]);

/**
 * What asynctest re-exports from unittest (`from unittest import *`) and Python 3.13 still has
 * (makeSuite, findTestCases and getTestCaseNames are gone).
 */
const UNITTEST_NAMES = new Set([
  'main',
  'skip',
  'skipIf',
  'skipUnless',
  'expectedFailure',
  'SkipTest',
  'TestSuite',
  'TestLoader',
  'TextTestRunner',
  'TextTestResult',
  'TestResult',
  'defaultTestLoader',
  'installHandler',
  'registerResult',
  'removeResult',
  'removeHandler',
  'addModuleCleanup',
]);

const BROKEN = 'asynctest fails to import on Python 3.11+ (it uses the removed `asyncio.coroutine`)';
const UNMAINTAINED = 'aiounittest is unmaintained and the standard library replaces it';

const SELECTOR_NAMES = ['TestSelector', 'SocketMock', 'SSLSocketMock', 'FileMock', 'FileDescriptor', 'fd', 'isfilemock', 'set_read_ready', 'set_write_ready'];
const CHECK_DECORATORS = ['fail_on', 'strict', 'lenient', 'ignore_loop'];

/** What to do instead of the names that have no standard equivalent. */
function noEquivalent(pkg: Package, name: string): string {
  const q = `\`${pkg}.${name}\``;
  if (pkg === 'asynctest') {
    if (name === 'ClockedTestCase') {
      return `${q} (a test loop whose clock only moves with \`advance()\`) has no standard equivalent: derive from \`unittest.IsolatedAsyncioTestCase\` and replace \`await self.advance(n)\` by short real sleeps or by mocking the timers the code uses`;
    }
    if (name === 'FunctionTestCase') {
      return `${q} has no standard equivalent that runs coroutine functions: make the test a method of a \`unittest.IsolatedAsyncioTestCase\`, or give \`unittest.FunctionTestCase\` a function that calls \`asyncio.run()\``;
    }
    if (CHECK_DECORATORS.includes(name)) {
      return `\`@asynctest.${name}\` configures asynctest's post-test checks, which have no standard equivalent: drop it (\`unittest.IsolatedAsyncioTestCase\` runs tests in debug mode, which logs never-awaited coroutines and slow callbacks)`;
    }
    if (name === 'exhaust_callbacks') {
      return `${q} has no standard equivalent: \`await asyncio.sleep(0)\`, as many times as the callbacks need, lets the scheduled callbacks run`;
    }
    if (SELECTOR_NAMES.includes(name)) {
      return `${q} (asynctest's mock selector and sockets) has no standard equivalent: test with real sockets (\`socket.socketpair()\`) or mock the transport and protocol instead`;
    }
    if (name === 'return_once') {
      return `${q} has no standard equivalent: use \`side_effect=itertools.chain([value], itertools.repeat(then))\``;
    }
    return `${q} has no standard-library replacement loopmigrate knows of, and ${BROKEN}: replace it by hand`;
  }
  if (name === 'async_test' || name === 'run_sync') {
    return `${q} runs a coroutine on a loop of its own; ${UNMAINTAINED}: make the test an \`async def\` method of a \`unittest.IsolatedAsyncioTestCase\` and drop the decorator`;
  }
  if (name === 'futurized') {
    return `${q} has no standard equivalent (${UNMAINTAINED}): mock the coroutine function with \`unittest.mock.AsyncMock(return_value=x)\` (or \`side_effect=\` an exception) instead of a mock returning a future`;
  }
  if (name === 'AsyncMockIterator') {
    return `${q} has no standard equivalent (${UNMAINTAINED}): use a \`unittest.mock.MagicMock()\` whose \`__aiter__.return_value\` is the list of items`;
  }
  return `${q} has no standard-library replacement loopmigrate knows of (${UNMAINTAINED}): replace it by hand`;
}

/** A use of something the packages export: the identifier or attribute chain that names it. */
interface Ref {
  node: Node;
  pkg: Package;
  /** The exported name (`CoroutineMock`), null when the node names a module (`asynctest` passed around). */
  name: string | null;
  /** The import binding of the chain's first identifier. */
  binding: ImportBinding;
}

interface ClassInfo {
  node: Node;
  /** The class statement (its decorated_definition when decorated). */
  statement: Node;
  name: string;
  /** The bases that are the packages' test case class. */
  harness: Ref[];
  /** Bases that are classes of this module. */
  parents: ClassInfo[];
  family: number;
}

interface Blocker {
  node: Node;
  /** What it is, for the class's finding (`self.loop`). */
  what: string;
  /** Its own finding, when no ref finding reports it already. */
  message?: string;
}

interface Family {
  members: ClassInfo[];
  roots: ClassInfo[];
  blockers: Blocker[];
}

interface Analysis {
  /** The first import statement of the packages: the one match that returns the findings. */
  first: number | null;
  findings: Finding[];
}

export default defineTransform({
  code: 'LM210',
  name: 'asynctest-harness',
  summary: 'an asynctest or aiounittest test case or mock (asynctest fails to import on Python 3.11+)',
  needs: ['project-facts'],
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.8',
  about: { modules: ['asynctest', 'aiounittest'] },
  query: '[(import_statement) (import_from_statement)] @import',
  captures: ['import'],
  check(match, ctx) {
    const statement = ctx.capture(match, 'import');
    if (!statement) return null;
    // Everything depends on the whole module (which classes derive from which): one analysis, whose
    // findings the module's first import of the packages returns.
    const analysis = ctx.memo('lm210', () => analyse(ctx));
    return analysis.first === statement.id ? analysis.findings : null;
  },
});

function packageOf(dotted: string): Package | undefined {
  const root = dotted.split('.')[0];
  return PACKAGES.find((p) => p === root);
}

function dotted(node: Node | null): string {
  return node ? node.text.replace(/\s+/g, '') : '';
}

/** The import statements that import from the packages, in document order. */
function packageImports(ctx: FileContext): Node[] {
  const found = new Map<number, Node>();
  for (const pkg of PACKAGES) {
    for (const [start, end] of ctx.words.of(pkg)) {
      let cur: Node | null = ctx.root.descendantForIndex(start, end);
      while (cur && cur.type !== 'import_statement' && cur.type !== 'import_from_statement' && cur.type !== 'module' && cur.type !== 'block') cur = cur.parent;
      if (!cur || (cur.type !== 'import_statement' && cur.type !== 'import_from_statement')) continue;
      const stmt = cur;
      const mentions =
        stmt.type === 'import_from_statement'
          ? packageOf(dotted(stmt.childForFieldName('module_name'))) !== undefined
          : stmt.childrenForFieldName('name').some((el) => el && packageOf(dotted(el.type === 'aliased_import' ? el.childForFieldName('name') : el)) !== undefined);
      if (mentions) found.set(stmt.id, stmt);
    }
  }
  return [...found.values()].sort((a, b) => a.startIndex - b.startIndex);
}

/** The bindings an import statement makes for the packages (what the scope index recorded for it). */
function bindingsOf(ctx: FileContext, stmt: Node): ImportBinding[] {
  const scope = ctx.scopes.scopeOf(stmt);
  return [...scope.imports.values()].filter((b) => b.statement.id === stmt.id && packageOf(b.target) !== undefined);
}

/** Every use of the packages' names, found from the local names their imports bind. */
function collectRefs(ctx: FileContext, bindings: ImportBinding[]): Ref[] {
  const refs: Ref[] = [];
  const names = new Set(bindings.map((b) => b.name));
  for (const name of names) {
    for (const id of ctx.identifiersNamed(name)) {
      if (!isNameReference(id)) continue;
      const binding = ctx.scopes.lookup(name, id).binding;
      if (!binding || !bindings.includes(binding)) continue;
      const pkg = packageOf(binding.target);
      if (!pkg) continue;
      // Climb `asynctest.mock.CoroutineMock` up to the exported name.
      let node: Node = id;
      let qualified = binding.target;
      while (MODULES.has(qualified)) {
        const parent = node.parent;
        const attr = parent?.type === 'attribute' && parent.childForFieldName('object')?.id === node.id ? parent.childForFieldName('attribute') : null;
        if (!parent || !attr) break;
        node = parent;
        qualified = `${qualified}.${attr.text}`;
      }
      const exported = MODULES.has(qualified) ? null : qualified.slice(qualified.lastIndexOf('.') + 1);
      refs.push({ node, pkg, name: exported, binding });
    }
  }
  return refs.sort((a, b) => a.node.startIndex - b.node.startIndex);
}

function refName(ref: Ref): string {
  return ref.name === null ? ref.pkg : `${ref.pkg}.${ref.name}`;
}

function isHarness(ref: Ref): boolean {
  return ref.name === HARNESS[ref.pkg];
}

/** A mock or unittest name with a standard replacement: [module, name]. */
function replacementOf(ref: Ref): [string, string] | null {
  if (ref.pkg !== 'asynctest' || ref.name === null) return null;
  const mock = MOCK_NAMES.get(ref.name);
  if (mock) return ['unittest.mock', mock];
  return UNITTEST_NAMES.has(ref.name) ? ['unittest', ref.name] : null;
}

/** `scope=` given to asynctest's patch (`patch(...)`, `patch.object(...)`, ...): unittest.mock's patch has no such argument. */
function patchScope(ref: Ref): Node | null {
  if (ref.pkg !== 'asynctest' || ref.name !== 'patch') return null;
  let callee = ref.node;
  const parent = callee.parent;
  if (parent?.type === 'attribute' && parent.childForFieldName('object')?.id === callee.id) callee = parent;
  const call = callee.parent;
  if (call?.type !== 'call' || call.childForFieldName('function')?.id !== callee.id) return null;
  const args = call.childForFieldName('arguments');
  return args?.namedChildren.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'scope') ?? null;
}

/** The node is a decorator's expression (`@asynctest.fail_on` or `@asynctest.fail_on(...)`). */
function decorates(node: Node): boolean {
  const parent = node.parent;
  return parent?.type === 'decorator' || (parent?.type === 'call' && parent.childForFieldName('function')?.id === node.id && parent.parent?.type === 'decorator');
}

function within(node: Node, outer: Node): boolean {
  return node.startIndex >= outer.startIndex && node.endIndex <= outer.endIndex;
}

/** The class's own methods (the last definition of each name). */
function methods(cls: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const stmt of cls.childForFieldName('body')?.namedChildren ?? []) {
    const def = stmt && definitionOf(stmt);
    const name = def?.type === 'function_definition' ? def.childForFieldName('name')?.text : undefined;
    if (def && name) out.set(name, def);
  }
  return out;
}

/** The method (a def directly in the class body) that contains node. */
function methodOf(node: Node, cls: Node): Node | null {
  const body = cls.childForFieldName('body');
  let cur: Node | null = node.parent;
  let method: Node | null = null;
  for (; cur && cur.id !== cls.id; cur = cur.parent) {
    if (cur.type !== 'function_definition') continue;
    const holder = definitionStatement(cur).parent;
    if (holder && body && holder.id === body.id) method = cur;
  }
  return method;
}

function firstParameter(def: Node): string | undefined {
  const first = def.childForFieldName('parameters')?.namedChildren.find((c) => c && c.type !== 'comment');
  if (!first) return undefined;
  if (first.type === 'identifier') return first.text;
  const name = first.childForFieldName('name') ?? first.namedChildren.find((c) => c?.type === 'identifier') ?? null;
  return name?.type === 'identifier' ? name.text : undefined;
}

/** `self.<attr>` (self: the method's first parameter) inside the class: the attribute nodes. */
function selfAttributes(ctx: FileContext, cls: Node, attr: string): Node[] {
  const out: Node[] = [];
  for (const id of ctx.identifiersNamed(attr, cls)) {
    const parent = id.parent;
    if (parent?.type !== 'attribute' || parent.childForFieldName('attribute')?.id !== id.id) continue;
    const obj = parent.childForFieldName('object');
    const method = methodOf(parent, cls);
    if (obj?.type === 'identifier' && method && obj.text === firstParameter(method)) out.push(parent);
  }
  return out;
}

/** The nearest definition of a method in a class of this module and its bases of this module. */
function nearestDef(info: ClassInfo, name: string, seen = new Set<number>()): { def: Node; owner: ClassInfo } | undefined {
  if (seen.has(info.node.id)) return undefined;
  seen.add(info.node.id);
  const own = methods(info.node).get(name);
  if (own) return { def: own, owner: info };
  for (const p of info.parents) {
    const found = nearestDef(p, name, seen);
    if (found) return found;
  }
  return undefined;
}

function analyse(ctx: FileContext): Analysis {
  const statements = packageImports(ctx);
  const first = statements[0];
  if (!first) return { first: null, findings: [] };
  const findings: Finding[] = [];

  const bindings = statements.flatMap((s) => bindingsOf(ctx, s));
  const refs = collectRefs(ctx, bindings);
  // asynctest's mocks have an `awaited` event that unittest.mock's do not.
  const usesAsynctest = refs.some((r) => r.pkg === 'asynctest');
  const awaited = usesAsynctest ? ctx.identifiersNamed('awaited').filter((id) => id.parent?.type === 'attribute' && id.parent.childForFieldName('attribute')?.id === id.id) : [];
  const mockSafety: Safety = awaited.length ? 'unsafe' : 'safe';
  const mockNote = awaited.length ? " (unsafe: this module reads `.awaited`, which only asynctest's mocks have)" : '';
  for (const id of awaited) {
    findings.push(
      ctx.finding({
        node: id.parent as Node,
        message:
          "`.awaited` is the event asynctest's `CoroutineMock` sets when it is awaited; `unittest.mock.AsyncMock` has none: check `await_count` or `assert_awaited()` instead, or wait on an `asyncio.Event` that a `side_effect` sets",
      }),
    );
  }

  for (const stmt of statements) {
    if (stmt.type === 'import_from_statement' && stmt.namedChildren.some((c) => c?.type === 'wildcard_import')) {
      const pkg = packageOf(dotted(stmt.childForFieldName('module_name'))) ?? 'asynctest';
      findings.push(
        ctx.finding({
          node: stmt,
          message: `\`from ${dotted(stmt.childForFieldName('module_name'))} import *\` hides which names come from ${pkg}, which ${pkg === 'asynctest' ? 'fails to import on Python 3.11+' : 'is unmaintained'}: import the names explicitly, then run loopmigrate again`,
        }),
      );
    }
  }

  const classes = classInfos(ctx, refs);
  const families = buildFamilies(ctx, classes, refs);
  const blockedStatements = families.filter((f) => f.blockers.length > 0).flatMap((f) => f.members.map((m) => m.statement));
  const inBlocked = (node: Node) => blockedStatements.some((s) => within(node, s));
  const rootRefs = new Set(families.flatMap((f) => f.roots.flatMap((r) => r.harness.map((h) => h.node.id))));

  // Report what has no standard equivalent (a class using any of it names it in its own finding).
  const covered = new Set<number>();
  for (const ref of refs) {
    const scope = patchScope(ref);
    if (scope) {
      covered.add(ref.node.id);
      const value = scope.childForFieldName('value');
      if (value) covered.add(value.id);
      findings.push(
        ctx.finding({
          node: scope,
          message:
            "`scope=` is an argument of asynctest's `patch()` that `unittest.mock.patch` does not take: drop `scope=asynctest.GLOBAL` (unittest.mock keeps a patch for the whole call of a coroutine it decorates); `asynctest.LIMITED` (patched only while the coroutine runs) has no equivalent",
        }),
      );
    }
  }
  for (const ref of refs) {
    if (covered.has(ref.node.id)) continue;
    if (replacementOf(ref)) continue;
    if (isHarness(ref)) {
      if (rootRefs.has(ref.node.id)) continue;
      findings.push(
        ctx.finding({
          node: ref.node,
          message: `\`${refName(ref)}\` is used here other than as a base class, and ${ref.pkg === 'asynctest' ? BROKEN : UNMAINTAINED}: replace it by \`unittest.IsolatedAsyncioTestCase\` by hand`,
        }),
      );
      continue;
    }
    if (ref.name === null) {
      findings.push(
        ctx.finding({ node: ref.node, message: `the module \`${dotted(ref.node)}\` is used as a value here, and ${ref.pkg === 'asynctest' ? BROKEN : UNMAINTAINED}: replace this use by hand` }),
      );
      continue;
    }
    findings.push(ctx.finding({ node: ref.node, message: noEquivalent(ref.pkg, ref.name) }));
  }

  // The classes: one finding per family (a base class and its subclasses change together).
  for (const family of families) findings.push(...familyFindings(ctx, family));

  // Names imported with `from asynctest import ...`: moved to a unittest import when every use is converted.
  const moved = new Set<Ref>();
  for (const stmt of statements) {
    const result = moveFromImport(ctx, stmt, refs, inBlocked, moved, mockSafety, mockNote);
    if (result) findings.push(result);
  }

  // The other uses of mock and unittest names: rewritten where they are.
  for (const ref of refs) {
    const target = replacementOf(ref);
    if (!target || moved.has(ref) || covered.has(ref.node.id) || inBlocked(ref.node)) continue;
    const [module, name] = target;
    const replacement = importedRef(ctx, module, name, ref.node, false);
    const message = `\`${refName(ref)}\` comes from asynctest, which fails to import on Python 3.11+ (it uses the removed \`asyncio.coroutine\`); use \`${module}.${name}\``;
    if (!replacement) {
      findings.push(ctx.finding({ node: ref.node, message: `${message} (not fixed: the name \`unittest\` is taken here)` }));
      continue;
    }
    findings.push(
      ctx.finding({
        node: ref.node,
        message: module === 'unittest.mock' ? message + mockNote : message,
        fix: { safety: module === 'unittest.mock' ? mockSafety : 'safe', edits: [{ start: ref.node.startIndex, end: ref.node.endIndex, text: replacement.ref }, ...replacement.edits] },
      }),
    );
  }
  return { first: first.id, findings };
}

/** The module's classes, with their bases that are the harness or classes of this module. */
function classInfos(ctx: FileContext, refs: Ref[]): ClassInfo[] {
  const byBase = new Map<number, Ref>();
  for (const r of refs) byBase.set(r.node.id, r);
  const infos: ClassInfo[] = [];
  const topLevel = new Map<string, ClassInfo[]>();
  for (const node of ctx.root.descendantsOfType('class_definition')) {
    if (!node) continue;
    const statement = definitionStatement(node);
    const info: ClassInfo = { node, statement, name: node.childForFieldName('name')?.text ?? '?', harness: [], parents: [], family: -1 };
    for (const base of node.childForFieldName('superclasses')?.namedChildren ?? []) {
      const ref = base ? byBase.get(base.id) : undefined;
      if (ref && isHarness(ref)) info.harness.push(ref);
    }
    infos.push(info);
    if (statement.parent?.type === 'module') topLevel.set(info.name, [...(topLevel.get(info.name) ?? []), info]);
  }
  for (const info of infos) {
    for (const base of info.node.childForFieldName('superclasses')?.namedChildren ?? []) {
      if (base?.type !== 'identifier' || ctx.resolve(base) !== null) continue;
      const defs = topLevel.get(base.text);
      const parent = defs?.length === 1 ? defs[0] : undefined;
      if (parent && parent !== info && ctx.scopes.definingScope(base.text, base) === ctx.scopes.module) info.parents.push(parent);
    }
  }
  return infos;
}

/** The classes deriving from the harness and, through classes of this module, their subclasses; what keeps each family from converting. */
function buildFamilies(ctx: FileContext, classes: ClassInfo[], refs: Ref[]): Family[] {
  let next = 0;
  for (const c of classes) if (c.harness.length) c.family = next++;
  // Join subclasses to their bases' families (a class with two such bases merges them).
  for (let changed = true; changed;) {
    changed = false;
    for (const c of classes) {
      const ids = [c.family, ...c.parents.map((p) => p.family)].filter((f) => f >= 0);
      if (ids.length === 0) continue;
      const low = Math.min(...ids);
      for (const other of classes) {
        if (other.family !== low && ids.includes(other.family)) {
          other.family = low;
          changed = true;
        }
      }
      if (c.family !== low) {
        c.family = low;
        changed = true;
      }
    }
  }
  const families = new Map<number, Family>();
  for (const c of classes) {
    if (c.family < 0) continue;
    const f = families.get(c.family) ?? { members: [], roots: [], blockers: [] };
    f.members.push(c);
    if (c.harness.length) f.roots.push(c);
    families.set(c.family, f);
  }
  for (const f of families.values()) f.blockers = blockersOf(ctx, f, refs);
  return [...families.values()];
}

const ASSERT_ASYNC: ReadonlyMap<string, string> = new Map([
  ['assertAsyncRaises', 'assertRaises'],
  ['assertAsyncRaisesRegex', 'assertRaisesRegex'],
  ['assertAsyncWarns', 'assertWarns'],
  ['assertAsyncWarnsRegex', 'assertWarnsRegex'],
]);

function blockersOf(ctx: FileContext, family: Family, refs: Ref[]): Blocker[] {
  const out: Blocker[] = [];
  const kinds = new Set(family.roots.flatMap((r) => r.harness.map((h) => h.pkg)));
  const inFamily = new Set(family.members.map((m) => m.node.id));
  for (const m of family.members) {
    // What the package's own test case offered and the standard one lacks.
    if (kinds.has('asynctest')) {
      for (const attr of selfAttributes(ctx, m.node, 'loop')) {
        out.push({
          node: attr,
          what: '`self.loop`',
          message: `\`${attr.text}\` is the loop asynctest's TestCase makes for each test; \`unittest.IsolatedAsyncioTestCase\` has no \`loop\` attribute: use \`asyncio.get_running_loop()\` inside coroutines, and make tests that call \`run_until_complete()\` on it \`async def\` and await instead`,
        });
      }
      for (const name of ['use_default_loop', 'forbid_get_event_loop']) {
        for (const id of ctx.identifiersNamed(name, m.node)) {
          out.push({
            node: id,
            what: `\`${name}\``,
            message:
              name === 'use_default_loop'
                ? '`use_default_loop` makes asynctest run every test on the current event loop; `unittest.IsolatedAsyncioTestCase` runs each test in a new loop: create loop-bound objects for each test (in `asyncSetUp()`), then drop the attribute'
                : '`forbid_get_event_loop` has no `unittest.IsolatedAsyncioTestCase` equivalent: drop it (to keep the check, patch `asyncio.get_event_loop` with a mock that raises)',
          });
        }
      }
      for (const [name, standard] of ASSERT_ASYNC) {
        for (const attr of selfAttributes(ctx, m.node, name)) {
          out.push({
            node: attr,
            what: `\`self.${name}()\``,
            message: `\`${attr.text}()\` is asynctest's; \`unittest.IsolatedAsyncioTestCase\` has no such method: write \`with self.${standard}(...): await x\``,
          });
        }
      }
    }
    if (kinds.has('aiounittest')) {
      const own = methods(m.node).get('get_event_loop');
      const name = own?.childForFieldName('name');
      if (name) {
        out.push({
          node: name,
          what: 'its `get_event_loop()`',
          message:
            '`get_event_loop()` chooses the loop aiounittest runs the tests in; `unittest.IsolatedAsyncioTestCase` makes a new loop for each test: drop the method (on Python 3.13+ the class attribute `loop_factory` chooses the loop type)',
        });
      }
    }
    // A coroutine setUp overriding a sync one (or the reverse): IsolatedAsyncioTestCase would call both.
    for (const hook of ['setUp', 'tearDown']) {
      const own = methods(m.node).get(hook);
      for (const p of m.parents) {
        const found = nearestDef(p, hook);
        if (!found) continue;
        const where = `\`${found.owner.name}.${hook}\``;
        if (own && isAsyncDef(own) !== isAsyncDef(found.def)) {
          out.push({
            node: own.childForFieldName('name') ?? own,
            what: `a ${isAsyncDef(own) ? 'coroutine' : 'sync'} \`${hook}()\` overriding a ${isAsyncDef(found.def) ? 'coroutine' : 'sync'} one`,
            message: `\`${m.name}.${hook}\` is ${isAsyncDef(own) ? 'a coroutine' : 'sync'} but the ${where} it overrides is ${isAsyncDef(found.def) ? 'a coroutine' : 'sync'}; \`unittest.IsolatedAsyncioTestCase\` calls both \`${hook}()\` and \`async${hook[0]?.toUpperCase()}${hook.slice(1)}()\`: decide by hand which of them runs`,
          });
        } else if (!own && !inFamily.has(found.owner.node.id) && isAsyncDef(found.def)) {
          out.push({
            node: m.node.childForFieldName('name') ?? m.node,
            what: `the coroutine ${where} it inherits`,
            message: `\`${m.name}\` inherits the coroutine ${where} from \`${found.owner.name}\`, which is not an asynctest test case: rename it to \`async${hook[0]?.toUpperCase()}${hook.slice(1)}\` by hand`,
          });
        }
      }
    }
  }
  // Uses without a standard equivalent inside the classes (reported by themselves).
  for (const ref of refs) {
    const inside = family.members.some((m) => within(ref.node, m.statement));
    if (!inside) continue;
    if (replacementOf(ref)) {
      if (patchScope(ref)) out.push({ node: ref.node, what: '`scope=` of `patch()`' });
      continue;
    }
    if (isHarness(ref) && family.roots.some((r) => r.harness.includes(ref))) continue;
    // `scope=asynctest.LIMITED`: the finding on `scope=` covers it.
    const keyword = ref.node.parent;
    if (keyword?.type === 'keyword_argument' && keyword.childForFieldName('name')?.text === 'scope' && refs.some((r) => patchScope(r)?.id === keyword.id)) continue;
    out.push({ node: ref.node, what: `\`${decorates(ref.node) ? '@' : ''}${refName(ref)}\`` });
  }
  return out.sort((a, b) => a.node.startIndex - b.node.startIndex);
}

function familyFindings(ctx: FileContext, family: Family): Finding[] {
  const out: Finding[] = [];
  const root = family.roots[0];
  if (!root) return out;
  const base = root.harness[0] as Ref;
  const nameNode = root.node.childForFieldName('name') ?? root.node;
  const subclasses = family.members.filter((m) => m.harness.length === 0).map((m) => `\`${m.name}\``);
  const together = subclasses.length ? ` (with its subclass${subclasses.length > 1 ? 'es' : ''} ${subclasses.join(', ')})` : '';
  const why = base.pkg === 'asynctest' ? BROKEN : UNMAINTAINED;
  const head = `\`${root.name}\` derives from \`${refName(base)}\`${together}; ${why}`;
  for (const b of family.blockers) if (b.message) out.push(ctx.finding({ node: b.node, message: b.message }));
  if (family.blockers.length) {
    // No line numbers: the message must read the same after other fixes moved the lines.
    const what = [...new Set(family.blockers.map((b) => b.what))];
    out.push(
      ctx.finding({
        node: nameNode,
        message: `${head}, but it is not converted to \`unittest.IsolatedAsyncioTestCase\` because of ${listed(what)} (see ${what.length > 1 ? 'their findings' : 'its finding'}): change ${what.length > 1 ? 'them' : 'it'} by hand, then run loopmigrate again`,
      }),
    );
    return out;
  }

  const edits: Edit[] = [];
  for (const r of family.roots) {
    for (const h of r.harness) {
      const ref = importedRef(ctx, 'unittest', 'IsolatedAsyncioTestCase', h.node, h.node.type === 'identifier');
      if (!ref) {
        out.push(ctx.finding({ node: nameNode, message: `${head}: derive from \`unittest.IsolatedAsyncioTestCase\` (not fixed: the name \`unittest\` is taken here)` }));
        return out;
      }
      edits.push({ start: h.node.startIndex, end: h.node.endIndex, text: ref.ref }, ...ref.edits);
    }
  }
  const renamed = new Set<string>();
  let asyncCleanups = 0;
  let unknownCleanups = 0;
  for (const m of family.members) {
    const own = methods(m.node);
    for (const [hook, standard] of [
      ['setUp', 'asyncSetUp'],
      ['tearDown', 'asyncTearDown'],
    ] as const) {
      const def = own.get(hook);
      const name = def?.childForFieldName('name');
      if (!def || !name || !isAsyncDef(def)) continue;
      edits.push({ start: name.startIndex, end: name.endIndex, text: standard });
      renamed.add(hook);
      // `await super().setUp()` awaits the base class's coroutine setUp, renamed with it.
      for (const id of ctx.identifiersNamed(hook, def)) {
        const attr = id.parent;
        if (attr?.type !== 'attribute' || attr.childForFieldName('attribute')?.id !== id.id) continue;
        const obj = attr.childForFieldName('object');
        const call = attr.parent;
        if (obj?.type !== 'call' || obj.childForFieldName('function')?.text !== 'super') continue;
        if (call?.type !== 'call' || call.parent?.type !== 'await') continue;
        edits.push({ start: id.startIndex, end: id.endIndex, text: standard });
      }
    }
    for (const attr of selfAttributes(ctx, m.node, 'addCleanup')) {
      const call = attr.parent;
      if (call?.type !== 'call' || call.childForFieldName('function')?.id !== attr.id) continue;
      const fn = call.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment') ?? null;
      const kind = cleanupKind(ctx, fn, m, attr);
      if (kind === 'async') {
        const id = attr.childForFieldName('attribute');
        if (id) edits.push({ start: id.startIndex, end: id.endIndex, text: 'addAsyncCleanup' });
        asyncCleanups++;
      } else if (kind === 'unknown') unknownCleanups++;
    }
  }
  const steps = ['derive from `unittest.IsolatedAsyncioTestCase` (3.8+)'];
  if (renamed.size) {
    const hooks = [...renamed];
    steps.push(`rename the coroutine ${listed(hooks.map((h) => `\`${h}()\``))} to ${listed(hooks.map((h) => `\`${h === 'setUp' ? 'asyncSetUp' : 'asyncTearDown'}()\``))}`);
  }
  if (asyncCleanups) steps.push('register coroutine cleanups with `addAsyncCleanup()`');
  let message = `${head}: ${listed(steps)}`;
  if (unknownCleanups) message += '; check the functions given to `addCleanup()`: a coroutine function needs `addAsyncCleanup()`';
  if (!family.members.some((m) => [...methods(m.node).keys()].some((k) => k.startsWith('test')))) {
    message += '; subclasses in other modules must rename their coroutine `setUp()`/`tearDown()` too';
  }
  out.push(ctx.finding({ node: nameNode, message, fix: { safety: 'unsafe', edits } }));
  return out;
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? '');
}

/** Whether a function given to `self.addCleanup()` is a coroutine function, as far as this module tells. */
function cleanupKind(ctx: FileContext, fn: Node | null, cls: ClassInfo, at: Node): 'async' | 'sync' | 'unknown' {
  if (!fn) return 'unknown';
  if (fn.type === 'attribute') {
    const obj = fn.childForFieldName('object');
    const attr = fn.childForFieldName('attribute')?.text ?? '';
    const method = methodOf(at, cls.node);
    if (obj?.type === 'identifier' && method && obj.text === firstParameter(method)) {
      const found = nearestDef(cls, attr);
      return found ? (isAsyncDef(found.def) ? 'async' : 'sync') : 'unknown';
    }
    // A patcher's stop(), the usual cleanup.
    return attr === 'stop' || attr === 'stopall' ? 'sync' : 'unknown';
  }
  if (fn.type === 'identifier' && ctx.scopes.definingScope(fn.text, fn) === ctx.scopes.module) {
    const defs = ctx.root.namedChildren.map((s) => s && definitionOf(s)).filter((d) => d?.type === 'function_definition' && d.childForFieldName('name')?.text === fn.text);
    const [def] = defs;
    if (defs.length === 1 && def && !ctx.scopes.module.imports.has(fn.text)) return isAsyncDef(def) ? 'async' : 'sync';
  }
  return 'unknown';
}

/**
 * `from asynctest import patch, CoroutineMock` → `from unittest.mock import patch, AsyncMock`, for the
 * names whose every use is converted (uses of `CoroutineMock` become `AsyncMock`); names nothing uses
 * are dropped. The statement stays for the other names (`TestCase`, which its class's fix replaces).
 */
function moveFromImport(ctx: FileContext, stmt: Node, refs: Ref[], inBlocked: (n: Node) => boolean, moved: Set<Ref>, safety: Safety, note: string): Finding | null {
  const own = bindingsOf(ctx, stmt);
  const usesOf = (b: ImportBinding) => refs.filter((r) => r.binding === b);
  const unused = own.filter((b) => usesOf(b).length === 0);
  const targets = new Map<string, string[]>();
  const movedHere: ImportBinding[] = [];
  /** The names the moved ones are imported as from the standard library. */
  const standard: string[] = [];
  const renames: Edit[] = [];
  if (stmt.type === 'import_from_statement') {
    for (const b of own) {
      const uses = usesOf(b);
      if (uses.length === 0) continue;
      const plan = planMove(ctx, b, uses, inBlocked);
      if (!plan) continue;
      movedHere.push(b);
      standard.push(plan.element.split(' ')[0] ?? plan.element);
      renames.push(...plan.renames);
      for (const u of uses) moved.add(u);
      targets.set(plan.module, [...(targets.get(plan.module) ?? []), plan.element]);
    }
  }
  if (movedHere.length === 0 && unused.length === 0) return null;
  const gone = [...movedHere, ...unused];
  const lineStart = lineStartOf(ctx.source, stmt.startIndex);
  const indent = ctx.source.slice(lineStart, stmt.startIndex);
  const startsLine = indent.trim() === '';
  const news = [...targets].map(([module, elements]) => `from ${module} import ${elements.join(', ')}`);
  const edits: Edit[] = [];
  if (gone.length === own.length && stmt.childrenForFieldName('name').filter((c) => c !== null).length === own.length) {
    if (news.length) edits.push({ start: stmt.startIndex, end: stmt.endIndex, text: news.join(startsLine ? ctx.eol + indent : '; ') });
    else {
      const removal = lineRemoval(ctx.source, stmt);
      if (removal) edits.push(removal);
    }
  } else {
    edits.push(...removeBindings(ctx.source, gone));
    if (news.length) edits.push({ start: stmt.startIndex, end: stmt.startIndex, text: news.join(startsLine ? ctx.eol + indent : '; ') + (startsLine ? ctx.eol + indent : '; ') });
  }
  edits.push(...renames);
  // The names as the module imports them (`MagicMock`, not its alias).
  const quoted = (list: string[]) => listed(list.map((n) => `\`${n}\``));
  const names = (list: ImportBinding[]) => quoted(list.map((b) => b.target.slice(b.target.lastIndexOf('.') + 1)));
  const pkg = packageOf(gone[0]?.target ?? '') ?? 'asynctest';
  const which = pkg === 'asynctest' ? 'which fails to import on Python 3.11+ (it uses the removed `asyncio.coroutine`)' : 'which is unmaintained';
  let message: string;
  if (movedHere.length) {
    message = `${names(movedHere)} ${movedHere.length > 1 ? 'come' : 'comes'} from ${pkg}, ${which}: import ${quoted(standard)} from ${quoted([...targets.keys()])} instead`;
    if (unused.length) message += `, and remove the unused ${names(unused)}`;
  } else if (stmt.type === 'import_statement' && unused.length === own.length) {
    message = `${names(unused)} is imported but never used, and ${pkg} ${pkg === 'asynctest' ? BROKEN.slice('asynctest '.length) : 'is unmaintained'}: remove the import`;
  } else {
    message = `${names(unused)} ${unused.length > 1 ? 'are' : 'is'} imported from ${pkg} but never used, and ${pkg} ${pkg === 'asynctest' ? BROKEN.slice('asynctest '.length) : 'is unmaintained'}: remove ${unused.length > 1 ? 'them' : 'it'}`;
  }
  if (edits.length === 0) return ctx.finding({ node: stmt, message });
  const mocks = movedHere.some((b) => packageOf(b.target) === 'asynctest' && !UNITTEST_NAMES.has(b.target.slice(b.target.lastIndexOf('.') + 1)));
  return ctx.finding({ node: stmt, message: mocks ? message + note : message, fix: { safety: mocks ? safety : 'safe', edits } });
}

/** How one `from asynctest import name` moves: its new module and element text, and the uses to rename. */
function planMove(ctx: FileContext, b: ImportBinding, uses: Ref[], inBlocked: (n: Node) => boolean): { module: string; element: string; renames: Edit[] } | null {
  const el = b.element;
  const alias = el.type === 'aliased_import' ? el.childForFieldName('alias')?.text : undefined;
  const imported = dotted(el.type === 'aliased_import' ? el.childForFieldName('name') : el);
  if (uses.some((u) => inBlocked(u.node) || patchScope(u))) return null;
  const renames: Edit[] = [];
  if (b.target === 'asynctest.mock') {
    // `from asynctest import mock`: every use must be a mock name (`mock.CoroutineMock` becomes `mock.AsyncMock`).
    for (const u of uses) {
      const standard = u.name === null ? undefined : MOCK_NAMES.get(u.name);
      if (!standard || u.node.type !== 'attribute' || u.node.childForFieldName('object')?.type !== 'identifier') return null;
      const attr = u.node.childForFieldName('attribute');
      if (attr && standard !== u.name) renames.push({ start: attr.startIndex, end: attr.endIndex, text: standard });
    }
    return { module: 'unittest', element: alias ? `mock as ${alias}` : 'mock', renames };
  }
  const [first] = uses;
  if (!first || first.name !== imported || uses.some((u) => u.node.type !== 'identifier')) return null;
  const target = replacementOf(first);
  if (!target) return null;
  const [module, name] = target;
  if (name === first.name) return { module, element: el.text, renames };
  // A renamed name (`CoroutineMock` → `AsyncMock`): its uses follow unless an alias keeps them.
  if (alias) return { module, element: `${name} as ${alias}`, renames };
  if (ctx.words.of(name).length > 0) return null;
  for (const u of uses) renames.push({ start: u.node.startIndex, end: u.node.endIndex, text: name });
  return { module, element: name, renames };
}

/**
 * The text naming `module.name` at `at`, and the import edits that make it valid: an import the
 * module has (`from unittest import mock`, `import unittest.mock`, ...), else a new one. `bare` asks for
 * the name alone (`from module import name`), when the text has no other use of the word.
 */
function importedRef(ctx: FileContext, module: string, name: string, at: Node, bare: boolean): { ref: string; edits: Edit[] } | null {
  const found = findRef(ctx, module, name, at, bare);
  return found;
}

function findRef(ctx: FileContext, module: string, name: string, at: Node, bare: boolean): { ref: string; edits: Edit[] } | null {
  const existing = existingRef(ctx, module, name, at);
  if (existing) return { ref: existing, edits: [] };
  if (bare && ctx.words.of(name).length === 0) return { ref: name, edits: [addFromImport(ctx, module, name)] };
  if (module === 'unittest') return ctx.ensureImport('unittest', name, at);
  // ensureImport reuses `from unittest.mock import X` and `import unittest.mock as m`, and adds no dotted module.
  const reused = ctx.ensureImport(module, name, at);
  if (reused) return reused;
  const here = ctx.scopes.lookup('unittest', at);
  if (here.local || (here.binding && here.binding.target !== 'unittest') || (!here.binding && ctx.scopes.module.others.has('unittest'))) return null;
  // `import unittest` becomes `import unittest.mock`, which binds `unittest` as well.
  const plain = topLevelImports(ctx).find(
    (s) =>
      s.type === 'import_statement' &&
      s.childrenForFieldName('name').length === 1 &&
      s.childrenForFieldName('name')[0]?.type === 'dotted_name' &&
      dotted(s.childrenForFieldName('name')[0] ?? null) === 'unittest',
  );
  const element = plain?.childrenForFieldName('name')[0];
  if (element && here.binding) return { ref: `unittest.mock.${name}`, edits: [{ start: element.startIndex, end: element.endIndex, text: 'unittest.mock' }] };
  return { ref: `unittest.mock.${name}`, edits: [importInsertion(ctx.root, ctx.source, ctx.eol, 'import unittest.mock', ctx.importStyle)] };
}

function topLevelImports(ctx: FileContext): Node[] {
  return ctx.root.namedChildren.filter((c): c is Node => c !== null && (c.type === 'import_statement' || c.type === 'import_from_statement'));
}

function existingRef(ctx: FileContext, module: string, name: string, at: Node): string | null {
  const visible = (b: ImportBinding) => ctx.scopes.lookup(b.name, at).binding === b;
  const all = [...ctx.scopes.module.imports.values()];
  const fromImport = all.find((b) => b.fromImport && b.target === `${module}.${name}` && visible(b));
  if (fromImport) return fromImport.name;
  // `import unittest`, `import unittest.mock as m`, `from unittest import mock`.
  const moduleBinding = all.find((b) => b.target === module && (!b.fromImport || module === 'unittest.mock') && visible(b));
  if (moduleBinding) return `${moduleBinding.name}.${name}`;
  if (module === 'unittest.mock') {
    const dottedImport = topLevelImports(ctx).some((s) => s.type === 'import_statement' && s.childrenForFieldName('name').some((el) => el?.type === 'dotted_name' && dotted(el) === 'unittest.mock'));
    if (dottedImport && ctx.scopes.lookup('unittest', at).binding?.target === 'unittest') return `unittest.mock.${name}`;
  }
  return null;
}

/** `from module import name`: added to the module's statement importing from there, else a new statement. */
function addFromImport(ctx: FileContext, module: string, name: string): Edit {
  const stmt = topLevelImports(ctx).find(
    (s) => s.type === 'import_from_statement' && dotted(s.childForFieldName('module_name')) === module && !s.namedChildren.some((c) => c?.type === 'wildcard_import'),
  );
  const member = stmt && memberInsertion(stmt, name);
  if (member) return member;
  return importInsertion(ctx.root, ctx.source, ctx.eol, `from ${module} import ${name}`, ctx.importStyle);
}
