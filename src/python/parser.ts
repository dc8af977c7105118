// web-tree-sitter lifecycle: one init, one cached Language, one cached Query per source string.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser, Query, type Node, type QueryMatch, type Tree } from 'web-tree-sitter';
import { includedRanges, LONG_COMMENT_RUN, longCommentRuns, type CommentGap, type InputRange } from './comment-runs.js';

export type { Node, Tree };

const require = createRequire(import.meta.url);

let language: Language | undefined;
let parser: Parser | undefined;
const queries = new Map<string, Query>();

/** Path of the grammar wasm shipped by the installed tree-sitter-python package. */
export function grammarPath(): string {
  return require.resolve('tree-sitter-python/tree-sitter-python.wasm');
}

let initializing: Promise<void> | undefined;

/**
 * Loads the wasm runtime and grammar once; later calls share the first one's promise. The modules are
 * read and compiled synchronously: web-tree-sitter's own loader compiles in the background and goes
 * on in event-loop tasks, which a thread busy scanning files (awaiting nothing but promises) never
 * runs, so a load begun early did not advance and the first file to parse then waited for all of it.
 * This way the load costs its compile time once, where it is asked for, and settles within promises.
 */
export function initParser(): Promise<void> {
  return (initializing ??= load());
}

/** True once initParser() has finished: parse() may be called. */
export function parserLoaded(): boolean {
  return parser !== undefined;
}

interface WasmModules {
  runtime: WebAssembly.Module;
  grammar: WebAssembly.Module;
}

let modules: WasmModules | undefined;

/**
 * The compiled wasm modules, compiled once per thread; V8 compiles the same bytes once per process and
 * shares the code between threads (optimised functions included), so each thread compiles its own,
 * after the run's wasm tier is chosen (src/run/wasm-tier.ts).
 */
function wasmModules(): WasmModules {
  return (modules ??= {
    runtime: new WebAssembly.Module(readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'))),
    grammar: new WebAssembly.Module(readFileSync(grammarPath())),
  });
}

async function load(): Promise<void> {
  const { runtime, grammar } = wasmModules();
  await Parser.init({
    // Emscripten's hook for supplying the instance (it takes the imports and a callback).
    instantiateWasm(imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
      const instance = new WebAssembly.Instance(runtime, imports);
      receive(instance, runtime);
      return instance.exports;
    },
  });
  language = Language.loadSync(grammar);
  parser = new Parser();
  parser.setLanguage(language);
}

function ready(): { parser: Parser; language: Language } {
  if (!parser || !language) throw new Error('initParser() must be awaited before parsing');
  return { parser, language };
}

export class ParseTimeoutError extends Error {}

/** Wall-clock budget for one parse; 0 means none. Pathological input can take minutes otherwise. */
let parseTimeoutMs = 0;

export function setParseTimeout(ms: number): void {
  parseTimeoutMs = ms;
}

/**
 * Parse Python source. The caller owns the tree and must call tree.delete(). The inside of a long run
 * of comment lines is left out (src/python/comment-runs.ts): the tree has no nodes for those comments
 * (elidedComments() lists them) and is otherwise the one a full parse gives. Should the shorter parse
 * not show that it is (a syntax error, a run that turns out to be inside a string), the runs in doubt
 * are parsed after all, and the whole file after a second doubt. `minCommentRun` is the shortest run
 * skipped (0: none).
 */
export function parse(source: string, minCommentRun: number = LONG_COMMENT_RUN): Tree {
  const budget = parseTimeoutMs;
  const deadline = budget > 0 ? Date.now() + budget : 0;
  let gaps = longCommentRuns(source, minCommentRun);
  for (let attempt = 0; attempt < 2 && gaps.length > 0; attempt++) {
    const tree = parseRanges(source, deadline, includedRanges(source, gaps));
    if (tree.rootNode.hasError) {
      tree.delete();
      break;
    }
    const confirmed = gaps.filter((g) => betweenComments(tree.rootNode, g));
    if (confirmed.length === gaps.length) return tree;
    tree.delete();
    gaps = confirmed;
  }
  return parseRanges(source, deadline);
}

/** Whether the lines around a gap parsed as comments of one parent. */
function betweenComments(root: Node, gap: CommentGap): boolean {
  const first = root.descendantForIndex(gap.first, gap.first + 1);
  const last = root.descendantForIndex(gap.last, gap.last + 1);
  return first?.type === 'comment' && first.startIndex === gap.first && last?.type === 'comment' && last.startIndex === gap.last && first.parent?.id === last.parent?.id;
}

function parseRanges(source: string, deadline: number, includedRanges?: InputRange[]): Tree {
  const { parser } = ready();
  // web-tree-sitter cancels when the callback returns true (its .d.ts types the return as void).
  const progressCallback = deadline ? ((() => Date.now() > deadline) as () => void) : undefined;
  const tree = parser.parse(source, null, progressCallback || includedRanges ? { progressCallback, includedRanges } : undefined);
  if (!tree) {
    // A cancelled parse would otherwise be resumed by the next parse() call.
    parser.reset();
    if (deadline) throw new ParseTimeoutError(`parsing took longer than ${parseTimeoutMs / 1000} s`);
    throw new Error('tree-sitter returned no tree');
  }
  return tree;
}

/** Compile (once) and return the query for this source string. */
export function query(source: string): Query {
  let q = queries.get(source);
  if (!q) {
    q = new Query(ready().language, source);
    queries.set(source, q);
  }
  return q;
}

/**
 * The query's matches whose nodes intersect the character range [start, end). web-tree-sitter takes
 * this range in bytes of its UTF-16 input (two per JS character), unlike node offsets.
 */
export function matchesIn(q: Query, node: Node, start: number, end: number): QueryMatch[] {
  return q.matches(node, { startIndex: start * 2, endIndex: end * 2 });
}

/** Number of ERROR and MISSING nodes: the measure the re-parse guard compares. */
export function countErrors(tree: Tree): number {
  if (!tree.rootNode.hasError) return 0;
  let count = 0;
  const cursor = tree.walk();
  try {
    let descend = true;
    for (;;) {
      const node = cursor.currentNode;
      if (descend && (node.isError || node.isMissing)) count++;
      if (descend && node.hasError && cursor.gotoFirstChild()) continue;
      if (cursor.gotoNextSibling()) {
        descend = true;
        continue;
      }
      if (!cursor.gotoParent()) break;
      descend = false;
    }
  } finally {
    cursor.delete();
  }
  return count;
}
