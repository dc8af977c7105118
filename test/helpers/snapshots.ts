// The snapshot fixtures: every `.py` file under snapshots/<rule>/, for the tests that run all of them.
import { readdirSync } from 'node:fs';
import path from 'node:path';

export const snapshotRoot = path.resolve(import.meta.dirname, '..', '..', 'snapshots');

export function snapshotInputs(): string[] {
  return readdirSync(snapshotRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(snapshotRoot, d.name))
        .filter((f) => f.endsWith('.py'))
        .map((f) => path.join(snapshotRoot, d.name, f)),
    );
}
