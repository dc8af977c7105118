// --report FILE.html: one self-contained page (inline CSS and JS, a CSP that forbids any fetch) for
// reviewing a large migration: counts per rule and per directory as bars, then every change as a
// highlighted side-by-side diff, filterable by rule.
import type { Mode } from '../common/mode.js';
import type { Transform } from '../rule-api/transform.js';
import type { FileResult, Finding } from '../common/types.js';
import { highlightLines } from './highlight.js';
import { unsuppressed } from './printer.js';
import { lineHunks } from './diff.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Row {
  oldNo?: number;
  oldHtml?: string;
  newNo?: number;
  newHtml?: string;
  kind: 'context' | 'change';
}

export class HtmlReport {
  private readonly perRule = new Map<string, number>();
  private readonly perDir = new Map<string, number>();
  private readonly sections: string[] = [];
  private files = 0;
  private changedFiles = 0;
  private findings = 0;
  private suppressed = 0;
  private hunks = 0;

  constructor(
    private readonly rules: readonly Transform[],
    private readonly mode: Mode,
  ) {}

  /** `after` is the text that was (or would be) written; undefined when the file is left as it is. */
  add(result: FileResult, shown: string, after: string | undefined): void {
    this.files++;
    // Counted as the summary line counts them: a suppressed finding only in the number suppressed.
    const findings = unsuppressed(result);
    this.suppressed += result.findings.length - findings.length;
    if (findings.length === 0) return;
    const dir = shown.includes('/') ? shown.slice(0, shown.lastIndexOf('/')) : '.';
    for (const f of findings) {
      this.findings++;
      this.perRule.set(f.code, (this.perRule.get(f.code) ?? 0) + 1);
      this.perDir.set(dir, (this.perDir.get(dir) ?? 0) + 1);
    }
    const original = result.original;
    const diff = original !== undefined && after !== undefined && after !== original ? this.diff(original, after, findings) : '';
    if (diff) this.changedFiles++;
    const rules = [...new Set(findings.map((f) => f.code))].sort();
    const items = findings
      .map(
        (f) =>
          `<li data-rules="${f.code}"><span class="pos">${f.line}:${f.column}</span> <span class="code">${f.code}</span> ${esc(f.message)} <span class="state">${state(f, this.mode)}</span>${f.reverted?.excerpt ? `<pre class="excerpt">${esc(f.reverted.excerpt)}</pre>` : ''}</li>`,
      )
      .join('');
    this.sections.push(`<section class="file" data-rules="${rules.join(' ')}"><h3>${esc(shown)}</h3><ul class="findings">${items}</ul>${diff}</section>`);
  }

