// Comparing loopmigrate's edits with the maintainers' own migration, hunk by hunk. Both diffs are
// `git diff -U0` of the legacy tree; hunks of the same file whose old line ranges touch form one
// component, and each component gets one verdict:
//   matched      the tool's added lines equal the maintainers' (ignoring whitespace and quote style)
//   equivalent   different text, judged correct (a verdict in the manifest)
//   wrong        judged wrong (a verdict in the manifest)
//   missed       the maintainers changed loop code here; the tool neither edited nor reported it
//   reported     the maintainers changed it; the tool reported a finding there without editing
//   extra        the tool edited where the maintainers did not: judged correct, a false positive
//                (needless but harmless), or wrong (it breaks something)
//   unjudged     needs a verdict: the runner prints the hunks and the key to record it under
// Maintainer hunks that touch no loop API (LOOP_WORDS) are not part of the comparison.
import { createHash } from 'node:crypto';

/** Words of the legacy loop APIs and their replacements: a maintainer hunk without one is not a loop edit. */
export const LOOP_WORDS =
  /get_event_loop|new_event_loop|set_event_loop|get_running_loop|run_until_complete|run_forever|asyncio\.run\b|\bRunner\b|\bloop\b|_loop\b|loop=|event_loop|loop_scope|mark\.asyncio|pytest_asyncio|coroutine|all_tasks|current_task|iscoroutinefunction|ensure_future|asynctest|IsolatedAsyncioTestCase|AsyncMock|uvloop|EventLoopPolicy|anyio_backend|loop_factory/;

/** `git diff -U0` text → hunks with old/new line ranges and their removed and added lines. */
export function parseDiff(text) {
  const hunks = [];
  let file = null;
  let oldFile = null;
  let hunk = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('diff --git ')) {
      hunk = null;
      file = oldFile = null;
    } else if (line.startsWith('--- ')) {
      oldFile = line === '--- /dev/null' ? null : line.slice(6);
    } else if (line.startsWith('+++ ')) {
      file = line === '+++ /dev/null' ? oldFile : line.slice(6);
    } else if (line.startsWith('@@')) {
      const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m || !file) continue;
      hunk = { file, oldStart: Number(m[1]), oldLines: m[2] === undefined ? 1 : Number(m[2]), newStart: Number(m[3]), newLines: m[4] === undefined ? 1 : Number(m[4]), removed: [], added: [] };
      hunks.push(hunk);
    } else if (hunk && line.startsWith('-')) hunk.removed.push(line.slice(1));
    else if (hunk && line.startsWith('+')) hunk.added.push(line.slice(1));
  }
  return hunks;
}

/** Old-line interval a hunk touches; a pure insertion after line N touches N and N+1. */
function span(h) {
  return h.oldLines === 0 ? [h.oldStart, h.oldStart + 1] : [h.oldStart, h.oldStart + h.oldLines - 1];
}

function touches(a, b) {
  const [a0, a1] = span(a);
  const [b0, b1] = span(b);
  return a0 <= b1 + 1 && b0 <= a1 + 1;
}

const IMPORT_LINE = /^\s*(import\s|from\s+\S+\s+import\s|$)/;

/** A hunk that only adds or removes imports (and blank lines): the companion of an edit elsewhere. */
export function importOnly(h) {
  return [...h.removed, ...h.added].every((l) => IMPORT_LINE.test(l)) && h.removed.length + h.added.length > 0;
}

export function isLoopHunk(h) {
  return [...h.removed, ...h.added].some((l) => LOOP_WORDS.test(l));
}

/**
 * The new text of old lines lo..hi after `hunks` (of one file, -U0): unchanged old lines are kept, each
 * hunk's added lines stand where its removed lines were (after line N for an insertion after N).
 */
export function regionText(oldLines, hunks, lo, hi) {
  const out = [];
  const sorted = [...hunks].sort((a, b) => a.oldStart - b.oldStart);
  const inserted = (n) => sorted.filter((h) => h.oldLines === 0 && h.oldStart === n).flatMap((h) => h.added);
  out.push(...inserted(lo - 1));
  for (let n = lo; n <= hi; n++) {
    const h = sorted.find((x) => x.oldLines > 0 && n >= x.oldStart && n < x.oldStart + x.oldLines);
    if (h) {
      if (n === h.oldStart) out.push(...h.added);
    } else out.push(oldLines[n - 1] ?? '');
    out.push(...inserted(n));
  }
  return out;
}

