// Schedules files onto the worker and streams plain results back; never throws for one bad file.
import { processFile, type WorkerOptions } from './worker.js';
import type { FileResult } from './types.js';
import { initParser } from './parser.js';

export async function* runFiles(files: Iterable<string>, opts: WorkerOptions): AsyncGenerator<FileResult> {
  await initParser();
  for (const file of files) {
    try {
      yield processFile(file, opts);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      yield { path: file, findings: [], warnings: [], skipped: { reason: 'internal-error', message: `internal error while processing (${message}); the file was left unchanged, please report it` } };
    }
  }
}
