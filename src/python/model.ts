// What the Python helpers read of a parsed file: the semantic model (names resolved through imports,
// scopes, word occurrences) and the import edits a fix may need. The rule API's FileContext is one;
// helpers take this so that python/ stays below the rule API.
import type { Edit } from '../common/types.js';
import type { PythonVersion } from '../common/version.js';
import type { Node } from './parser.js';
import type { ScopeIndex } from './scope.js';
import type { WordIndex } from './words.js';

export interface SourceModel {
  readonly source: string;
  readonly root: Node;
  readonly eol: string;
  readonly target: PythonVersion;
  readonly scopes: ScopeIndex;
  readonly words: WordIndex;
  /** The qualified name a name or attribute chain refers to (`asyncio.get_event_loop`), through imports. */
  resolve(node: Node | null): string | null;
  /** The identifiers spelled `name`, optionally only inside `within`. */
  identifiersNamed(name: string, within?: Node): Node[];
  /** A reference to `module` (or `module.name`) usable at `at`, with the import edits it needs. */
  ensureImport(module: string, name: string | undefined, at: Node): { ref: string; edits: Edit[] } | null;
}
