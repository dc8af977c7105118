// ruff-like diagnostics: `path:line:col: CODE [*] message`.
import type { Finding } from '../common/types.js';
import { colors } from './colors.js';

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
  return f.suggestion && !f.applied ? `${head}\n${f.suggestion.split('\n').map((l) => `    | ${l}`.trimEnd()).join('\n')}` : head;
}
