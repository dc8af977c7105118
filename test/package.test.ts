// What users install: the npm tarball holds exactly what the CLI needs (two bundles and the script
// that turns Node's compile cache on, see scripts/bundle.mjs), its runtime imports are real
// dependencies, and the pre-commit hooks point at that CLI.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { transforms } from '../transforms/index.js';
import { repoRoot } from './helpers/cli.js';

interface PackFile {
  path: string;
}

const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  scripts: Record<string, string>;
};

describe('npm package', () => {
  // --ignore-scripts: `npm test` has just built dist/, and the prepare script is checked separately.
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8' });
  const files = r.status === 0 ? ((JSON.parse(r.stdout) as { files: PackFile[] }[])[0]?.files.map((f) => f.path) ?? []) : [];

  it('contains the CLI, its two bundles (main and pool thread), the compile-cache script, their licenses and the docs users read', () => {
    expect(r.status, r.stderr).toBe(0);
    const expected = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', ...Object.values(pkg.bin).map((b) => path.posix.normalize(b))];
    expected.push('dist/src/cli.cjs', 'dist/src/thread.cjs', 'dist/src/compile-cache.cjs', 'dist/THIRD-PARTY-LICENSES.txt');
    for (const f of expected) expect(files, f).toContain(f);
  });

  it('contains nothing else: no module-by-module build, tests, fixtures, examples, TypeScript sources or source maps', () => {
    const allowed = /^(bin\/[^/]+\.js|dist\/src\/(cli|thread|compile-cache)\.cjs|dist\/THIRD-PARTY-LICENSES\.txt|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
  });

  it('bundles every rule and names each bundled package in the license file', () => {
    const cli = readFileSync(path.join(repoRoot, 'dist', 'src', 'cli.cjs'), 'utf8');
    const thread = readFileSync(path.join(repoRoot, 'dist', 'src', 'thread.cjs'), 'utf8');
    for (const t of transforms) {
      expect(cli, t.code).toContain(`code: "${t.code}"`);
      expect(thread, t.code).toContain(`code: "${t.code}"`);
    }
    const licenses = readFileSync(path.join(repoRoot, 'dist', 'THIRD-PARTY-LICENSES.txt'), 'utf8');
    for (const name of ['yargs', 'magic-string', 'diff', 'ignore', 'smol-toml']) expect(licenses, name).toMatch(new RegExp(`^${name} \\d`, 'm'));
  });

  it('imports at run time only Node built-ins and declared dependencies', () => {
    const bare = new Set<string>();
    for (const f of files.filter((p) => /\.c?js$/.test(p))) {
      const code = readFileSync(path.join(repoRoot, f), 'utf8');
      for (const m of code.matchAll(/(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(['"]([^'"]+)['"]\)|\brequire\(['"]([^'"]+)['"]\)/g)) {
        const spec = m[1] ?? m[2] ?? m[3] ?? '';
        if (spec.startsWith('.') || spec.startsWith('node:')) continue;
        bare.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));
      }
    }
    const missing = [...bare].filter((m) => !(m in pkg.dependencies) && !builtinModules.includes(m));
    expect(missing).toEqual([]);
  });

  it('builds when installed from git (prepare), from a clean dist/', () => {
    expect(pkg.scripts.prepare).toMatch(/rmSync\('dist'/);
    expect(pkg.scripts.prepare).toContain('npm run build');
    // pre-commit reads the tarball name from `npm pack`'s stdout, so lifecycle output must not go there.
    expect(readFileSync(path.join(repoRoot, '.npmrc'), 'utf8')).toMatch(/^foreground-scripts=false$/m);
  });
});

describe('pre-commit hooks', () => {
  const hooks = parseYaml(readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
  const byId = new Map(hooks.map((h) => [h.id, h]));
  const bin = Object.keys(pkg.bin)[0];

  it('offers a fixing and a checking hook that run the package binary on Python files and notebooks', () => {
    expect([...byId.keys()]).toEqual(['loopmigrate', 'loopmigrate-check']);
    for (const h of hooks) {
      expect(h.language).toBe('node');
      expect(h.types_or).toEqual(['python', 'jupyter']);
      expect(h.require_serial).toBe(true);
      expect(String(h.entry).split(' ')[0]).toBe(bin);
    }
    // The staged files are "uncommitted" while the hook runs; pre-commit itself shows what changed.
    // pre-commit names each staged file, so the project's excludes apply only with --force-exclude.
    expect(byId.get('loopmigrate')?.entry).toBe(`${bin} --allow-dirty --force-exclude`);
    expect(byId.get('loopmigrate-check')?.entry).toBe(`${bin} --check --force-exclude`);
  });

  it('the README example configuration uses those hooks', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## pre-commit'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block, 'a ```yaml block in "## pre-commit"').toBeDefined();
    const config = parseYaml(block ?? '') as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
    const ids = config.repos.flatMap((r) => r.hooks.map((h) => h.id));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(byId.has(id), id).toBe(true);
  });
});