function normal(lines) {
  return lines.join('\n').replace(/\s+/g, '').replace(/'/g, '"');
}

function shortHash(text) {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** The key a verdict is recorded under: where, plus a hash of both sides, so a changed edit needs a new verdict. */
function componentKey(c) {
  const first = c.oracle[0] ?? c.tool[0];
  const text = [...c.tool, ...c.oracle].map((h) => `${h.oldStart}:${h.removed.join('\n')}\u0000${h.added.join('\n')}`).join('\u0001');
  return `${first.file}:${first.oldStart}#${shortHash(`${c.tool.length}\u0002${text}`)}`;
}

/**
 * Components of touching tool and oracle hunks, file by file. Import-only hunks ride along with the
 * edit they serve and are not components of their own.
 */
export function components(tool, oracle) {
  const out = [];
  const files = new Set([...tool, ...oracle].map((h) => h.file));
  for (const file of [...files].sort()) {
    const t = tool.filter((h) => h.file === file && !importOnly(h));
    const o = oracle.filter((h) => h.file === file && !importOnly(h) && isLoopHunk(h));
    const all = [...t.map((h) => ({ side: 'tool', h })), ...o.map((h) => ({ side: 'oracle', h }))];
    const group = all.map((_, i) => i);
    const find = (i) => (group[i] === i ? i : (group[i] = find(group[i])));
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) if (touches(all[i].h, all[j].h)) group[find(i)] = find(j);
    const byRoot = new Map();
    all.forEach((x, i) => {
      const r = find(i);
      if (!byRoot.has(r)) byRoot.set(r, { file, tool: [], oracle: [] });
      byRoot.get(r)[x.side].push(x.h);
    });
    out.push(...[...byRoot.values()].sort((a, b) => span(a.oracle[0] ?? a.tool[0])[0] - span(b.oracle[0] ?? b.tool[0])[0]));
  }
  return out;
}

/** Both sides leave the same text over the component's old lines (whitespace and quote style aside). */
function sameResult(c, oldLines) {
  if (!oldLines) return normal(c.tool.flatMap((h) => h.added)) === normal(c.oracle.flatMap((h) => h.added));
  const all = [...c.tool, ...c.oracle];
  const lo = Math.min(...all.map((h) => span(h)[0]));
  const hi = Math.min(Math.max(...all.map((h) => span(h)[1])), oldLines.length);
  return normal(regionText(oldLines, c.tool, lo, hi)) === normal(regionText(oldLines, c.oracle, lo, hi));
}

export const VERDICTS = ['equivalent', 'wrong', 'missed', 'out-of-scope', 'extra-correct', 'false-positive'];

/**
 * A verdict for many maintainer hunks at once: `file` (a path, or a directory ending in `/`), optionally
 * `lines = "a-b"` and `match` (a regular expression the hunks' removed or added lines must match), for
 * changes the tool has no business making (a library's own `loop=` parameter, a test suite's rewrite).
 * It applies only to maintainer hunks the tool neither edited nor reported; the first that fits wins.
 */
function regionVerdict(regions, c) {
  const [lo, hi] = [Math.min(...c.oracle.map((h) => span(h)[0])), Math.max(...c.oracle.map((h) => span(h)[1]))];
  const text = c.oracle.flatMap((h) => [...h.removed, ...h.added]).join('\n');
  return regions.find((r) => {
    if (r.file.endsWith('/') ? !c.file.startsWith(r.file) : r.file !== c.file) return false;
    if (r.match && !new RegExp(r.match).test(text)) return false;
    if (!r.lines) return true;
    const [a, b] = String(r.lines).split('-').map(Number);
    return lo >= a && hi <= (b ?? a);
  });
}

/**
 * One verdict per component. `findings`: the tool's findings ({path, line, applied}); `verdicts`: the
 * manifest's verdicts, each either `{hunk: key, verdict, reason}` or `{file, lines?, verdict, reason}`.
 */
export function classify(tool, oracle, findings, verdictList, oldLinesOf = () => null) {
  const verdicts = new Map(verdictList.filter((v) => v.hunk).map((v) => [v.hunk, v]));
  const regions = verdictList.filter((v) => !v.hunk && v.file);
  const rows = [];
  const used = new Set();
  for (const c of components(tool, oracle)) {
    const key = componentKey(c);
    let recorded = verdicts.get(key);
    if (recorded) used.add(key);
    else if (!c.tool.length) recorded = regionVerdict(regions, c);
    let category;
    let reason = recorded?.reason ?? '';
    if (c.tool.length && c.oracle.length) {
      if (sameResult(c, oldLinesOf(c.file))) category = 'matched';
      else category = recorded && ['equivalent', 'wrong'].includes(recorded.verdict) ? recorded.verdict : 'unjudged';
    } else if (c.oracle.length) {
      const [lo, hi] = [Math.min(...c.oracle.map((h) => span(h)[0])), Math.max(...c.oracle.map((h) => span(h)[1]))];
      const reported = findings.some((f) => f.path === c.file && !f.applied && f.line >= lo && f.line <= hi);
      if (reported) category = 'reported';
      else if (recorded?.verdict === 'out-of-scope' || recorded?.verdict === 'equivalent') category = recorded.verdict;
      else category = 'missed';
    } else {
      category = recorded && ['extra-correct', 'false-positive', 'wrong'].includes(recorded.verdict) ? recorded.verdict : 'unjudged';
    }
    rows.push({ key, file: c.file, category, reason, tool: c.tool, oracle: c.oracle });
  }
  const stale = [...verdicts.keys()].filter((k) => !used.has(k));
  return { rows, stale };
}

export function counts(rows) {
  const n = (cat) => rows.filter((r) => r.category === cat).length;
  return {
    matched: n('matched'),
    equivalent: n('equivalent'),
    wrong: n('wrong'),
    missed: n('missed'),
    reported: n('reported'),
    extraCorrect: n('extra-correct'),
    falsePositive: n('false-positive'),
    unjudged: n('unjudged'),
  };
}

/** The hunks of a component as a reviewer reads them. */
export function describe(row) {
  const show = (side, hunks) =>
    hunks
      .map((h) => `  ${side} @@ -${h.oldStart},${h.oldLines} @@\n${h.removed.map((l) => `    -${l}`).join('\n')}${h.removed.length ? '\n' : ''}${h.added.map((l) => `    +${l}`).join('\n')}`)
      .join('\n');
  return [`${row.key}  [${row.category}]${row.reason ? ` ${row.reason}` : ''}`, show('tool  ', row.tool), show('oracle', row.oracle)].filter(Boolean).join('\n');
}
