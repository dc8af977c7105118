// Which rules a file can concern, decided from its bytes before anything is decoded or parsed.
//
// A rule's trigger is a list of clauses; the rule is a candidate for a file when every atom of some
// clause holds. Atoms are substrings (the cheap part), regular expressions (only tried once a clause's
// substrings are all there) and named conditions on the project facts of the test-suite rules. A
// trigger states what a finding needs: a rule that resolves `asyncio.wait` cannot report on a file
// whose text lacks `asyncio` or `wait`, since both appear in the import or at the call.
//
// The scan looks for one substring per clause (its first, the "primary") in a single Wu-Manber pass
// over the bytes; the clause's other atoms are checked only when its primary occurs. Most files of a
// real repository contain no primary at all and are never decoded or parsed.
import { GAP } from '../python/words.js';
import type { PytestFileFacts } from '../common/facts.js';
import type { FactsCondition } from '../rule-api/about.js';

/** `NOTEBOOK`: the file is a Jupyter notebook (its code cells run on IPython's loop). */
export type Atom = string | RegExp | { facts: FactsCondition } | { notebook: true };

export const NOTEBOOK: Atom = { notebook: true };
export type Clause = readonly Atom[];
/**
 * Clauses; a plain string is a clause of one substring. The first substring of a clause is what the
 * scan looks for (its "primary"): put the rarest first.
 */
export type Trigger = readonly (string | Clause)[];

/** Whether a facts condition holds; without facts (DEFAULT_FILE_FACTS) none does. */
export function factsHold(condition: FactsCondition, facts: PytestFileFacts | undefined): boolean {
  if (!facts) return false;
  switch (condition) {
    case 'overridden-loop':
      return facts.loopScope !== undefined;
    case 'anyio-plan':
      return facts.anyioBackend !== undefined || facts.anyioUnplaced;
    case 'aiohttp-loop-removed':
      return facts.aiohttpLoopRemoved === true;
    case 'shared-loop-fixture':
      return facts.sharedLoopFixture !== undefined;
  }
}

/**
 * A keyword argument `name=` as it can be spelled in a call: after `(` or `,`, with any whitespace,
 * line continuations and comments around the name (all legal inside brackets).
 */
export function keywordArgument(name: string): RegExp {
  return new RegExp(String.raw`[(,](?:${GAP})?\b${name}(?:${GAP})?=(?!=)`);
}

/**
 * A call of `name` (`name(`, `x.name (`, across lines inside brackets) or an import that gives it
 * another name (`name as n`, whose calls a regular expression cannot follow).
 */
export function calledOrAliased(name: string): RegExp {
  return new RegExp(String.raw`\b${name}(?:${GAP})?\(|\b${name}${GAP}as\b`);
}

/** A parameter `name` in a def's parameter list (`(name`, `, name:`, `name=...`). */
export function parameterNamed(name: string): RegExp {
  return new RegExp(String.raw`[(,*](?:${GAP})?\b${name}(?:${GAP})?[,)=:]`);
}

/** `async def`, however it is spaced or continued. */
export const ASYNC_DEF = /\basync(?:\s|\\)+def\b/;

/** `async def test...`: an async test function. */
export const ASYNC_TEST = /\basync(?:\s|\\)+def(?:\s|\\)+test/;

