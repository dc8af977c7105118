// Offsets to lines and columns, the one way every layer counts them: \n, \r\n and a lone \r end a line
// (as Python reads source, and as the parser sees the text: src/engine/engine.ts forParser()).

/** 1-based line and column; columns count UTF-16 units, as editors and ruff report them. */
export interface Position {
  line: number;
  column: number;
}

/** Line starts of a text: offsets where each line begins. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  // indexOf skips ahead natively; most files have no CR at all.
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** The position of an offset, given the text's line starts (computeLineStarts). */
export function positionAt(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/** The position of one offset in a text; a caller asking about many offsets keeps the line starts. */
export function positionIn(text: string, offset: number): Position {
  return positionAt(computeLineStarts(text), offset);
}
