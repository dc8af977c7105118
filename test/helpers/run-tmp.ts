// vitest globalSetup: each test run works in a temporary directory of its own (TMPDIR for the test
// workers and for the CLI and Python processes they start), removed when the run ends, so repeated
// runs leave nothing behind in the system's temp directory. Caches meant to outlive a run (the
// pytest venv of test/helpers/python.ts) stay in the system's temp directory. The CLI's compile cache
// (src/cli/compile-cache.ts) goes to the run's directory, not to the user's cache directory.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const system = os.tmpdir();
  const dir = mkdtempSync(path.join(system, 'loopmigrate-tests-'));
  process.env.LOOPMIGRATE_TEST_CACHE_DIR ??= system;
  process.env.TMPDIR = dir;
  process.env.LOOPMIGRATE_CACHE_DIR = path.join(dir, 'code-cache');
  return () => rmSync(dir, { recursive: true, force: true });
}
