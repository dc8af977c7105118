// PEP 263 coding declarations (src/file/decode.ts): refused exactly where Python refuses them, against a
// table of cases whose verdicts are CPython's; where a CPython 3.12+ is installed, the table itself is
// checked against it.
import { describe, expect, it } from 'vitest';
import { codingRefusal, decode } from '../../src/file/decode.js';
import { cpython, cpythonVerdicts } from '../helpers/python.js';

const BOM = '\xef\xbb\xbf';

/** The file's bytes (latin-1 characters, a body Python accepts) → CPython 3.13: 'ok', or 'refused' for a SyntaxError. */
const CASES: Record<string, [string, 'ok' | 'refused']> = {
  'an unknown encoding': ['# coding: klingon\nx = 1\n', 'refused'],
  'an unknown encoding, emacs style on line 2 after a shebang': ['#!/usr/bin/env python\n# -*- coding: klingon -*-\nx = 1\n', 'refused'],
  'an unknown encoding after a blank line': ['\n# coding: klingon\nx = 1\n', 'refused'],
  'an unknown encoding, `coding=`': ['# coding= klingon\nx = 1\n', 'refused'],
  'an unknown encoding in an indented comment': ['  # coding: klingon\nx = 1\n', 'refused'],
  'an unknown encoding, CR line ends': ['#!/bin/python\r# coding: klingon\rx = 1\r', 'refused'],
  'a misspelt utf-8': ['# coding: uft-8\nx = 1\n', 'refused'],
  'a codec name with a dash Python does not take': ['# coding: CP-1252\nx = 1\n', 'refused'],
  'a dash alone': ['# coding: -\nx = 1\n', 'refused'],
  'a codec that is not a text encoding': ['# coding: rot13\nx = 1\n', 'refused'],
  base64: ['# coding: base64\nx = 1\n', 'refused'],
  'the undefined codec': ['# coding: undefined\nx = 1\n', 'refused'],
  'UTF-16 (Python reads the coding line as UTF-16 too)': ['# coding: utf-16\nx = 12\n', 'refused'],
  EBCDIC: ['# coding: cp037\nx = 1\n', 'refused'],
  punycode: ['# coding: punycode\nx = 1\n', 'refused'],
  'a BOM with utf8 (not one of the spellings Python takes with a BOM)': [`${BOM}# coding: utf8\nx = 1\n`, 'refused'],
  'a BOM with latin-1': [`${BOM}# coding: latin-1\nx = 1\n`, 'refused'],
  'a BOM with an unknown encoding': [`${BOM}# coding: klingon\nx = 1\n`, 'refused'],
  'latin-1': ['# coding: latin-1\nx = 1\n', 'ok'],
  'latin 1 (the cookie is `latin`)': ['# coding: latin 1\nx = 1\n', 'ok'],
  Latin_1: ['# coding: Latin_1\nx = 1\n', 'ok'],
  'latin--1': ['# coding: latin--1\nx = 1\n', 'ok'],
  'iso.8859.1': ['# coding: iso.8859.1\nx = 1\n', 'ok'],
  utf8: ['# coding: utf8\nx = 1\n', 'ok'],
  UTF_8: ['# coding: UTF_8\nx = 1\n', 'ok'],
  'utf-8 with any suffix': ['# coding: utf-8-klingon\nx = 1\n', 'ok'],
  'latin-1 with any suffix': ['# coding: latin-1-klingon\nx = 1\n', 'ok'],
  "vim's fileencoding": ['# vim: set fileencoding=utf-8 :\nx = 1\n', 'ok'],
  "emacs' -*- coding -*-": ['# -*- coding: iso-8859-15 -*-\nx = 1\n', 'ok'],
  ascii: ['# coding: ascii\nx = 1\n', 'ok'],
  cp1252: ['# coding: cp1252\nx = 1\n', 'ok'],
  euc_jp: ['# coding: euc_jp\nx = 1\n', 'ok'],
  'mac-roman': ['# coding: mac-roman\nx = 1\n', 'ok'],
  'utf-8-sig': ['# coding: utf-8-sig\nx = 1\n', 'ok'],
  'an empty cookie': ['# coding: \nx = 1\n', 'ok'],
  '`coding` without a colon': ['# coding klingon\nx = 1\n', 'ok'],
  'a cookie on line 3': ['#\n#\n# coding: klingon\nx = 1\n', 'ok'],
  'a cookie on line 2 after code': ['x = 1\n# coding: klingon\n', 'ok'],
  'a cookie on line 2 after a backslash line': ['\\\n# coding: klingon\nx = 1\n', 'ok'],
  'a cookie in a string': ['x = "# coding: klingon"\n', 'ok'],
  'a BOM with UTF-8': [`${BOM}# coding: UTF-8\nx = 1\n`, 'ok'],
  'a BOM with utf-8-sig': [`${BOM}# coding: utf-8-sig\nx = 1\n`, 'ok'],
};

