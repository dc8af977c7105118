// Counting for the summary line, the JSON summary and the exit status.
import type { Mode } from '../common/mode.js';
import type { Finding, SkipReason } from '../common/types.js';

const REASONS: Record<SkipReason, string> = {
  binary: 'binary',
  encoding: 'encoding',
  'syntax-error': 'syntax error',
  'too-large': 'too large',
  unreadable: 'unreadable',
  'fix-reverted': 'fixes reverted',
  'changed-during-run': 'changed during the run',
  'write-failed': 'write failed',
  'unsafe-path': 'unsafe path',
  'parse-timeout': 'parse timeout',
  'outside-cwd': 'outside the current directory',
  'internal-error': 'internal error',
  'too-deep': 'nested too deeply',
  dirty: 'uncommitted changes',
  'invalid-config': 'config does not parse',
};

export class Summary {
  scanned = 0;
  /** Files no rule can concern: read but not parsed, so their syntax was not checked. */
  notParsed = 0;
  filesChanged = 0;
  findings = 0;
  fixed = 0;
  unsafeOnly = 0;
  fixable = 0;
  suppressed = 0;
  problems = 0;
  readonly skipped = new Map<SkipReason, number>();

  constructor(readonly mode: Mode) {}

  /** Open findings of fixed texts that no reported finding accounts for. */
  introduced = 0;

  file(findings: readonly Finding[], unsafeFixes: boolean, introduced = 0): void {
    this.scanned++;
    this.introduced += introduced;
    for (const f of findings) {
      // A suppressed finding is neither reported nor counted for the exit status.
      if (f.suppressed) {
        this.suppressed++;
        continue;
      }
      this.findings++;
      if (f.applied) this.fixed++;
      if (f.fix && (f.fix.safety === 'safe' || unsafeFixes)) this.fixable++;
      else if (f.fix) this.unsafeOnly++;
    }
  }

  unparsed(): void {
    this.notParsed++;
  }

  changed(): void {
    this.filesChanged++;
  }

  skip(reason: SkipReason): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + 1);
  }

  problem(): void {
    this.problems++;
  }

  get remaining(): number {
    return this.findings - this.fixed + this.introduced;
  }

  exitCode(): number {
    if (this.problems > 0 || this.skipped.size > 0) return 2;
    if (this.mode === 'fix') return this.remaining > 0 ? 1 : 0;
    return this.findings > 0 ? 1 : 0;
  }

  line(unsafeFixes: boolean): string {
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    const parts: string[] = [];
    const hidden = this.unsafeOnly && !unsafeFixes ? ` (${this.unsafeOnly} fixable with --unsafe-fixes)` : '';
    if (this.mode === 'check') {
      parts.push(`${plural(this.findings, 'finding')}: ${this.fixable} fixable${hidden}`);
    } else {
      const verb = this.mode === 'fix' ? 'fixed' : 'fixable';
      parts.push(`${plural(this.findings, 'finding')}: ${this.fixed} ${verb}, ${this.remaining} remaining${hidden}`);
    }
    const changedWord = this.mode === 'fix' ? 'changed' : 'would change';
    const unparsed = this.notParsed ? `, ${this.notParsed} not parsed (no rule concerns them, so their syntax was not checked)` : '';
    parts.push(`${plural(this.scanned, 'file')} scanned${unparsed}` + (this.mode === 'check' ? '' : `, ${this.filesChanged} ${changedWord}`));
    const skippedTotal = [...this.skipped.values()].reduce((a, b) => a + b, 0);
    if (skippedTotal) {
      parts.push(`${skippedTotal} skipped (${[...this.skipped].map(([r, n]) => `${n} ${REASONS[r]}`).join(', ')})`);
    }
    if (this.suppressed) parts.push(`${this.suppressed} suppressed`);
    if (this.problems) parts.push(plural(this.problems, 'path error'));
    return `loopmigrate: ${parts.join('; ')}`;
  }

  toJson() {
    return {
      filesScanned: this.scanned,
      filesNotParsed: this.notParsed,
      filesChanged: this.filesChanged,
      findings: this.findings,
      fixed: this.fixed,
      remaining: this.remaining,
      unsafeFixesAvailable: this.unsafeOnly,
      suppressed: this.suppressed,
      skipped: Object.fromEntries(this.skipped),
      errors: this.problems,
    };
  }
}
