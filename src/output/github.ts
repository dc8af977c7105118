// GitHub Actions workflow commands: one `::error ...::message` annotation per finding, on stdout.
import type { Finding } from '../common/types.js';

/** Escaping for the message part (the runner's `escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping for property values (`escapeProperty`): ':' and ',' separate properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function githubAnnotation(display: string, f: Finding): string {
  const props = [
    `file=${escapeProperty(display)}`,
    `line=${f.line}`,
    `col=${f.column}`,
    `endLine=${f.endLine}`,
    `endColumn=${f.endColumn}`,
    `title=${escapeProperty(f.code)}`,
  ];
  return `::error ${props.join(',')}::${escapeData(`${f.message} (${f.name})`)}`;
}
