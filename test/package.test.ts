// What users install: the npm tarball holds exactly what the CLI needs (two bundles and the script
// that turns Node's compile cache on, see scripts/bundle.mjs), its runtime imports are real
// dependencies, and the pre-commit hooks point at that CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { transforms } from '../transforms/index.js';
import { makeTree, repoRoot } from './helpers/cli.js';

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

  it('builds when installed from git (prepare), with runtime dependencies pinned to the tested versions', () => {
    expect(pkg.scripts.prepare).toBe('node scripts/prepare.mjs');
    // pre-commit versions that install with `npm pack` read the tarball name from its stdout, so lifecycle output must not go there.
    expect(readFileSync(path.join(repoRoot, '.npmrc'), 'utf8')).toMatch(/^foreground-scripts=false$/m);
    // A global install (npm install -g, pre-commit) resolves the ranges of package.json, not the lockfile.
    const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    for (const [name, range] of Object.entries(pkg.dependencies)) expect(range, name).toBe(lock.packages[`node_modules/${name}`]?.version);
  });
});

describe('prepare (scripts/prepare.mjs)', () => {
  /** A package with stand-ins for the build tools (local file: devDependencies) and a build that leaves a mark. */
  function fakePackage(): string {
    const dir = makeTree({
      'package.json': JSON.stringify({
        name: 'prepare-fixture',
        version: '1.0.0',
        private: true,
        scripts: { build: `node -e "require('node:fs').mkdirSync('dist',{recursive:true});require('node:fs').writeFileSync('dist/built','')"` },
        devDependencies: { typescript: 'file:tools/typescript', esbuild: 'file:tools/esbuild' },
      }),
      'tools/typescript/package.json': JSON.stringify({ name: 'typescript', version: '0.0.0' }),
      'tools/typescript/bin/tsc': '',
      'tools/esbuild/package.json': JSON.stringify({ name: 'esbuild', version: '0.0.0' }),
      'tools/esbuild/index.js': '',
      'scripts/prepare.mjs': readFileSync(path.join(repoRoot, 'scripts', 'prepare.mjs')),
    });
    const lock = spawnSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8', env: withoutNpmSettings({}) });
    expect(lock.status, lock.stderr).toBe(0);
    return dir;
  }

  /** The environment without what `npm test` passes to its scripts, plus `extra`. */
  function withoutNpmSettings(extra: Record<string, string>): NodeJS.ProcessEnv {
    return { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))), ...extra };
  }

  it("installs the missing build tools into the package itself, even under a global install's settings, then builds from a clean dist/", () => {
    const dir = fakePackage();
    mkdirSync(path.join(dir, 'dist'));
    writeFileSync(path.join(dir, 'dist', 'stale'), '');
    const elsewhere = path.join(dir, 'global-prefix');
    // What npm passes on to the git clone's preparation during `npm install -g git+…` (npm/cli#8440).
    const env = withoutNpmSettings({ npm_config_global: 'true', npm_config_prefix: elsewhere, npm_config_install_links: 'true' });
    const first = spawnSync(process.execPath, ['scripts/prepare.mjs'], { cwd: dir, encoding: 'utf8', env, timeout: 120_000 });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toContain('the build tools (devDependencies) are not installed here; installing them');
    expect(existsSync(path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc'))).toBe(true);
    expect(existsSync(path.join(dir, 'node_modules', 'esbuild', 'package.json'))).toBe(true);
    expect(existsSync(elsewhere)).toBe(false);
    expect(readdirSync(path.join(dir, 'dist'))).toEqual(['built']);

    // Installed now: the next prepare only builds.
    rmSync(path.join(dir, 'dist', 'built'));
    const second = spawnSync(process.execPath, ['scripts/prepare.mjs'], { cwd: dir, encoding: 'utf8', env, timeout: 120_000 });
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).not.toContain('installing them');
    expect(readdirSync(path.join(dir, 'dist'))).toEqual(['built']);
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
    // The staged files are "uncommitted" while the hook runs; pre-commit itself shows what changed. The
    // hook names only the staged Python files, so the project's pytest config is edited with --edit-config,
    // and the project's excludes apply to the files it names only with --force-exclude.
    expect(byId.get('loopmigrate')?.entry).toBe(`${bin} --allow-dirty --edit-config --force-exclude`);
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

  it("the README's `language: system` example runs the hook's command on the hook's files", () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## pre-commit'), readme.indexOf('\n## ', readme.indexOf('## pre-commit') + 1));
    const configs = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parseYaml(m[1] ?? '') as { repos: { repo: string; hooks: Record<string, unknown>[] }[] });
    const local = configs.flatMap((c) => c.repos).filter((r) => r.repo === 'local');
    expect(local.length, 'a `repo: local` block in "## pre-commit"').toBe(1);
    for (const h of local[0]?.hooks ?? []) {
      const hook = byId.get(h.id);
      expect(hook, String(h.id)).toBeDefined();
      expect(h.language).toBe('system');
      for (const key of ['entry', 'types_or', 'require_serial']) expect(h[key], `${String(h.id)}: ${key}`).toEqual(hook?.[key]);
    }
  });
});
