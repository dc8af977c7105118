// Python's indentation check (src/python/indentation.ts) against a table of cases whose verdicts are
// CPython's; where a CPython 3.12+ is installed, the table itself is checked against it.
import { describe, expect, it } from 'vitest';
import { indentationProblem, mayHaveTabError } from '../../src/python/indentation.js';
import { cpython, cpythonVerdicts } from '../helpers/python.js';

/** Source → CPython 3.13's verdict: 'ok', 'tab LINE' (TabError) or 'unindent LINE' (IndentationError). */
const CASES: Record<string, [string, string]> = {
  'a tab, then 8 spaces in the same block': ['if x:\n\ta = 1\n        b = 2\n', 'tab 3'],
  '8 spaces, then a tab in the same block': ['if x:\n        a = 1\n\tb = 2\n', 'tab 3'],
  'a tab, then 4 spaces: no outer level matches': ['if x:\n\ta = 1\n    b = 2\n', 'unindent 3'],
  'tabs only': ['if x:\n\tif y:\n\t\ta = 1\n\tb = 2\nc = 3\n', 'ok'],
  'a tab and spaces, the same prefix on every line': ['if x:\n\tif y:\n\t    a = 1\n\t    b = 2\n\tc = 3\n', 'ok'],
  'space-tab against tab': ['if x:\n \ta = 1\n\tb = 2\n', 'tab 3'],
  'an indent by a tab after 4 spaces (a tab is not more than 4 spaces at tab size 1)': ['if x:\n    if y:\n\ta = 1\n', 'tab 3'],
  'an unindent that tab sizes disagree on': ['if x:\n\tif y:\n\t\ta = 1\n        b = 2\n', 'tab 4'],
  'indent greater at tab size 8 only': ['if x:\n        if y:\n\t\t a = 1\n', 'tab 3'],
  'a class indented with tabs, then with spaces': ['class A:\n\tdef f(self):\n\t\treturn 1\n\n    def g(self):\n        return 2\n', 'unindent 5'],
  'a decorator and its function': ['class A:\n    @d\n\tdef f(self): pass\n', 'tab 3'],
  'tabs inside brackets do not count': ['x = [\n\t1,\n        2,\n]\n', 'ok'],
  'nor inside a triple-quoted string': ['if x:\n    s = """\n\tfoo\n        bar"""\n    t = 1\n', 'ok'],
  "nor inside a '''string''' with a raw escape before it": ["if x:\n    s = r\"\\\"\" + '''\n\tq\n'''\n    b = 1\n", 'ok'],
  'nor on comment-only or blank lines': ['if x:\n    a = 1\n\t# comment\n\t\n    b = 2\n', 'ok'],
  'nor after a backslash continuation': ['if x:\n    a = 1 + \\\n\t2\n    b = 2\n', 'ok'],
  'nor in a string continued by a backslash': ['if x:\n    s = "a\\\n\tb"\n    c = 1\n', 'ok'],
  'a backslash in the indentation: its column counts': ['if x:\n    a = 1\n    \\\n\tb = 2\n', 'ok'],
  'a form feed resets the columns': ['if x:\n\ta = 1\n    \f\tb = 2\n', 'ok'],
  'a quote in a comment starts no string': ["if x:\n    a = 1  # don't\n\tb = 2\n", 'tab 3'],
  'an f-string replacement field over two lines': ['if x:\n    s = f"{\n\t1}"\n    b = 2\n', 'ok'],
  'a replacement field in a format spec': ['if x:\n    s = f"{a:{\n\tb}}"\n    c = 1\n', 'ok'],
  'doubled braces are text, and a string follows': ['if x:\n    s = f"{{" """\n\tq"""\n    c = 1\n', 'ok'],
  'PEP 701: the same quotes inside a replacement field': ['if x:\n    s = f"{"a"}"\n\tb = 2\n', 'tab 3'],
  'PEP 701: a triple-quoted string inside a one-quote f-string': ['if x:\n    s = f"{"""\n\tq"""}"\n    c = 1\n', 'ok'],
  '\\N{...} in an f-string is an escape, not a field': ['if x:\n    s = f"\\N{BULLET}{(\n\t1)}"\n    c = 1\n', 'ok'],
  'a backslash before a brace in an f-string: the field still opens': ['if x:\n    s = f"\\{(\n\t1)}"\n    c = 1\n', 'ok'],
  'CRLF line endings': ['if x:\r\n\ta = 1\r\n        b = 2\r\n', 'tab 3'],
  'CR line endings': ['if x:\r\ta = 1\r        b = 2\r', 'tab 3'],
  'no final newline': ['if x:\n\ta = 1\n        b = 2', 'tab 3'],
};

describe('indentationProblem', () => {
  for (const [name, [source, verdict]] of Object.entries(CASES)) {
    it(`${name}: ${verdict}`, () => {
      const p = indentationProblem(source);
      expect(p ? `${p.kind} ${p.line}` : 'ok').toBe(verdict);
      // The cheap test that decides whether the scan runs must not skip a file with a problem.
      if (p) expect(mayHaveTabError(source)).toBe(true);
    });
  }

  it('needs a tab in some line indentation to find a TabError', () => {
    expect(mayHaveTabError('if x:\n    a = "\t"\n')).toBe(false);
    expect(mayHaveTabError('if x:\n \f\ta = 1\n')).toBe(true);
  });

  const python = cpython();
  it.skipIf(!python)('the table holds CPython 3.12+ verdicts', () => {
    const sources = Object.fromEntries(Object.entries(CASES).map(([name, [source]]) => [name, source]));
    const verdicts = cpythonVerdicts(python as string, sources);
    for (const [name, [, verdict]] of Object.entries(CASES)) expect(verdicts[name], name).toBe(verdict);
  });
});
