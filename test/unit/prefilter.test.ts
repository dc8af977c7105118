import { describe, expect, it } from 'vitest';
import { compileTriggers } from '../../src/prefilter.js';

const naive = (triggers: string[], text: string) => triggers.some((t) => text.includes(t));

describe('compileTriggers', () => {
  const triggers = ['get_event_loop', 'run_until_complete', 'loop=', 'scope=', 'coroutine', 'ClientSession'];
  const scan = compileTriggers(triggers);

  it('finds each trigger at the start, middle and end of a text', () => {
    for (const t of triggers) {
      for (const text of [t, `x${t}`, `${t}y`, `abc\n${t}\ndef`, `é€${t}`]) {
        expect(scan(Buffer.from(text)), `${t} in ${JSON.stringify(text)}`).toBe(true);
      }
    }
  });

  it('agrees with a naive search on random texts', () => {
    const alphabet = 'lopr_e=gtunscmCSi \n';
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 3000; n++) {
      const len = Math.floor(rand() * 60);
      let text = '';
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rand() * alphabet.length)];
      if (rand() < 0.2) text = text.slice(0, 10) + triggers[Math.floor(rand() * triggers.length)] + text.slice(10);
      expect(scan(Buffer.from(text)), JSON.stringify(text)).toBe(naive(triggers, text));
    }
  });

  it('handles one-byte triggers and no triggers', () => {
    expect(compileTriggers(['@'])(Buffer.from('a@b'))).toBe(true);
    expect(compileTriggers([])(Buffer.from('anything'))).toBe(false);
  });
});