/** `pytest.fixture("module")`: the positional scope of old pytest versions. */
export const POSITIONAL_SCOPE = /\(\s*[rRuU]?["'](?:class|module|package|session)["']/;

/**
 * An import statement that names one of the modules (`import asyncio`, `from asyncio.tasks import x`,
 * `import os, asyncio`, continued with backslashes). Names resolve through imports only
 * (src/python/scope.ts), so a module that is merely mentioned (docs, relative imports inside the
 * package itself) does not count. Where the statement starts is not checked (after `try:`, `;`, a
 * BOM): a word `import`/`from` on the same logical line is enough, which keeps the search fast.
 */
export function imported(...modules: string[]): RegExp {
  const key = modules.join('|');
  let re = importPatterns.get(key);
  if (!re) {
    re = new RegExp(String.raw`\b(?:import|from)[ \t\\](?:[^\r\n\\]|\\[\s\S])*?\b(?:${key})\b`);
    importPatterns.set(key, re);
  }
  return re;
}

/** One object per pattern, so that a scan tries each of them once per file however many clauses share it. */
const importPatterns = new Map<string, RegExp>();

/** An import of pytest or pytest-asyncio, whose fixture decorators the test-suite rules resolve. */
export const FIXTURES_IMPORTED = imported('pytest', 'pytest_asyncio');

/** The submodules whose names canonical() (src/python/scope.ts) folds into `asyncio.`. */
const ASYNCIO_SUBMODULES = 'events|tasks|base_events|coroutines|futures|locks|queues|runners|streams|subprocess|unix_events';

/**
 * Clauses for reaching `module.name` (any of the names), narrower than the name alone (`event.wait()`
 * is not `asyncio.wait`): `module.name` or `module.sub.name`; `from module[.sub] import ..., name`;
 * `from module import *`; an aliased import (`import module as m`, `from module import sub as s`,
 * whose uses a regular expression cannot follow); an imported asyncio submodule
 * (`from asyncio import tasks`); or anything imported from the module and an attribute of that name
 * (`from asyncio import Task` ... `Task.all_tasks()`). The scan looks for the rarest part first, or
 * for the module with `primary: 'module'`.
 */
export function member(module: string, names: Iterable<string>, primary: 'rarest' | 'module' = 'rarest'): Clause[] {
  const list = [...new Set(names)];
  const name = String.raw`\b(?:${list.join('|')})\b`;
  // Around a dot: whitespace, or a line continuation (or a comment, inside brackets), as the anchors allow.
  const gap = `(?:${GAP})?`;
  const dotted = String.raw`(?:${gap}\.${gap}\w+)*`;
  // The names after `import`: in brackets, or to the end of the logical line (continuations included).
  const importList = String.raw`(?:\([^)]*|(?:[^\r\n;\\]|\\[\s\S])*)`;
  const direct = [
    String.raw`\b${module}${dotted}${gap}\.${gap}${name}`,
    String.raw`\bfrom\s+${module}${dotted}\s+import\s*${importList}${name}`,
    String.raw`\bfrom\s+${module}\s+import\s*\*`,
    String.raw`\bimport\s+${module}${dotted}\s+as\b`,
    String.raw`\bfrom\s+${module}${dotted}\s+import\b${importList}\bas\b`,
  ];
  if (module === 'asyncio') direct.push(String.raw`\bfrom\s+asyncio\s+import\s*${importList}\b(?:${ASYNCIO_SUBMODULES})\b`);
  const reached = new RegExp(direct.join('|'));
  const importedFrom = new RegExp(String.raw`\bfrom\s+${module}${dotted}\s+import\b`);
  const attribute = new RegExp(String.raw`\.${gap}${name}`);
  const anImport = imported(module);
  return list.flatMap((n) => {
    // Many names of one module (rules about a family of calls): one primary for all of them.
    const strings = primary === 'module' ? [module, n] : rarestFirst([module, n]);
    return [
      [...strings, anImport, reached],
      [...strings, importedFrom, attribute],
    ];
  });
}

/**
 * The parts of a qualified name, the one a scan should look for first: a third-party package's name
 * (rare outside the code that uses it), else the longest other part of seven or more characters
 * (`get_event_loop`), else `asyncio`; short common words (`wait`, `Queue`, `redis`) last.
 */
export function rarestFirst(parts: readonly string[]): string[] {
  const [root] = parts;
  const pick =
    (root !== undefined && root !== 'asyncio' && root.length >= 6 ? root : undefined) ??
    parts.filter((p) => p !== 'asyncio' && p.length >= 7).sort((a, b) => b.length - a.length)[0] ??
    (parts.includes('asyncio') ? 'asyncio' : [...parts].sort((a, b) => b.length - a.length)[0]);
  return pick === undefined ? [...parts] : [pick, ...parts.filter((p) => p !== pick)];
}

/**
 * Clauses for names qualified as FileContext.resolve() returns them: resolving `pkg.a.b.name` needs an
 * import of `pkg`, a way to reach `name` from it (member()), and `a` and `b` in the text.
 */
export function api(...qualified: string[]): Clause[] {
  return qualified.flatMap((q) => {
    const parts = q.split('.');
    const root = parts[0] ?? q;
    const last = parts[parts.length - 1] ?? q;
    if (parts.length === 1) return [[root, imported(root)]];
    // Every part of the name is spelled somewhere: in the import or in the attribute chain.
    const middle = parts.slice(1, -1);
    return member(root, [last]).map((c) => {
      const strings = c.filter((a): a is string => typeof a === 'string');
      return [...rarestFirst([...new Set([...strings, ...middle])].sort((a, b) => (a === root ? -1 : b === root ? 1 : 0))), ...c.filter((a) => typeof a !== 'string')];
    });
  });
}

/** Every clause of `a` combined with every clause of `b` (both must hold). */
export function both(a: Trigger, b: Trigger): Clause[] {
  return a.flatMap((x) => b.map((y) => [...clause(x), ...clause(y)]));
}

function clause(entry: string | Clause): Clause {
  return typeof entry === 'string' ? [entry] : entry;
}

interface CompiledClause {
  /** Index into TriggerIndex.primaries. */
  primary: number;
  others: string[];
  patterns: RegExp[];
  facts: FactsCondition[];
  /** The clause holds only in a notebook. */
  notebook: boolean;
}

export interface ScanOptions {
  /**
   * The file is a notebook: clauses that need one can hold, and (on its bytes, which are JSON) regular
   * expressions cannot see its cells' layout, so they count as matching.
   */
  notebook?: boolean;
  /** The file's project facts (the defaults when absent, as FileContext uses them). */
  facts?: PytestFileFacts;
  /** The facts are not known yet: every facts condition counts as holding (what could this file need?). */
  assumeFacts?: boolean;
}

/** The compiled triggers of a set of rules. */
export class TriggerIndex {
  readonly primaries: string[] = [];
  private readonly rules: CompiledClause[][];
  private readonly search: (bytes: Uint8Array, found: Uint8Array) => void;

  /**
   * `possible`: whether a facts condition can hold for any file of this run; clauses that need one that
   * cannot are dropped, so their substrings are not even looked for.
   */
  constructor(triggers: readonly Trigger[], possible: (condition: FactsCondition) => boolean = () => true) {
    const index = new Map<string, number>();
    const feasible = (entry: string | Clause) => clause(entry).every((a) => typeof a !== 'object' || a instanceof RegExp || !('facts' in a) || possible(a.facts));
    this.rules = triggers.map((trigger) =>
      trigger.filter(feasible).map((entry) => {
        const atoms = clause(entry);
        const strings = atoms.filter((a): a is string => typeof a === 'string' && a.length > 0);
        const primary = strings[0];
        if (primary === undefined) throw new Error(`a trigger clause needs a substring: ${JSON.stringify(atoms.map(String))}`);
        if (primary !== undefined && !index.has(primary)) {
          index.set(primary, this.primaries.length);
          this.primaries.push(primary);
        }
        return {
          primary: index.get(primary) ?? 0,
          others: strings.filter((s) => s !== primary),
          patterns: atoms.filter((a): a is RegExp => a instanceof RegExp),
          facts: atoms.filter((a): a is { facts: FactsCondition } => typeof a === 'object' && !(a instanceof RegExp) && 'facts' in a).map((a) => a.facts),
          notebook: atoms.some((a) => typeof a === 'object' && !(a instanceof RegExp) && 'notebook' in a),
        };
      }),
    );
    this.search = wuManber(this.primaries.map((p) => Buffer.from(p, 'utf8')));
  }

  /** Indexes (into the constructor's list) of the rules that are candidates for a file with these bytes. */
  scan(bytes: Uint8Array, opts: ScanOptions = {}): number[] {
    const found = new Uint8Array(this.primaries.length);
    this.search(bytes, found);
    if (!found.includes(1)) return [];
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let latin1: string | undefined;
    return this.evaluate(found, {
      has: (s) => buf.indexOf(s, 0, 'latin1') !== -1,
      matches: (re) => opts.notebook === true || re.test((latin1 ??= buf.toString('latin1'))),
      facts: (c) => opts.assumeFacts === true || factsHold(c, opts.facts),
      notebook: opts.notebook === true,
    });
  }

  /** The same decision on decoded text (later fix passes, re-runs). */
  scanText(text: string, opts: ScanOptions = {}): number[] {
    const found = Uint8Array.from(this.primaries, (p) => (text.includes(p) ? 1 : 0));
    if (!found.includes(1)) return [];
    return this.evaluate(found, {
      has: (s) => text.includes(s),
      matches: (re) => re.test(text),
      facts: (c) => opts.assumeFacts === true || factsHold(c, opts.facts),
      notebook: opts.notebook === true,
    });
  }

  private evaluate(found: Uint8Array, probe: { has: (s: string) => boolean; matches: (re: RegExp) => boolean; facts: (c: FactsCondition) => boolean; notebook: boolean }): number[] {
    const memo = new Map<string | RegExp, boolean>();
    const has = (s: string) => {
      let v = memo.get(s);
      if (v === undefined) memo.set(s, (v = probe.has(s)));
      return v;
    };
    const matches = (re: RegExp) => {
      let v = memo.get(re);
      if (v === undefined) memo.set(re, (v = probe.matches(re)));
      return v;
    };
    const out: number[] = [];
    this.rules.forEach((clauses, i) => {
      const hit = clauses.some((c) => found[c.primary] === 1 && c.others.every(has) && c.facts.every(probe.facts) && (!c.notebook || probe.notebook) && c.patterns.every(matches));
      if (hit) out.push(i);
    });
    return out;
  }
}

/**
 * Marks in `found` every pattern that occurs in `bytes` (the whole text is scanned; clauses need to know
 * all of them): one Wu-Manber pass for the long patterns, a native search for each short one.
 */
function wuManber(all: Buffer[]): (bytes: Uint8Array, found: Uint8Array) => void {
  // A short pattern would make every shift short: those few are searched natively on their own.
  const shortOnes = all.flatMap((p, i) => (p.length < MIN_SHIFTED ? [i] : []));
  const longOnes = all.flatMap((p, i) => (p.length >= MIN_SHIFTED ? [i] : []));
  const shifted = longOnes.length ? shiftScan(longOnes.map((i) => all[i] as Buffer)) : () => {};
  return (bytes, found) => {
    if (shortOnes.length) {
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (const i of shortOnes) if (buf.indexOf(all[i] as Buffer) !== -1) found[i] = 1;
    }
    if (!longOnes.length) return;
    const some = new Uint8Array(longOnes.length);
    shifted(bytes, some);
    longOnes.forEach((i, j) => {
      if (some[j]) found[i] = 1;
    });
  };
}

/** Patterns at least this long share the shifted scan (shifts of up to length - 1 bytes). */
const MIN_SHIFTED = 6;

/** Wu-Manber with 2-byte blocks over patterns of MIN_SHIFTED bytes or more. */
function shiftScan(patterns: Buffer[]): (bytes: Uint8Array, found: Uint8Array) => void {
  const m = Math.min(...patterns.map((p) => p.length));
  // shift[h]: how far the window may move when its last two bytes hash to h; buckets[h]: the patterns
  // whose window ends in h. The loop below is the hottest of a run: no Map, no `??` in it.
  const shift = new Uint8Array(65536).fill(Math.min(255, m - 1));
  const buckets: number[][] = [];
  patterns.forEach((p, index) => {
    for (let q = 2; q <= m; q++) {
      const h = ((p[q - 2] as number) << 8) | (p[q - 1] as number);
      const s = m - q;
      if (s < (shift[h] as number)) shift[h] = s;
      if (q === m) (buckets[h] ??= []).push(index);
    }
  });
  return (bytes, found) => {
    const n = bytes.length;
    for (let i = m - 1; i < n;) {
      const h = ((bytes[i - 1] as number) << 8) | (bytes[i] as number);
      const s = shift[h] as number;
      if (s !== 0) {
        i += s;
        continue;
      }
      const start = i - m + 1;
      const list = buckets[h] as number[];
      for (let j = 0; j < list.length; j++) {
        const index = list[j] as number;
        if (found[index]) continue;
        const p = patterns[index] as Buffer;
        const len = p.length;
        if (start + len > n) continue;
        let k = 0;
        while (k < len && bytes[start + k] === p[k]) k++;
        if (k === len) found[index] = 1;
      }
      i++;
    }
  };
}
