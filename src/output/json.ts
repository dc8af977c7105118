// The JSON output contract (conventions: version 1).
import type { Finding } from '../common/types.js';

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
    ...(f.suggestion !== undefined ? { suggestion: f.suggestion } : {}),
    ...(f.cell !== undefined ? { cell: f.cell } : {}),
  };
}
