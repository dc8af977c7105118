// Test outcomes from pytest's JUnit XML: one entry per test case, keyed by classname::name.
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(s) {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e],
  );
}

/** Map test id → 'passed' | 'failed' | 'error' | 'skipped'. */
export function outcomes(xml) {
  const map = new Map();
  const re = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const m of xml.matchAll(re)) {
    const attrs = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], unescape(a[2])]));
    const inner = m[3] ?? '';
    const outcome = /<failure\b/.test(inner) ? 'failed' : /<error\b/.test(inner) ? 'error' : /<skipped\b/.test(inner) ? 'skipped' : 'passed';
    const id = `${attrs.classname ?? ''}::${attrs.name ?? ''}`;
    // A test that passed and then errored in teardown appears twice: the worse outcome wins.
    const prev = map.get(id);
    if (!prev || prev === 'passed' || prev === 'skipped') map.set(id, outcome);
  }
  return map;
}

/** "P/F" (errors count as failures), with a note when the run produced no report. */
export function summarize(run) {
  if (run.timedOut) return `timed out (${run.seconds} s)`;
  if (run.results.size === 0) return `no tests ran (exit ${run.status}: ${run.tail.replace(/\|/g, '/').slice(0, 80)})`;
  let passed = 0;
  let failed = 0;
  for (const o of run.results.values()) {
    if (o === 'passed') passed++;
    else if (o === 'failed' || o === 'error') failed++;
  }
  return `${passed}/${failed}`;
}
