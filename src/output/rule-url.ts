// Where a rule's documentation lives: `docs/rules/<name>.md` in the repository named by package.json,
// at the tag of the running version (v<version>), so a link never points at docs of another release.
// The path part is the same relative path the docs have in a checkout, so a base URL is all that varies.
import { packageInfo } from '../common/package-info.js';

let base: string | null | undefined;

function repositoryBase(version: string): string | null {
  if (base !== undefined) return base;
  const pkg = packageInfo();
  const raw = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const m = raw ? /github\.com[/:]([^/]+\/[^/.]+)/.exec(raw) : null;
  base = m ? `https://github.com/${m[1]}/blob/v${version}/` : null;
  return base;
}

/** The rule's docs page (or, with no name, the repository's README); undefined without a repository. */
export function ruleDocsUrl(name: string | undefined, version: string): string | undefined {
  const root = repositoryBase(version);
  if (!root) return undefined;
  return name ? new URL(`docs/rules/${name}.md`, root).href : new URL('README.md', root).href;
}
