// Unified diffs that `git apply` accepts: git-style headers, exact line-ending bytes, and
// "\ No newline at end of file" markers.
import { structuredPatch } from 'diff';

export function unifiedDiff(displayPath: string, before: string, after: string): string {
  const patch = structuredPatch(`a/${displayPath}`, `b/${displayPath}`, before, after, '', '', { context: 3 });
  if (patch.hunks.length === 0) return '';
  const lines = [`diff --git a/${displayPath} b/${displayPath}`, `--- a/${displayPath}`, `+++ b/${displayPath}`];
  for (const h of patch.hunks) {
    lines.push(`@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`);
    lines.push(...h.lines);
  }
  return lines.join('\n') + '\n';
}

function range(start: number, count: number): string {
  // An empty side starts at the line before (as GNU diff and git print it).
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}
