// ruff-like diagnostics: `path:line:col: CODE [*] message`.
import type { Finding } from '../types.js';

export interface TextOptions {
  unsafeFixes: boolean;
  color: boolean;
}

const bold = (s: string, on: boolean) => (on ? `\u001b[1m${s}\u001b[22m` : s);
const red = (s: string, on: boolean) => (on ? `\u001b[31m${s}\u001b[39m` : s);
const cyan = (s: string, on: boolean) => (on ? `\u001b[36m${s}\u001b[39m` : s);

export function formatFinding(display: string, f: Finding, opts: TextOptions): string {
  const fixable = f.fix && (f.fix.safety === 'safe' || opts.unsafeFixes);
  const marker = fixable ? ' [*]' : '';
  const state = f.applied ? ' (fixed)' : '';
  const where = f.cell !== undefined ? `${display}:cell ${f.cell}` : display;
  const head = `${bold(where, opts.color)}${cyan(':', opts.color)}${f.line}${cyan(':', opts.color)}${f.column}${cyan(':', opts.color)} ${red(bold(f.code, opts.color), opts.color)}${marker} ${f.message}${state}`;
  // The suggestion is display-only code; indent it under the finding so it reads as an example.
  return f.suggestion && !f.applied ? `${head}\n${f.suggestion.split('\n').map((l) => `    | ${l}`.trimEnd()).join('\n')}` : head;
}
