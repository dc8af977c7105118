// Recognising the fixtures the 2xx rules care about in one parsed module: `event_loop` and
// `event_loop_policy` overrides, `anyio_backend`, and async fixtures with their scopes. Used both by
// the project pre-pass (facts.ts) and by the per-file transforms, so both agree on what they see.
import type { Node } from '../parser.js';
import { isAsyncDef } from '../python/nodes.js';
import type { ScopeIndex } from '../python/scope.js';
import { collectableFunctions, decoratorCall, decoratorsOf, FIXTURE_DECORATORS, fixtureScope, keyword, type DecoratorCall, type ScopeName } from './decorators.js';

export interface FixtureDef {
  def: Node;
  /** The name pytest knows it by (`name=` wins over the function name). */
  name: string;
  decorator: DecoratorCall;
  /** null when the scope is not a plain literal (a callable, a variable). */
  scope: ScopeName | null;
  async: boolean;
}

export function fixtureOf(def: Node, scopes: ScopeIndex): FixtureDef | null {
  for (const d of decoratorsOf(def)) {
    const call = decoratorCall(d, scopes);
    if (!call || !(FIXTURE_DECORATORS as readonly string[]).includes(call.qualified)) continue;
    const nameKw = keyword(call.args, 'name');
    const name = nameKw?.literal ?? def.childForFieldName('name')?.text ?? '';
    return { def, name, decorator: call, scope: fixtureScope(call), async: isAsyncDef(def) };
  }
  return null;
}

export function fixturesIn(root: Node, scopes: ScopeIndex): FixtureDef[] {
  return collectableFunctions(root).flatMap((def) => fixtureOf(def, scopes) ?? []);
}

// Statements an `event_loop` fixture may hold and still only "create, yield, close" a loop; compared
// with whitespace removed. Anything else (policies, uvloop, set_debug, executors) needs a human.
const SIMPLE_STATEMENTS = [
  /^\w+=(\w+\.)*(new_event_loop|get_event_loop|get_running_loop)\(\)$/,
  /^\w+=(\w+\.)*get_event_loop_policy\(\)(\.new_event_loop\(\))?$/,
  /^(\w+\.)*set_event_loop\((\w+|None)\)$/,
  /^yield(\w+)?$/,
  /^return\w+$/,
  /^\w+\.close\(\)$/,
  /^\w+\.run_until_complete\(\w+\.shutdown_(asyncgens|default_executor)\(\)\)$/,
  /^ifnot\w+\.is_closed\(\):\w+\.close\(\)$/,
  /^pass$/,
];

/** Why an event_loop fixture body does more than create/yield/close a loop, or null when it does not. */
export function eventLoopBodyProblem(def: Node): string | null {
  const body = def.childForFieldName('body');
  if (!body) return 'it has no body';
  return blockProblem(body, true);
}

function blockProblem(block: Node, top: boolean): string | null {
  let first = top;
  for (const stmt of block.namedChildren) {
    if (!stmt || stmt.type === 'comment') continue;
    if (first && stmt.type === 'expression_statement' && stmt.namedChildren[0]?.type === 'string') {
      first = false;
      continue;
    }
    first = false;
    if (stmt.type === 'try_statement') {
      for (const part of stmt.namedChildren) {
        if (!part || part.type === 'comment') continue;
        if (part.type === 'block') {
          const p = blockProblem(part, false);
          if (p) return p;
        } else if (part.type === 'except_clause') {
          const caught = part.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment');
          if (caught && !/^(RuntimeError|Exception)(\s+as\s+\w+)?$/.test(caught.text)) return `it catches ${caught.text}`;
          const b = part.namedChildren.find((c) => c?.type === 'block');
          const p = b ? blockProblem(b, false) : null;
          if (p) return p;
        } else if (part.type === 'finally_clause' || part.type === 'else_clause') {
          const b = part.namedChildren.find((c) => c?.type === 'block');
          const p = b ? blockProblem(b, false) : null;
          if (p) return p;
        } else return `it has ${part.type}`;
      }
      continue;
    }
    const text = stmt.text.replace(/#.*$/gm, '').replace(/\s+/g, '');
    if (!SIMPLE_STATEMENTS.some((re) => re.test(text))) return `it runs \`${stmt.text.split(/\r?\n/)[0]}\``;
  }
  return null;
}
