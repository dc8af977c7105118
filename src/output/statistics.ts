// --statistics: findings per rule (ruff's table), suppressed ones counted in their own column.
import type { Finding } from '../common/types.js';

interface Row {
  code: string;
  name: string;
  count: number;
  fixable: number;
  suppressed: number;
}

export class Statistics {
  private readonly rows = new Map<string, Row>();

  add(findings: readonly Finding[], unsafeFixes: boolean): void {
    for (const f of findings) {
      let row = this.rows.get(f.code);
      if (!row) this.rows.set(f.code, (row = { code: f.code, name: f.name, count: 0, fixable: 0, suppressed: 0 }));
      if (f.suppressed) row.suppressed++;
      else {
        row.count++;
        if (f.fix && (f.fix.safety === 'safe' || unsafeFixes)) row.fixable++;
      }
    }
  }

  /** Rows sorted by count (most first), then code. */
  toJson(): Row[] {
    return [...this.rows.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  }

  table(): string {
    const rows = this.toJson();
    if (rows.length === 0) return 'loopmigrate: no findings\n';
    const head = ['code', 'name', 'count', 'fixable', 'suppressed'];
    const cells = rows.map((r) => [r.code, r.name, String(r.count), String(r.fixable), String(r.suppressed)]);
    const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
    // Text columns left-aligned, numbers right-aligned.
    const line = (c: string[]) =>
      c
        .map((v, i) => (i < 2 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd();
    return [line(head), ...cells.map(line)].join('\n') + '\n';
  }
}
