// verify() in a process of its own, for the tests that send it signals (test/verify.test.ts bundles
// this file with esbuild). argv[2] is a JSON object: the verify options without `materialize`, plus
// `fixes` (TextFixes). Progress goes to stderr, the result as JSON to stdout; interrupted, it exits 130.
import { describeEvent } from '../../src/verify/text.js';
import { VerifyInterrupted, verify } from '../../src/verify/verify.js';
import { materializeText, type TextFixes } from './verify-project.js';

const { fixes, ...options } = JSON.parse(process.argv[2] as string) as { fixes: TextFixes; root: string; cwd: string; command: string; groups: Array<{ file: string; rule: string }> };

verify({ ...options, materialize: materializeText(options.root, fixes), progress: (e) => process.stderr.write(`${describeEvent(e)}\n`) }).then(
  (result) => process.stdout.write(JSON.stringify(result)),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof VerifyInterrupted ? 130 : 1);
  },
);
