// loopmigrate's own package.json, found upwards from this module: the same code runs from dist/src/
// (as the bundled CLI or module by module) and, in tests, from src/.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  name: string;
  version: string;
  repository?: string | { url?: string };
}

let cached: PackageInfo | undefined;

export function packageInfo(): PackageInfo {
  if (cached) return cached;
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageInfo;
      if (pkg.name === 'loopmigrate') return (cached = pkg);
    } catch {
      // no package.json here; keep looking upwards
    }
    if (path.dirname(dir) === dir) throw new Error("loopmigrate's package.json was not found above its code");
  }
}