const bytesOf = (s: string) => Buffer.from(s, 'latin1');

describe('coding declarations', () => {
  for (const [name, [source, verdict]] of Object.entries(CASES)) {
    it(`${name}: ${verdict}`, () => {
      const refused = codingRefusal(bytesOf(source));
      const decoded = decode(bytesOf(source));
      expect(refused === undefined ? 'ok' : 'refused').toBe(verdict);
      expect(decoded.ok).toBe(verdict === 'ok');
      if (refused) expect(decoded).toMatchObject({ ok: false, reason: 'encoding', message: refused });
    });
  }

  it('names the declaration and what Python says', () => {
    expect(codingRefusal(bytesOf('# coding: klingon\n'))).toMatch(/^declares encoding 'klingon', which Python does not know \(SyntaxError: unknown encoding\)/);
    expect(codingRefusal(bytesOf(`${BOM}# coding: latin-1\n`))).toMatch(/^starts with a UTF-8 BOM but declares encoding 'latin-1' \(SyntaxError: encoding problem\)/);
  });

  it('accepts the Windows-only mbcs and oem, which Python on Windows knows', () => {
    for (const name of ['mbcs', 'oem', 'dbcs', 'ansi']) expect(codingRefusal(bytesOf(`# coding: ${name}\nx = 1\n`)), name).toBeUndefined();
  });

  it('reads latin-1 under any name Python gives latin-1', () => {
    for (const name of ['latin-1', 'latin', 'l1', 'cp819', 'iso8859-1', 'ISO_8859-1']) {
      const r = decode(Buffer.concat([bytesOf(`# coding: ${name}\n# caf`), Buffer.from([0xe9]), bytesOf('\n')]));
      expect(r.ok && r.value.encoding, name).toBe('latin-1');
      expect(r.ok && r.value.text, name).toContain('café');
    }
  });

  it('does not read an ASCII file as UTF-8 when its codec gives one of the characters there another meaning', () => {
    expect(decode(bytesOf('# coding: utf-7\nx = 1 + 2\n'))).toMatchObject({
      ok: false,
      reason: 'encoding',
      message: expect.stringMatching(/'utf-7', which does not read '\+' \(line 2\) as ASCII does/) as unknown,
    });
    expect(decode(bytesOf('# coding: unicode_escape\nx = "a\\nb"\n'))).toMatchObject({ ok: false, reason: 'encoding' });
    expect(decode(bytesOf('# coding: utf-7\nx = 1\n')).ok).toBe(true);
    expect(decode(bytesOf('# coding: hz\nx = 1\n')).ok).toBe(true);
  });

  const python = cpython();
  it.skipIf(!python)('the table holds CPython 3.12+ verdicts', () => {
    const sources = Object.fromEntries(Object.entries(CASES).map(([name, [source]]) => [name, source]));
    const verdicts = cpythonVerdicts(python as string, sources);
    for (const [name, [, verdict]] of Object.entries(CASES)) expect(verdicts[name] === 'ok' ? 'ok' : 'refused', name).toBe(verdict);
  });
});
