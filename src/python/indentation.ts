// Python's own indentation check, which tree-sitter does not make: CPython's tokenizer measures each
// logical line's indentation twice, a tab once as a move to the next multiple of 8 columns and once as
// one column, and refuses the file with TabError when the two measures disagree on whether a line is
// indented more than, as much as or less than the lines before it; an unindent to a column no open
// block started at is an IndentationError. Only the first physical line of a logical line counts: not
// blank or comment-only lines, lines inside brackets, strings or f-string replacement fields, nor
// lines after a backslash continuation.

export interface IndentationProblem {
  /** 1-based line (LF, CRLF and a lone CR each end one). */
  line: number;
  /** 'tab': TabError; 'unindent': IndentationError, unindent does not match any outer indentation level. */
  kind: 'tab' | 'unindent';
}

const TAB_SIZE = 8;
const STRING_PREFIX = /^(?:[rRuUbBfFtT]|[bB][rR]|[rR][bB]|[fF][rR]|[rR][fF]|[tT][rR]|[rR][tT])$/;

/** Whether any line's indentation holds a tab: without one the two measures always agree. */
export function mayHaveTabError(text: string): boolean {
  return text.includes('\t') && /(?:^|[\n\r])[ \f]*\t/.test(text);
}

/** The first line Python would refuse for its indentation, or undefined. */
export function indentationProblem(text: string): IndentationProblem | undefined {
  return new IndentationScanner(text).run();
}

class IndentationScanner {
  private i = 0;
  private line = 1;
  /** Open brackets, replacement fields included: a line that starts inside one is not a logical line. */
  private level = 0;
  private readonly cols = [0];
  private readonly alts = [0];

  constructor(private readonly s: string) {}

  run(): IndentationProblem | undefined {
    const n = this.s.length;
    let atLineStart = true;
    while (this.i < n) {
      if (atLineStart) {
        atLineStart = false;
        const problem = this.indentation();
        if (problem) return problem;
        continue;
      }
      const c = this.s[this.i] as string;
      if (c === '\n' || c === '\r') {
        this.newline();
        atLineStart = true;
      } else this.token();
    }
    return undefined;
  }

  /** Measures the indentation at a line start and checks it as CPython does (lex_indentation). */
  private indentation(): IndentationProblem | undefined {
    let col = 0;
    let alt = 0;
    // A backslash in the indentation continues it on the next line; the column of the first one is the line's indentation.
    let continued = 0;
    for (;;) {
      const c = this.s[this.i];
      if (c === ' ') {
        col++;
        alt++;
      } else if (c === '\t') {
        col = (Math.floor(col / TAB_SIZE) + 1) * TAB_SIZE;
        alt++;
      } else if (c === '\f') {
        col = alt = 0;
      } else if (c === '\\' && this.isNewline(this.i + 1)) {
        continued ||= col;
        this.i++;
        this.newline();
        continue;
      } else break;
      this.i++;
    }
    const c = this.s[this.i];
    // Blank and comment-only lines do not count, nor does trailing whitespace at the end of the file.
    if (c === undefined || c === '#' || c === '\n' || c === '\r' || this.level > 0) return undefined;
    if (continued) col = alt = continued;
    const top = this.cols.length - 1;
    if (col === this.cols[top]) return alt === this.alts[top] ? undefined : { line: this.line, kind: 'tab' };
    if (col > (this.cols[top] as number)) {
      if (alt <= (this.alts[top] as number)) return { line: this.line, kind: 'tab' };
      this.cols.push(col);
      this.alts.push(alt);
      return undefined;
    }
    while (this.cols.length > 1 && col < (this.cols[this.cols.length - 1] as number)) {
      this.cols.pop();
      this.alts.pop();
    }
    if (col !== this.cols[this.cols.length - 1]) return { line: this.line, kind: 'unindent' };
    return alt === this.alts[this.alts.length - 1] ? undefined : { line: this.line, kind: 'tab' };
  }

  private isNewline(at: number): boolean {
    const c = this.s[at];
    return c === '\n' || c === '\r';
  }

