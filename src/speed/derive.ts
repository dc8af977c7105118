// From what a rule declares it is about (src/rule-api/about.ts) to what the speed layer needs: the
// byte trigger of the prefilter (src/speed/triggers.ts) and the anchor names of the query narrowing
// (src/speed/anchors.ts). Both are derived here, once per rule, so a rule cannot state them in ways
// that disagree, and every rule gets the same careful spellings (continuations, comments, aliases,
// `from` imports; see the helpers in triggers.ts).
import { subjectsOf, type About, type FactsCondition, type Subject } from '../rule-api/about.js';
import { lastNames } from '../python/names.js';
import {
  api,
  ASYNC_DEF,
  ASYNC_TEST,
  both,
  calledOrAliased,
  FIXTURES_IMPORTED,
  imported,
  keywordArgument,
  member,
  NOTEBOOK,
  parameterNamed,
  POSITIONAL_SCOPE,
  type Clause,
  type Trigger,
} from './triggers.js';

/**
 * Substrings a file holds when the project facts name it for a condition (the pre-pass kept it for
 * them, src/pytest/facts.ts): the scan's start for a subject that has no substring of its own.
 */
const FACT_WORDS: Record<FactsCondition, Trigger> = {
  // A fixture, or a conftest mentioning anyio, event_loop or a scoped async def.
  'anyio-plan': [['fixture'], ['anyio'], ['event_loop'], ['async', 'scope']],
  // The conftest that gets the shared fixture is a pytest conftest.
  'shared-loop-fixture': [['pytest']],
  // What the override's scope goes onto: async tests and async fixtures.
  'overridden-loop': [['async']],
  'aiohttp-loop-removed': [['loop']],
};

/** A group of this many names of one module is searched for by the module first (one primary for all). */
const FAMILY = 3;

/** The names of one subject: `module.name` families by module, the rest each by its own clauses. */
function namesTrigger(names: readonly string[]): Clause[] {
  const byRoot = new Map<string, string[]>();
  for (const n of names) {
    const root = n.split('.')[0] ?? n;
    const group = byRoot.get(root);
    if (group) group.push(n);
    else byRoot.set(root, [n]);
  }
  return [...byRoot].flatMap(([root, group]) => (group.length >= FAMILY && group.every((n) => n.includes('.')) ? member(root, lastNames(group), 'module') : api(...group)));
}

/** Every field of a subject as a trigger of its own (one of its clauses must hold); all must hold. */
function fieldTriggers(s: Subject): Trigger[] {
  const parts: Trigger[] = [];
  if (s.names?.length) parts.push(namesTrigger(s.names));
  if (s.calls?.length) parts.push(s.calls.flatMap((q) => both(api(q), [[calledOrAliased(lastNames([q])[0] ?? q)]])));
  if (s.modules?.length) parts.push(s.modules.map((m) => [m, imported(m)]));
  if (s.attributes?.length) parts.push(s.attributes.map((a) => [a]));
  if (s.parameters?.length) parts.push(s.parameters.map((p) => [p, parameterNamed(p)]));
  if (s.defines?.length) parts.push(s.defines.map((d) => [d, word(d)]));
  if (s.words?.length) parts.push(s.words.map((w) => [w]));
  if (s.keywords?.length) parts.push(s.keywords.map((k) => [k, keywordArgument(k)]));
  if (s.fixture === 'any') parts.push([['fixture', FIXTURES_IMPORTED]]);
  if (s.fixture === 'scoped')
    parts.push([
      ['fixture', FIXTURES_IMPORTED, keywordArgument('scope')],
      ['fixture', FIXTURES_IMPORTED, POSITIONAL_SCOPE],
    ]);
  if (s.asyncDef === true) parts.push([['async', ASYNC_DEF]]);
  if (s.asyncDef === 'test') parts.push([['async', ASYNC_TEST]]);
  if (s.notebook) parts.push([[NOTEBOOK]]);
  if (s.elsewhere) parts.push(subjectsOf(s.elsewhere).flatMap(subjectTrigger));
  if (s.facts) {
    const facts = s.facts;
    parts.push([[{ facts }]]);
    // The scan starts from a substring: a subject with none of its own starts from the facts' words.
    if (!parts.flat().some((c) => (typeof c === 'string' ? c !== '' : c.some((a) => typeof a === 'string')))) parts.push(FACT_WORDS[facts]);
  }
  return parts;
}

function subjectTrigger(s: Subject): Clause[] {
  const parts = fieldTriggers(s);
  if (parts.length === 0) throw new Error(`an empty subject: ${JSON.stringify(s)}`);
  return parts.reduce<Clause[]>((acc, part) => both(acc, part), [[]]);
}

const words = new Map<string, RegExp>();

/** The word, not part of a longer identifier. */
function word(w: string): RegExp {
  let re = words.get(w);
  if (!re) words.set(w, (re = new RegExp(String.raw`\b${w}\b`)));
  return re;
}

const triggers = new WeakMap<object, Trigger>();

/** The prefilter's trigger for a declaration: the files for which no clause holds cannot hold a finding. */
export function triggerOf(about: About): Trigger {
  const key = about as object;
  let t = triggers.get(key);
  if (!t) triggers.set(key, (t = subjectsOf(about).flatMap(subjectTrigger)));
  return t;
}

const anchors = new WeakMap<object, readonly string[] | null>();

/**
 * The names every match of the rule holds (or a local name an import binds to one): what locates a
 * finding in each subject (its names, calls, modules, attributes, parameters), never what it needs
 * elsewhere. Undefined when some subject has none: then the rule's query sees the whole tree.
 */
export function anchorsOf(about: About): readonly string[] | undefined {
  const key = about as object;
  let a = anchors.get(key);
  if (a === undefined) {
    const subjects = subjectsOf(about);
    const per = subjects.map((s) => [...lastNames([...(s.names ?? []), ...(s.calls ?? [])]), ...(s.modules ?? []), ...(s.attributes ?? []), ...(s.parameters ?? [])]);
    a = subjects.length > 0 && per.every((names) => names.length > 0) ? [...new Set(per.flat())] : null;
    anchors.set(key, a);
  }
  return a ?? undefined;
}
