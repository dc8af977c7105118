// --stdin-filename: one file's source arrives on stdin and is processed as if it lived at PATH (its
// config, per-file-ignores and requires-python apply), for editors and pre-commit-style pipes.
import path from 'node:path';
import type { FileResult } from '../common/types.js';
import { formatSize } from '../common/limits.js';
import { processBytes, type WorkerOptions } from '../file/worker.js';
import { skipped } from '../file/pipeline.js';
import { baselineWasm } from '../run/wasm-tier.js';

/**
 * Everything on the stream, or undefined as soon as it holds more than `limit` bytes: the rest is not
 * read (stdin can be endless, `< /dev/zero`), and what was read is dropped.
 */
export async function readAll(stream: NodeJS.ReadableStream, limit: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > limit) return undefined;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** `bytes`: what readAll() read, undefined when stdin held more than `limit` bytes (--max-file-size). */
export async function* stdinResults(file: string, bytes: Uint8Array | undefined, limit: number, opts: WorkerOptions): AsyncGenerator<FileResult> {
  const started = performance.now();
  if (bytes === undefined) {
    yield skipped(path.resolve(file), 'too-large', `stdin holds more than the ${formatSize(limit)} limit; it was not processed and nothing was written (raise --max-file-size to process it)`);
    return;
  }
  baselineWasm(() => bytes.length);
  const result = await processBytes(path.resolve(file), bytes, opts);
  result.elapsedMs = performance.now() - started;
  yield result;
}
