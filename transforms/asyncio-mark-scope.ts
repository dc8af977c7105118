import { ASYNCIO_MARK } from '../src/pytest/markers.js';
import { defineTransform } from '../src/rule-api/transform.js';
import { keyword } from '../src/pytest/decorators.js';

const docs = `## What it does
Renames the \`scope\` keyword of the \`asyncio\` marker to \`loop_scope\`:
\`@pytest.mark.asyncio(scope="module")\` → \`@pytest.mark.asyncio(loop_scope="module")\`, wherever the marker is
written (a decorator, \`pytestmark\`, a list of marks).

## Why is this bad?
pytest-asyncio 0.24 deprecated the marker's \`scope\` argument ("The "scope" keyword argument to the
asyncio marker has been deprecated. Please use the "loop_scope" argument instead."); with
\`-W error\` (or \`filterwarnings = error\`) every such test fails.

## Example
\`\`\`python
@pytest.mark.asyncio(scope="module")
async def test_query(db):
    ...
\`\`\`

## Use instead
\`\`\`python
@pytest.mark.asyncio(loop_scope="module")
async def test_query(db):
    ...
\`\`\`

## Fix safety
Safe: pytest-asyncio reads \`loop_scope\` exactly as it read \`scope\`. A marker that passes both is
reported: pytest-asyncio rejects it and only the author knows which one is meant.

## References
- [pytest-asyncio: the asyncio marker](https://pytest-asyncio.readthedocs.io/en/stable/reference/markers/index.html)
`;

export default defineTransform({
  code: 'LM203',
  name: 'asyncio-mark-scope',
  summary: 'the deprecated scope= argument of @pytest.mark.asyncio',
  needs: ['project-facts'],
  docs,
  fixAvailability: 'sometimes',
  minPython: '3.7',
  about: { names: ASYNCIO_MARK, keywords: ['scope'] },
  query: '(call function: (_) @fn arguments: (argument_list) @args) @call',
  captures: ['call', 'fn', 'args'],
  check(match, ctx) {
    const fn = ctx.capture(match, 'fn');
    const args = ctx.capture(match, 'args');
    if (!fn || !args || ctx.resolve(fn) !== 'pytest.mark.asyncio') return null;
    const scope = keyword(args, 'scope');
    if (!scope) return null;
    const name = scope.node.childForFieldName('name');
    if (keyword(args, 'loop_scope') || !name) {
      return ctx.finding({ node: scope.node, message: 'the asyncio marker passes both `scope` and `loop_scope`, which pytest-asyncio rejects; keep only `loop_scope`' });
    }
    return ctx.finding({
      node: scope.node,
      message: '`scope=` of the asyncio marker is deprecated; use `loop_scope=`',
      fix: { safety: 'safe', edits: [{ start: name.startIndex, end: name.endIndex, text: 'loop_scope' }] },
    });
  },
});
