// ruff-like diagnostics: `path:line:col: CODE [*] message`.
import type { Finding } from '../types.js';
import { colors } from './colors.js';

export interface TextOptions {
  unsafeFixes: boolean;
  color: boolean;
}

export function formatFinding(display: string, f: Finding, opts: TextOptions): string {
  const c = colors(opts.color);
  const fixable = f.fix && (f.fix.safety === 'safe' || opts.unsafeFixes);
  const marker = fixable ? ' [*]' : '';
  const state = f.applied ? ' (fixed)' : '';
  const sep = c.cyan(':');
  return `${c.bold(display)}${sep}${f.line}${sep}${f.column}${sep} ${c.bold(c.red(f.code))}${marker} ${f.message}${state}`;
}
