// Findings as a snapshot records them: one line per finding, reviewed like code (ruff's diagnostics
// snapshots). A changed line, column, code, safety, message or suggestion changes the text.
import type { Finding } from '../../src/common/types.js';

/** `safe`/`unsafe` for a fix, `report` without one, `report (fix needs py311)` when the target is too old. */
function safety(f: Finding): string {
  if (f.fix) return f.fix.safety;
  return f.fixNeedsTarget ? `report (fix needs ${f.fixNeedsTarget})` : 'report';
}

export function formatFinding(f: Finding): string {
  const flags = [f.applied ? 'applied' : '', f.suppressed ? 'suppressed' : ''].filter(Boolean);
  const head = `${f.cell !== undefined ? `cell ${f.cell}:` : ''}${f.line}:${f.column} ${f.code} ${safety(f)}${flags.length ? ` [${flags.join(', ')}]` : ''} ${f.message}`;
  if (!f.suggestion) return head;
  return `${head}\n${f.suggestion
    .split('\n')
    .map((l) => `    | ${l}`.trimEnd())
    .join('\n')}`;
}

export const NO_FINDINGS = '(no findings)';

/** The whole `.findings.txt` text of a case: findings in source order, a final newline. */
export function formatFindings(findings: readonly Finding[]): string {
  const sorted = [...findings].sort((a, b) => a.start - b.start || a.code.localeCompare(b.code) || a.end - b.end);
  return `${sorted.length ? sorted.map(formatFinding).join('\n') : NO_FINDINGS}\n`;
}
