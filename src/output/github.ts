// --format github: GitHub Actions workflow commands, one `::error ...::message` annotation per open
// finding, on stdout as the files are done.
import type { FileResult, Finding } from '../common/types.js';
import { stillOpen, type Printer, type PrinterOptions } from './printer.js';
import { Statistics } from './statistics.js';

/** Escaping for the message part (the runner's `escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping for property values (`escapeProperty`): ':' and ',' separate properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function githubAnnotation(display: string, f: Finding): string {
  const props = [`file=${escapeProperty(display)}`, `line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, `endColumn=${f.endColumn}`, `title=${escapeProperty(f.code)}`];
  return `::error ${props.join(',')}::${escapeData(`${f.message} (${f.name})`)}`;
}

export class GithubPrinter implements Printer {
  readonly needsSource = false;
  private readonly statistics = new Statistics();

  constructor(private readonly o: PrinterOptions) {}

  file(result: FileResult, shown: string): void {
    this.statistics.add(result.findings, this.o.unsafeFixes);
    for (const f of stillOpen(result, this.o.mode)) this.o.out(githubAnnotation(shown, f) + '\n');
  }

  end(): void {
    if (this.o.statistics && !this.o.quiet) this.o.err(this.statistics.table());
  }
}
