// web-tree-sitter lifecycle: one init, one cached Language, one cached Query per source string.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser, Query, type Node, type QueryCapture, type QueryMatch, type Tree } from 'web-tree-sitter';
import { includedRanges, LONG_COMMENT_RUN, longCommentRuns, type CommentGap, type InputRange } from './comment-runs.js';
import { formatSize } from '../common/limits.js';

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
      const instance = new WebAssembly.Instance(runtime, watchingGrowth(imports));
      receive(instance, runtime);
      return instance.exports;
    },
    // Emscripten prints `Aborted()` to stderr before it throws; the throw is reported per file instead.
    printErr() {},
  });
  language = Language.loadSync(grammar);
  parser = new Parser();
  parser.setLanguage(language);
}

function ready(): { parser: Parser; language: Language } {
  if (broken) throw new ParserBrokenError(broken);
  if (!parser || !language) throw new Error('initParser() must be awaited before parsing');
  return { parser, language };
}

/**
 * The parser's memory: tree-sitter's WebAssembly heap, which grows as a parse needs (about 50 bytes per
 * byte of ordinary code, several hundred for some shapes) up to 2 GiB, and is never given back. A
 * parse that needs more than the limit is cancelled before the heap runs out: running out aborts
 * the whole WebAssembly instance (`Aborted()`), which then cannot parse anything again.
 */
let memoryLimit = Infinity;
/** The largest heap size the parser asked for since the current parse began. */
let requested = 0;
/** Set when the heap could not grow (it is at its 2 GiB maximum): an abort after it is running out of memory. */
let growthFailed = false;
/** Set once the WebAssembly instance aborted: why, for the files that could not be parsed after it. */
let broken: string | undefined;

/** A parse that needed more memory than setParserMemoryLimit() allows; the parser is fine for the next file. */
export class ParserMemoryError extends Error {
  constructor(readonly limit: number) {
    super(`needs more than ${formatSize(limit)} of memory to parse (the parser's limit)`);
  }
}

/** The parser's WebAssembly instance aborted earlier (it ran out of memory): this thread cannot parse any more. */
export class ParserBrokenError extends Error {}

export function setParserMemoryLimit(bytes: number): void {
  memoryLimit = bytes;
}

/** The imports with emscripten's heap growth watched: each request says how much the current parse needs. */
function watchingGrowth(imports: WebAssembly.Imports): WebAssembly.Imports {
  const env = imports.env;
  const grow = env?.emscripten_resize_heap;
  if (!env || typeof grow !== 'function') return imports;
  return {
    ...imports,
    env: {
      ...env,
      emscripten_resize_heap(size: number) {
        requested = Math.max(requested, size >>> 0);
        const grown = (grow as (size: number) => unknown)(size);
        if (!grown) growthFailed = true;
        return grown;
      },
    },
  };
}

/**
 * Whether `err` is the WebAssembly instance aborting (out of memory, or a trap); then the instance is
 * marked broken, so that no later parse runs on its inconsistent state. Returns the reason.
 */
export function parserAborted(err: unknown): string | undefined {
  if (!(err instanceof WebAssembly.RuntimeError)) return undefined;
  broken ??= growthFailed ? 'the parser ran out of memory (it has 2 GiB at most)' : `the parser failed (${err.message.split('.')[0] ?? err.message})`;
  return broken;
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
  const limit = memoryLimit;
  requested = 0;
  // Called every hundred or so steps of the parse; web-tree-sitter cancels when it returns true (its
  // .d.ts types the return as void). Between two calls the heap grows by kilobytes at most.
  const progressCallback = (() => requested > limit || (deadline !== 0 && Date.now() > deadline)) as () => void;
  const tree = parser.parse(source, null, includedRanges ? { progressCallback, includedRanges } : { progressCallback });
  if (!tree) {
    // A cancelled parse would otherwise be resumed by the next parse() call; resetting frees its nodes.
    parser.reset();
    if (requested > limit) throw new ParserMemoryError(limit);
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

/** Character range [start, end) of consecutive top-level statements; end undefined: to the end of the file. */
export interface TreeWindow {
  start: number;
  end: number | undefined;
}

/**
 * The module cut between top-level statements into windows of about `size` characters or more (one
 * statement larger than that is a window of its own). Read with a cursor, so that no Node object is
 * made for the statements. A module smaller than `size` is one window, [0, undefined).
 */
export function treeWindows(root: Node, size: number): TreeWindow[] {
  if (root.endIndex < size) return [{ start: 0, end: undefined }];
  const starts = [0];
  const cursor = root.walk();
  try {
    if (cursor.gotoFirstChild()) {
      do {
        const at = cursor.startIndex;
        if (at - (starts[starts.length - 1] as number) >= size) starts.push(at);
      } while (cursor.gotoNextSibling());
    }
  } finally {
    cursor.delete();
  }
  return starts.map((start, i) => ({ start, end: starts[i + 1] }));
}

/** The query's captures of nodes that intersect the character range [start, end) (see matchesIn). */
export function capturesIn(q: Query, node: Node, start: number, end: number): QueryCapture[] {
  return q.captures(node, { startIndex: start * 2, endIndex: end * 2 });
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
