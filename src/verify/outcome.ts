// What one run of the user's command says about the tests, and whether it is as good as the baseline.
// Test ids come from pytest's short test summary (`-rA`, `-ra`, and the FAILED/ERROR lines pytest
// prints by default) and from a JUnit XML report (`--junitxml=PATH`). With neither, a run is judged
// by its exit status alone.

/** The test ids one run reported, from one source. */
export interface TestIds {
  readonly passed: ReadonlySet<string>;
  /** Failed and errored ids (setup/teardown errors, collection errors), in the order reported. */
  readonly failing: readonly string[];
}

/** Both sources of one run; null where the run has none (no summary printed, no XML written). */
export interface TestReport {
  readonly summary: TestIds | null;
  readonly junit: TestIds | null;
}

/** How one command run ended. */
export interface Observed {
  readonly exitCode: number | null;
  /** The signal that ended the shell, when one did (and the run did not time out). */
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly report: TestReport;
}

/** The judgement of one run: `brokeBy` names the first newly failing test id, else the command. */
export type Verdict = { readonly pass: true } | { readonly pass: false; readonly brokeBy: string; readonly why: string };

// Colour codes (`--color=yes`) around the words and ids.
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

const SUMMARY_HEADER = /^=+ short test summary info =+$/;
const SUMMARY_END = /^[=!]|^(?:no tests ran|\d+ (?:failed|passed|errors?|skipped|deselected|xfailed|xpassed|warnings?|subtests)\b)/;
const SUMMARY_LINE = /^(PASSED|FAILED|ERROR) (.+)$/;

/** The short test summary sections of a pytest log (every pytest run the command made), or null. */
export function parsePytestSummary(log: string): TestIds | null {
  const passed = new Set<string>();
  const failing: string[] = [];
  let inSection = false;
  let sections = 0;
  for (const raw of log.split(/\r?\n/)) {
    const line = stripAnsi(raw).trimEnd();
    if (SUMMARY_HEADER.test(line)) {
      inSection = true;
      sections++;
      continue;
    }
    if (!inSection) continue;
    if (SUMMARY_END.test(line)) {
      inSection = false;
      continue;
    }
    const m = SUMMARY_LINE.exec(line);
    if (!m) continue;
    const id = nodeIdOf(m[2] as string);
    if (m[1] === 'PASSED') passed.add(id);
    else if (!failing.includes(id)) failing.push(id);
  }
  return sections > 0 ? { passed, failing } : null;
}

/**
 * The node id at the start of `rest`, which may go on with ` - message`. Parametrized ids may hold
 * spaces and ` - ` inside their brackets (`test_x[c - d]`), so a bracket that opens before the first
 * space runs to the `]` that ends the line or precedes ` - `.
 */
function nodeIdOf(rest: string): string {
  const open = rest.indexOf('[');
  const space = rest.indexOf(' ');
  if (open >= 0 && (space < 0 || open < space)) {
    const beforeMessage = rest.indexOf('] - ', open);
    if (beforeMessage >= 0) return rest.slice(0, beforeMessage + 1);
    if (rest.endsWith(']')) return rest;
  }
  return space < 0 ? rest : rest.slice(0, space);
}

/**
 * The test cases of a JUnit XML report, read with a tolerant scan rather than a full XML parser:
 * `<testcase classname name>` elements, failing when they hold `<failure>` or `<error>`, skipped ones
 * left out. Ids are `classname.name`, as JUnit tools show them. Null when the text is no JUnit report.
 */
export function parseJunitXml(xml: string): TestIds | null {
  const text = xml.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  if (!/<testsuites?\b/.test(text)) return null;
  const passed = new Set<string>();
  const failing: string[] = [];
  const testcase = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase\s*>)/g;
  for (const m of text.matchAll(testcase)) {
    const attrs = attributes(m[1] as string);
    const name = attrs.get('name') ?? '';
    const classname = attrs.get('classname') ?? '';
    const id = classname ? `${classname}.${name}` : name;
    const body = m[3] ?? '';
    if (/<(?:failure|error)\b/.test(body)) {
      if (!failing.includes(id)) failing.push(id);
    } else if (!/<skipped\b/.test(body)) passed.add(id);
  }
  for (const id of failing) passed.delete(id);
  return { passed, failing };
}

function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(m[1] as string, unescapeXml(m[2] ?? m[3] ?? ''));
  return out;
}

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/g, (whole, e: string) => {
    if (e.startsWith('#')) {
      const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e] ?? whole;
  });
}

/**
 * The JUnit XML path a command asks pytest to write (`--junitxml=PATH`, `--junit-xml PATH`, quoted or
 * not), relative to the command's working directory; null when it asks for none.
 */
export function junitPathOf(command: string): string | null {
  const m = /(?:^|\s)--junit-?xml(?:=|\s+)(?:"([^"]*)"|'([^']*)'|([^\s;&|)]+))/.exec(command);
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}

/** The ids to compare two runs by: the summary when both have one, else the JUnit report. */
function commonSource(a: TestReport, b: TestReport): [TestIds, TestIds] | null {
  if (a.summary && b.summary) return [a.summary, b.summary];
  if (a.junit && b.junit) return [a.junit, b.junit];
  return null;
}

/** The first failing id a run reported, from either source. */
function firstFailing(report: TestReport): string | null {
  return report.summary?.failing[0] ?? report.junit?.failing[0] ?? null;
}

/** True when a failing baseline can still be verified against: it reported test ids and did not time out. */
export function comparable(baseline: Observed): boolean {
  return !baseline.timedOut && (baseline.report.summary !== null || baseline.report.junit !== null);
}

function ended(run: Observed, timeoutMs: number): string {
  if (run.timedOut) return `timed out after ${formatSeconds(timeoutMs)}`;
  if (run.signal) return `killed by ${run.signal}`;
  return `exit status ${run.exitCode}`;
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/**
 * Judges a run. With a passing baseline (`baseline` null) a run passes when the command exits 0. With a
 * failing baseline it passes when no test id fails that did not fail in the baseline and every id that
 * passed in the baseline passed again. A run that timed out always fails.
 */
export function judge(run: Observed, baseline: Observed | null, command: string, timeoutMs: number): Verdict {
  if (run.timedOut) return { pass: false, brokeBy: command, why: ended(run, timeoutMs) };
  if (baseline === null) {
    if (run.exitCode === 0) return { pass: true };
    return { pass: false, brokeBy: firstFailing(run.report) ?? command, why: ended(run, timeoutMs) };
  }
  const pair = commonSource(baseline.report, run.report);
  if (!pair) {
    if (run.exitCode === 0) return { pass: true };
    return { pass: false, brokeBy: command, why: `${ended(run, timeoutMs)}, and no test summary to compare with the baseline's` };
  }
  const [before, after] = pair;
  const failedBefore = new Set(before.failing);
  const newlyFailing = after.failing.find((id) => !failedBefore.has(id));
  if (newlyFailing !== undefined) return { pass: false, brokeBy: newlyFailing, why: 'failed, and did not fail in the baseline' };
  for (const id of before.passed) {
    if (!after.passed.has(id)) return { pass: false, brokeBy: id, why: 'passed in the baseline and did not pass now' };
  }
  return { pass: true };
}
