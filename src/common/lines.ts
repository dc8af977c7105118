// Line starts of a text: offsets where each line begins, with \n, \r\n and a lone \r as line ends (as Python reads source).
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