  render(): string {
    const options = this.rules
      .filter((r) => this.perRule.has(r.code))
      .map((r) => `<option value="${r.code}">${r.code} ${esc(r.name)} (${this.perRule.get(r.code)})</option>`)
      .join('');
    const ruleBars = bars(this.rules.filter((r) => this.perRule.has(r.code)).map((r) => ({ label: `${r.code} ${r.name}`, count: this.perRule.get(r.code) ?? 0, rule: r.code })));
    const dirBars = bars([...this.perDir].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([label, count]) => ({ label, count })));
    const what = this.mode === 'fix' ? 'changed' : 'would change';
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>loopmigrate review</title>
<style>${CSS}</style></head>
<body>
<header><h1>loopmigrate review</h1>
<p id="totals">${this.findings} finding${this.findings === 1 ? '' : 's'} in ${this.files} file${this.files === 1 ? '' : 's'} scanned; ${this.changedFiles} file${this.changedFiles === 1 ? '' : 's'} ${what}, ${this.hunks} change${this.hunks === 1 ? '' : 's'}${this.suppressed ? `; ${this.suppressed} suppressed` : ''}.</p>
<label>Rule <select id="rule-filter"><option value="">All rules</option>${options}</select></label> <span id="shown"></span>
</header>
<main>
<div class="charts"><section><h2>Findings per rule</h2>${ruleBars}</section><section><h2>Findings per directory</h2>${dirBars}</section></div>
<h2>Changes</h2>
${this.sections.join('\n') || '<p>No findings.</p>'}
</main>
<script>${SCRIPT}</script>
</body></html>
`;
  }

  private diff(before: string, after: string, findings: readonly Finding[]): string {
    const hunks = lineHunks(before, after);
    // Only the lines the hunks show are highlighted: a large file with one change is not a page in memory.
    const oldLines = highlightLines(
      before,
      hunks.map((h) => [h.oldStart, h.oldStart + h.oldLines - 1] as const),
    );
    const newLines = highlightLines(
      after,
      hunks.map((h) => [h.newStart, h.newStart + h.newLines - 1] as const),
    );
    const applied = findings.filter((f) => f.applied).sort((a, b) => a.line - b.line);
    const out: string[] = [];
    // The hunks come in line order: a finding enters `open` when a hunk reaches its first line and
    // leaves once a hunk starts below its last, so a file with many hunks is not quadratic.
    let next = 0;
    let open: Finding[] = [];
    for (const h of hunks) {
      this.hunks++;
      const last = h.oldStart + Math.max(h.oldLines, 1) - 1;
      while (next < applied.length && (applied[next] as Finding).line <= last) open.push(applied[next++] as Finding);
      open = open.filter((f) => f.endLine >= h.oldStart);
      // A hunk no finding covers (an added or removed import) belongs to all the file's applied rules.
      const rules = [...new Set((open.length ? open : applied).map((f) => f.code))].sort();
      const rows: Row[] = [];
      let oldNo = h.oldStart;
      let newNo = h.newStart;
      let dels: Row[] = [];
      let adds: Row[] = [];
      const pair = () => {
        for (let i = 0; i < Math.max(dels.length, adds.length); i++) rows.push({ ...dels[i], ...adds[i], kind: 'change' });
        dels = [];
        adds = [];
      };
      for (const line of h.lines) {
        if (line.startsWith('-')) dels.push({ oldNo, oldHtml: oldLines[oldNo++ - 1] ?? '', kind: 'change' });
        else if (line.startsWith('+')) adds.push({ newNo, newHtml: newLines[newNo++ - 1] ?? '', kind: 'change' });
        else if (line.startsWith(' ')) {
          pair();
          rows.push({ oldNo, oldHtml: oldLines[oldNo++ - 1] ?? '', newNo, newHtml: newLines[newNo++ - 1] ?? '', kind: 'context' });
        }
      }
      pair();
      const body = rows.map((r) => `<tr class="${r.kind}">${side(r.oldNo, r.oldHtml, 'del')}${side(r.newNo, r.newHtml, 'add')}</tr>`).join('');
      out.push(`<table class="hunk" data-rules="${rules.join(' ')}"><caption>@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@ ${rules.join(' ')}</caption>${body}</table>`);
    }
    return out.join('');
  }
}

function side(no: number | undefined, html: string | undefined, kind: 'del' | 'add'): string {
  if (no === undefined) return '<td class="ln"></td><td class="src empty"></td>';
  return `<td class="ln">${no}</td><td class="src ${kind}">${html ?? ''}</td>`;
}

function state(f: Finding, mode: Mode): string {
  // Outside fix mode nothing is written: an applied fix is one the diff shows, as --dry-run's.
  if (f.applied) return mode === 'fix' ? 'fixed' : 'would be fixed';
  if (f.reverted) return esc(f.notFixed ?? 'reverted by --verify');
  if (f.fix) return f.fix.safety === 'unsafe' ? 'unsafe fix not applied' : 'fix not applied';
  return f.fixNeedsTarget ? `fix needs ${f.fixNeedsTarget}` : 'manual fix';
}

function bars(items: { label: string; count: number; rule?: string }[]): string {
  if (items.length === 0) return '<p>None.</p>';
  const max = Math.max(...items.map((i) => i.count));
  const rows = items
    .map((i) => {
      const attr = i.rule ? ` data-rule="${i.rule}"` : '';
      return `<div class="bar"${attr}><span class="label">${esc(i.label)}</span><span class="track"><span class="fill" style="width:${((100 * i.count) / max).toFixed(1)}%"></span></span><span class="count">${i.count}</span></div>`;
    })
    .join('');
  return `<div class="bars">${rows}</div>`;
}

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1f2328;background:#fff}
header{position:sticky;top:0;background:#f6f8fa;border-bottom:1px solid #d0d7de;padding:8px 16px;z-index:1}
h1{font-size:18px;margin:0 0 4px}h2{font-size:16px}h3{font-size:14px;font-family:ui-monospace,monospace;margin:0 0 4px}
main{padding:0 16px 32px}
.charts{display:flex;flex-wrap:wrap;gap:32px}.charts section{flex:1 1 360px}
.bar{display:grid;grid-template-columns:minmax(120px,260px) 1fr 40px;gap:8px;align-items:center;margin:3px 0}
.bar[data-rule]{cursor:pointer}.label{font-family:ui-monospace,monospace;font-size:12px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.track{background:#eaeef2;border-radius:3px;height:14px}.fill{display:block;height:100%;background:#2f81f7;border-radius:3px}
.count{text-align:right;font-variant-numeric:tabular-nums}
.file{border:1px solid #d0d7de;border-radius:6px;padding:8px;margin:12px 0}
.findings{margin:0 0 8px;padding-left:18px}.pos{color:#57606a;font-family:ui-monospace,monospace}.code{font-weight:600}.state{color:#57606a;font-style:italic}.excerpt{margin:4px 0;padding:6px 8px;background:#fff8f0;border-left:3px solid #d1242f;font-size:12px;white-space:pre-wrap}
table.hunk{border-collapse:collapse;width:100%;table-layout:fixed;font:12px/1.5 ui-monospace,monospace;margin:6px 0}
table.hunk caption{text-align:left;color:#57606a;background:#ddf4ff;padding:2px 6px}
td.ln{width:44px;text-align:right;color:#8c959f;padding:0 6px;user-select:none;vertical-align:top}
td.src{white-space:pre-wrap;word-break:break-all;padding:0 6px;vertical-align:top}
tr.change td.del{background:#ffebe9}tr.change td.add{background:#dafbe1}td.empty{background:#f6f8fa}
.k{color:#cf222e}.s{color:#0a3069}.c{color:#6e7781;font-style:italic}.n{color:#0550ae}.f{color:#8250df}.b{color:#953800}.t{color:#953800}
[hidden]{display:none!important}
`;

const SCRIPT = `
(function () {
  var select = document.getElementById('rule-filter');
  var shown = document.getElementById('shown');
  function matches(el, rule) { return !rule || (el.getAttribute('data-rules') || '').split(' ').indexOf(rule) >= 0; }
  function apply() {
    var rule = select.value;
    document.querySelectorAll('section.file').forEach(function (file) {
      file.hidden = !matches(file, rule);
      file.querySelectorAll('[data-rules]').forEach(function (el) { el.hidden = !matches(el, rule); });
    });
    var n = document.querySelectorAll('table.hunk:not([hidden])').length;
    var files = document.querySelectorAll('section.file:not([hidden])').length;
    shown.textContent = n + ' change' + (n === 1 ? '' : 's') + ' in ' + files + ' file' + (files === 1 ? '' : 's') + ' shown';
  }
  select.addEventListener('change', apply);
  document.querySelectorAll('.bar[data-rule]').forEach(function (bar) {
    bar.addEventListener('click', function () { select.value = bar.getAttribute('data-rule'); apply(); });
  });
  apply();
})();
`;
