// Word occurrences are what anchored queries, scope shortcuts and call lookups stand on: the one-pass
// search of several words must find exactly what searching each word on its own finds.
import { describe, expect, it } from 'vitest';
import { WordIndex, wordOccurrences } from '../../src/python/words.js';

const WORDS = ['wait', 'wait_for', 'Queue', 'LifoQueue', 'sleep', 'loop', 'a.b', 'b.c'];

/** Each word searched on its own, merged in order. */
function oneByOne(text: string, words: string[]): Array<[number, number]> {
  return words.flatMap((w) => wordOccurrences(text, [w])).sort((a, b) => a[0] - b[0]);
}

describe('WordIndex.ofAny', () => {
  it('finds exactly what one search per word finds, next to longer names, underscores and non-ASCII letters', () => {
    const text = [
      'await asyncio.wait_for(x, 1); asyncio.wait(fs); wait_forever(); _wait(); wait',
      'q = asyncio.LifoQueue(); r = Queue(); s = xQueue(); t = Queue2(); LifoQueue.Queue',
      'éloop = 1; loopé = 2; loop = 3; (loop)[loop]; "sleep" # sleep',
      'a.b ab a.bc a.b.c', // words that are not identifiers can overlap: each is searched on its own
    ].join('\n');
    expect([...new WordIndex(text).ofAny(WORDS)]).toEqual(oneByOne(text, WORDS));
    // Asked word by word afterwards, the index answers as a fresh search does.
    const index = new WordIndex(text);
    index.ofAny(WORDS);
    for (const w of WORDS) expect([...index.of(w)]).toEqual(wordOccurrences(text, [w]));
  });

  it('agrees on generated texts', () => {
    const pieces = ['wait', 'wait_for', 'Queue', 'Lifo', 'sleep', 'loop', '_', 'x', '1', ' ', '.', '(', '\n', 'é', '\u{1D49C}'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let n = 0; n < 300; n++) {
      let text = '';
      for (let k = next() % 40; k > 0; k--) text += pieces[next() % pieces.length];
      expect([...new WordIndex(text).ofAny(WORDS)]).toEqual(oneByOne(text, WORDS));
    }
  });
});