  /** Consumes one line break (LF, CRLF or CR). */
  private newline(): void {
    if (this.s[this.i] === '\r' && this.s[this.i + 1] === '\n') this.i++;
    this.i++;
    this.line++;
  }

  /** One token of code (or a character the tokenizer would refuse, which cannot matter here). */
  private token(): void {
    const s = this.s;
    const c = s[this.i] as string;
    if (c === '#') {
      while (this.i < s.length && !this.isNewline(this.i)) this.i++;
    } else if (c === '\\') {
      this.i++;
      if (this.isNewline(this.i)) this.newline();
    } else if (c === '(' || c === '[' || c === '{') {
      this.level++;
      this.i++;
    } else if (c === ')' || c === ']' || c === '}') {
      if (this.level > 0) this.level--;
      this.i++;
    } else if (c === '"' || c === "'") {
      this.string('');
    } else if (isWordChar(c)) {
      const start = this.i;
      while (this.i < s.length && isWordChar(s[this.i] as string)) this.i++;
      const word = s.slice(start, this.i);
      const next = s[this.i];
      if ((next === '"' || next === "'") && STRING_PREFIX.test(word)) this.string(word.toLowerCase());
    } else this.i++;
  }

  /** A string literal from its opening quote; f- and t-strings with their replacement fields (PEP 701: any quotes inside). */
  private string(prefix: string): void {
    const s = this.s;
    const quote = s[this.i] as string;
    const triple = s[this.i + 1] === quote && s[this.i + 2] === quote;
    this.i += triple ? 3 : 1;
    const fields = prefix.includes('f') || prefix.includes('t');
    while (this.i < s.length) {
      const c = s[this.i] as string;
      if (c === '\\') {
        this.i++;
        // A backslash before a brace escapes nothing in an f-string: the brace still opens (or closes) a field.
        if (this.isNewline(this.i)) this.newline();
        else if (!(fields && (s[this.i] === '{' || s[this.i] === '}'))) this.i++;
      } else if (c === quote && (!triple || (s[this.i + 1] === quote && s[this.i + 2] === quote))) {
        this.i += triple ? 3 : 1;
        return;
      } else if (this.isNewline(this.i)) {
        // A line break ends a one-quote string (unterminated: a syntax error tree-sitter reports).
        if (!triple) return;
        this.newline();
      } else if (fields && c === '{' && s[this.i + 1] === '{') {
        this.i += 2;
      } else if (fields && c === '{') {
        this.i++;
        this.field(quote, triple);
      } else this.i++;
    }
  }

  /** A replacement field after its `{`: code up to the matching `}`, then a format spec of literal text and nested fields. */
  private field(quote: string, triple: boolean): void {
    const s = this.s;
    const outer = this.level;
    this.level++;
    while (this.i < s.length) {
      const c = s[this.i] as string;
      if (this.level === outer + 1 && c === '}') {
        this.level = outer;
        this.i++;
        return;
      }
      if (this.level === outer + 1 && c === ':') {
        this.i++;
        this.spec(quote, triple);
        this.level = outer;
        return;
      }
      if (this.level === outer + 1 && c === '!' && s[this.i + 1] !== '=') {
        this.i++;
        continue;
      }
      if (this.isNewline(this.i)) this.newline();
      else this.token();
    }
    this.level = outer;
  }

  /** A format spec: literal text and nested fields, up to the `}` that closes its field. */
  private spec(quote: string, triple: boolean): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i] as string;
      if (c === '}') {
        this.i++;
        return;
      }
      if (c === '{') {
        this.i++;
        this.field(quote, triple);
      } else if (c === quote && (!triple || (s[this.i + 1] === quote && s[this.i + 2] === quote))) return;
      else if (this.isNewline(this.i)) {
        if (!triple) return;
        this.newline();
      } else this.i++;
    }
  }
}

/** Letters, digits, `_` and anything beyond ASCII: the characters of names and numbers. */
function isWordChar(c: string): boolean {
  const code = c.charCodeAt(0);
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f || code > 0x7f;
}
