// Schedules files onto the worker and streams plain results back; never throws for one bad file.
// Before the per-file work, a project pre-pass gathers the read-only facts the test-suite rules need
// and yields the project edits (pytest config changes) as results of their own (src/pytest/facts.ts).
import { processFile, type WorkerOptions } from './worker.js';
import type { FileResult } from './types.js';
import { initParser } from './parser.js';
import { gatherProjectFacts } from './pytest/facts.js';
import { planProjectEdits } from './pytest/project-edits.js';

export async function* runFiles(files: Iterable<string>, opts: WorkerOptions): AsyncGenerator<FileResult> {
  await initParser();
  let list: Iterable<string> = files;
  let options = opts;
  if (opts.transforms.some((t) => t.code.startsWith('LM2'))) {
    const all = [...files];
    list = all;
    const facts = gatherProjectFacts(all);
    options = { ...opts, facts };
    yield* planProjectEdits(facts, opts.transforms, { unsafeFixes: opts.settings.unsafeFixes, fix: opts.fix });
  }
  for (const file of list) {
    try {
      yield processFile(file, options);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      yield { path: file, findings: [], warnings: [], skipped: { reason: 'unreadable', message: `internal error while processing (${message}); the file was left unchanged, please report it` } };
    }
  }
}
