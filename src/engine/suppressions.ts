// In-source suppressions: `# loopmigrate: ignore[LM101,LM102]`, `# loopmigrate: ignore`, ruff's
// `# noqa: LM101` / bare `# noqa`, and `# loopmigrate: skip-file` (in a comment anywhere, as ruff's
// file-level `# ruff: noqa`). Comments come from the tree, so text in strings never counts.
//
// Which line a directive must be on: the finding's start line, or the first or last line of the
// statement the finding starts in. For a compound statement (if/for/with/def/class, elif/except
// clauses) "the statement" is its header up to the colon; for a decorator, the decorator itself.
import type { FileContext } from '../rule-api/context.js';
import type { Node } from '../python/parser.js';
import type { Finding } from '../common/types.js';
import { settle } from './findings.js';

/** Codes (or names) a directive names; `all` for a bare directive. */
type Directive = 'all' | Set<string>;

const QUICK = /noqa|loopmigrate\s*:/i;
/** A `#` that starts a directive; the tree decides whether it is a comment. */
const CANDIDATE = /#(?=\s*(?:noqa|loopmigrate\s*:))/gi;
const IGNORE = /#\s*loopmigrate\s*:\s*ignore\b(?:\[([^\]]*)\])?/gi;
// ruff's shape: `# noqa`, `# noqa: A1, B2`, `# noqa:A1 B2`; a colon with nothing usable after it is bare.
const NOQA = /#\s*noqa\b(?:\s*:\s*([A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*))?/gi;
const SKIP_FILE = /#\s*loopmigrate\s*:\s*skip-file\b/i;

/** The findings with those a directive silences marked `suppressed`; they keep their fix data but are never applied. */
export function applySuppressions(ctx: FileContext, findings: readonly Finding[]): readonly Finding[] {
  if (findings.length === 0 || !QUICK.test(ctx.source)) return findings;
  const comments = candidateComments(ctx);
  if (comments.some((c) => SKIP_FILE.test(c.text))) return findings.map((f) => settle(f, { suppressed: true }));
  const byLine = new Map<number, Directive[]>();
  for (const c of comments) {
    const found = directives(c.text);
    if (found.length === 0) continue;
    const line = ctx.position(c.startIndex).line;
    byLine.set(line, [...(byLine.get(line) ?? []), ...found]);
  }
  if (byLine.size === 0) return findings;
  return findings.map((f) => {
    const lines = new Set([f.line, ...statementLines(ctx, f.start)]);
    const covering = [...lines].flatMap((l) => byLine.get(l) ?? []);
    return covering.some((d) => d === 'all' || d.has(f.code.toUpperCase()) || d.has(f.name.toUpperCase())) ? settle(f, { suppressed: true }) : f;
  });
}

/** The directives in one comment's text. */
export function directives(text: string): Directive[] {
  const out: Directive[] = [];
  for (const m of text.matchAll(IGNORE)) out.push(m[1] === undefined ? 'all' : codeSet(m[1]));
  for (const m of text.matchAll(NOQA)) out.push(m[1] === undefined ? 'all' : codeSet(m[1]));
  return out;
}

function codeSet(list: string): Set<string> {
  return new Set(
    list
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((c) => c.toUpperCase()),
  );
}

/**
 * The comment nodes that may hold a directive: a text scan finds the candidates and the tree confirms
 * each is a comment (not string content), which avoids walking every node of the file.
 */
function candidateComments(ctx: FileContext): Node[] {
  const out: Node[] = [];
  const seen = new Set<number>();
  for (const m of ctx.source.matchAll(CANDIDATE)) {
    const node = ctx.root.descendantForIndex(m.index, m.index + 1);
    if (!node || node.type !== 'comment' || seen.has(node.startIndex)) continue;
    seen.add(node.startIndex);
    out.push(node);
  }
  return out;
}

/** First and last line of the statement (or compound-statement header) the offset starts in. */
function statementLines(ctx: FileContext, offset: number): number[] {
  let cur: Node | null = ctx.root.descendantForIndex(offset, offset);
  while (cur && cur.parent) {
    if (cur.type === 'decorator') return span(ctx, cur.startIndex, cur.endIndex);
    const block = cur.children.find((c) => c?.type === 'block');
    if (block && offset < block.startIndex) {
      const colon = block.previousSibling;
      return span(ctx, cur.startIndex, colon ? colon.endIndex : block.startIndex);
    }
    if (cur.parent.type === 'block' || cur.parent.type === 'module') return span(ctx, cur.startIndex, cur.endIndex);
    cur = cur.parent;
  }
  return [];
}

function span(ctx: FileContext, start: number, end: number): number[] {
  return [ctx.position(start).line, ctx.position(Math.max(start, end - 1)).line];
}
