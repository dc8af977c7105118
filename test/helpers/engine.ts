// Running the engine in-process for fixture tests.
import { runEngine, type EngineResult } from '../../src/engine.js';
import { initParser } from '../../src/parser.js';
import type { Transform } from '../../src/transform.js';
import { DEFAULT_TARGET, parseTarget, type PythonVersion } from '../../src/version.js';

export interface CaseOptions {
  unsafeFixes: boolean;
  target: PythonVersion;
}

/** A case file may start with `# snapshot: --unsafe-fixes --target-version py311`. */
export function caseOptions(source: string): CaseOptions {
  const header = /^# snapshot:(.*)$/m.exec(source.split(/\r?\n/, 1)[0] ?? '');
  const flags = header?.[1]?.trim().split(/\s+/) ?? [];
  const t = flags.indexOf('--target-version');
  return {
    unsafeFixes: flags.includes('--unsafe-fixes'),
    target: (t >= 0 && parseTarget(flags[t + 1] ?? '')) || DEFAULT_TARGET,
  };
}

export async function fixText(source: string, transforms: readonly Transform[], opts: CaseOptions): Promise<EngineResult> {
  await initParser();
  return runEngine(source, { transforms, unsafeFixes: opts.unsafeFixes, target: opts.target, fix: true });
}
