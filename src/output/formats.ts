// --format: the printer of each output format, chosen by its name.
import { GithubPrinter } from './github.js';
import { JsonPrinter } from './json.js';
import type { Printer, PrinterOptions } from './printer.js';
import { SarifPrinter } from './sarif.js';
import { TextPrinter } from './text.js';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export function createPrinter(format: Format, opts: PrinterOptions): Printer {
  switch (format) {
    case 'text':
      return new TextPrinter(opts);
    case 'json':
      return new JsonPrinter(opts);
    case 'sarif':
      return new SarifPrinter(opts);
    case 'github':
      return new GithubPrinter(opts);
  }
}
