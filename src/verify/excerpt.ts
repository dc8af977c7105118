// A few lines of a failing run that show why it failed: pytest's failure section of the test that broke,
// else its JUnit failure message, else the end of the log.

import { stripAnsi, unescapeXml } from './outcome.js';

const MAX_LINES = 12;
const MAX_LINE = 200;
const SECTION_HEADER = /^_{3,} (.+?) _{3,}$/;
const SECTION_END = /^(?:_{3,} .+ _{3,}|={3,}.*)$/;

/**
 * The excerpt for a run that broke `brokeBy` (a pytest node id, a JUnit `classname.name`, or the
 * command). `log` is the run's output, `junitXml` its JUnit report when it wrote one.
 */
export function excerptOf(log: string, brokeBy: string, junitXml: string | null): string {
  const lines = log.split(/\r?\n/).map((l) => stripAnsi(l).trimEnd());
  const fromPytest = pytestSection(lines, brokeBy);
  if (fromPytest) return fromPytest;
  const fromJunit = junitXml === null ? null : junitFailure(junitXml, brokeBy);
  if (fromJunit) return fromJunit;
  return clip(lines.filter((l) => l.trim() !== '').slice(-MAX_LINES));
}

/** The heads pytest writes over a failure section of `id`: `Class.test_x[p]`, or the path of a module that failed to collect. */
function headsOf(id: string): string[] {
  const [file, ...names] = id.split('::');
  if (names.length === 0) return [`ERROR collecting ${file}`];
  const head = names.join('.');
  return [head, `ERROR at setup of ${head}`, `ERROR at teardown of ${head}`];
}

function pytestSection(lines: readonly string[], id: string): string | null {
  const heads = headsOf(id);
  const summary = lines.find((l) => /^(?:FAILED|ERROR) /.test(l) && (l.slice(l.indexOf(' ') + 1) === id || l.slice(l.indexOf(' ') + 1).startsWith(`${id} - `)));
  const start = lines.findIndex((l) => {
    const m = SECTION_HEADER.exec(l);
    return m !== null && heads.includes(m[1] as string);
  });
  if (start < 0) return summary ? clip([summary]) : null;
  let end = start + 1;
  while (end < lines.length && !SECTION_END.test(lines[end] as string)) end++;
  const body = lines.slice(start + 1, end).filter((l) => l.trim() !== '');
  return clip([...(summary ? [summary] : []), ...body.slice(-(MAX_LINES - 1))]);
}

function junitFailure(xml: string, id: string): string | null {
  for (const m of xml.matchAll(/<testcase\b([^>]*?)>([\s\S]*?)<\/testcase\s*>/g)) {
    const attrs = m[1] as string;
    const name = /\bname\s*=\s*"([^"]*)"/.exec(attrs)?.[1] ?? '';
    const classname = /\bclassname\s*=\s*"([^"]*)"/.exec(attrs)?.[1] ?? '';
    if (unescapeXml(classname ? `${classname}.${name}` : name) !== id) continue;
    const failure = /<(failure|error)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1\s*>)/.exec(m[2] as string);
    if (!failure) return null;
    const message = /\bmessage\s*=\s*"([^"]*)"/.exec(failure[2] as string)?.[1];
    const body = unescapeXml((failure[3] ?? '').replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1'))
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '');
    const head = message === undefined ? [] : unescapeXml(message).split(/\r?\n/);
    return clip([...head, ...body.slice(-(MAX_LINES - head.length))]);
  }
  return null;
}

function clip(lines: readonly string[]): string {
  return lines
    .slice(0, MAX_LINES)
    .map((l) => (l.length > MAX_LINE ? `${l.slice(0, MAX_LINE - 1)}…` : l))
    .join('\n');
}
