// --format json: one document on stdout at the end of the run (conventions: version 1).
import type { FileResult, Finding, RevertedFix } from '../common/types.js';
import { unsuppressed, type Printer, type PrinterOptions } from './printer.js';
import { Statistics } from './statistics.js';

export interface JsonFinding {
  code: string;
  name: string;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  fix: 'safe' | 'unsafe' | null;
  applied: boolean;
  /** Why a fix this run was allowed to apply is not applied (e.g. "reverted: broke `tests/test_x.py::test_y`"). */
  notFixed?: string;
  /** --verify reverted the fix: the test it broke, the failing output's excerpt, the run's log. */
  reverted?: RevertedFix;
  /** Display-only code for the manual fix (report rules). */
  suggestion?: string;
  /** 1-based notebook cell when the file is a .ipynb (line/endLine are within the cell). */
  cell?: number;
}

export function jsonFinding(display: string, f: Finding): JsonFinding {
  return {
    code: f.code,
    name: f.name,
    path: display,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    message: f.message,
    fix: f.fix ? f.fix.safety : null,
    applied: f.applied,
    ...(f.notFixed !== undefined ? { notFixed: f.notFixed } : {}),
    ...(f.reverted !== undefined ? { reverted: f.reverted } : {}),
    ...(f.suggestion !== undefined ? { suggestion: f.suggestion } : {}),
    ...(f.cell !== undefined ? { cell: f.cell } : {}),
  };
}

export class JsonPrinter implements Printer {
  readonly needsSource = false;
  private readonly findings: JsonFinding[] = [];
  private readonly statistics = new Statistics();

  constructor(private readonly o: PrinterOptions) {}

  /** Every finding but the suppressed ones, fixed or not (`applied` tells). */
  file(result: FileResult, shown: string): void {
    this.statistics.add(result.findings, this.o.unsafeFixes);
    this.findings.push(...unsuppressed(result).map((f) => jsonFinding(shown, f)));
  }

  end(): void {
    const statistics = this.o.statistics ? { statistics: this.statistics.toJson() } : {};
    this.o.out(JSON.stringify({ version: 1, findings: this.findings, summary: this.o.summary.toJson(), ...statistics }, null, 2) + '\n');
  }
}
