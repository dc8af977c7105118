// --format text: ruff-like diagnostics on stderr (`path:line:col: CODE [*] message`), and in --dry-run
// the fixes as unified diffs on stdout.
import type { FileResult, Finding } from '../common/types.js';
import { colors } from './colors.js';
import { unifiedDiffBytes } from './diff.js';
import { unsuppressed, type Printer, type PrinterOptions } from './printer.js';
import { Statistics } from './statistics.js';

export interface TextOptions {
  unsafeFixes: boolean;
  color: boolean;
}

export function formatFinding(display: string, f: Finding, opts: TextOptions): string {
  const c = colors(opts.color);
  const fixable = f.fix && (f.fix.safety === 'safe' || opts.unsafeFixes);
  const marker = fixable ? ' [*]' : '';
  const state = f.applied ? ' (fixed)' : f.notFixed ? ` (not fixed: ${f.notFixed})` : '';
  const sep = c.cyan(':');
  const where = f.cell !== undefined ? `${display}:cell ${f.cell}` : display;
  const head = `${c.bold(where)}${sep}${f.line}${sep}${f.column}${sep} ${c.bold(c.red(f.code))}${marker} ${f.message}${state}`;
  // The suggestion is display-only code; indent it under the finding so it reads as an example.
  return f.suggestion && !f.applied
    ? `${head}\n${f.suggestion
        .split('\n')
        .map((l) => `    | ${l}`.trimEnd())
        .join('\n')}`
    : head;
}

export class TextPrinter implements Printer {
  readonly needsSource = false;
  private readonly statistics = new Statistics();

  constructor(private readonly o: PrinterOptions) {}

  file(result: FileResult, shown: string): void {
    this.statistics.add(result.findings, this.o.unsafeFixes);
    const { original, fixed, originalBytes } = result;
    if (this.o.mode === 'dry-run' && original !== undefined && fixed !== undefined && originalBytes) this.o.out(unifiedDiffBytes(shown, original, fixed, originalBytes));
    if (this.o.quiet) return;
    // A fixed finding is gone from the code, or shown by the diff or the patch.
    for (const f of unsuppressed(result).filter((x) => !x.applied)) this.o.log(formatFinding(shown, f, { unsafeFixes: this.o.unsafeFixes, color: this.o.color }) + '\n');
  }

  end(): void {
    if (this.o.statistics && !this.o.quiet) this.o.err(this.statistics.table());
  }
}
