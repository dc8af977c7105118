// What a rule's findings are about, declared once in the rule (`about`). The rule states what every
// one of its findings needs, in Python's terms: the qualified names it resolves, the modules it needs
// imported, the parameters or keywords it looks at. speed/ derives the rest from that: which files can
// hold a finding (the byte prefilter) and where in a file the matches can be (the anchors). A rule
// never states substrings or regular expressions.
//
// An `About` is one subject or a list of alternatives (a finding needs one of them). Within a subject
// every field given must hold (and within a field, one of its entries). A declaration must be a
// necessary condition of every finding: with and without the prefilter the findings are the same,
// which test/unit/prefilter-property.test.ts checks on every fixture, respelled.

/** Conditions on a file's project facts (src/pytest/facts.ts) that make a test-suite rule apply. */
export type FactsCondition =
  /** The file's tests and async fixtures ran in the loop of an `event_loop` override. */
  | 'overridden-loop'
  /** The project facts place an `anyio_backend` change in this file, or report its wide AnyIO fixtures. */
  | 'anyio-plan'
  /** The project tests with pytest-aiohttp 1.x, which has no `loop` fixture, and defines none in reach of this file. */
  | 'aiohttp-loop-removed'
  /** This conftest.py gets the `event_loop` fixture that the sync tests of several modules under it hold. */
  | 'shared-loop-fixture';

export const FACTS_CONDITIONS: readonly FactsCondition[] = ['overridden-loop', 'anyio-plan', 'aiohttp-loop-removed', 'shared-loop-fixture'];

export interface Subject {
  /**
   * Qualified names as FileContext.resolve() returns them (`asyncio.get_event_loop`,
   * `pytest.mark.asyncio`): the match holds a use of one, or of a local name an import binds to it.
   */
  readonly names?: readonly string[];
  /** Qualified names the finding needs called (`uvloop.install()`), or imported under another name. */
  readonly calls?: readonly string[];
  /** Attribute or method names on objects the rule does not resolve (`loop.run_until_complete`): the match holds one. */
  readonly attributes?: readonly string[];
  /** Modules the finding needs imported (`asynctest`): the match holds the module's name. */
  readonly modules?: readonly string[];
  /** Parameters of a def (`def test_x(event_loop)`): the match holds one. */
  readonly parameters?: readonly string[];
  /** Keyword arguments of a call (`loop=`) the file passes. */
  readonly keywords?: readonly string[];
  /** Functions or fixtures the file defines or names (`event_loop`), found by name. */
  readonly defines?: readonly string[];
  /** Text the file holds, as written (not resolved, not necessarily a whole word). */
  readonly words?: readonly string[];
  /** A pytest or pytest-asyncio fixture: any, or one declared with a scope (keyword or positional). */
  readonly fixture?: 'any' | 'scoped';
  /** An `async def`; `'test'` for an async test function (`async def test...`). */
  readonly asyncDef?: true | 'test';
  /** A condition on the file's project facts. */
  readonly facts?: FactsCondition;
  /** The file is a Jupyter notebook. */
  readonly notebook?: true;
  /** What else the file must hold, anywhere (one of these subjects); never what locates the match. */
  readonly elsewhere?: Subject | readonly Subject[];
}

export type About = Subject | readonly Subject[];

/** The subjects of a declaration: its alternatives. */
export function subjectsOf(about: About): readonly Subject[] {
  return isSubjectList(about) ? about : [about];
}

function isSubjectList(about: About): about is readonly Subject[] {
  return Array.isArray(about);
}
