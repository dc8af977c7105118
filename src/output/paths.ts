import path from 'node:path';

/** A path as users see it in output: relative to the current directory, '/' separators. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  const shown = rel === '' ? path.basename(file) : rel;
  return shown.split(path.sep).join('/');
}
