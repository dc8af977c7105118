// --stdin-filename: one file's source arrives on stdin and is processed as if it lived at PATH (its
// config, per-file-ignores and requires-python apply), for editors and pre-commit-style pipes.
import path from 'node:path';
import type { FileResult } from '../common/types.js';
import { processBytes, type WorkerOptions } from '../file/worker.js';
import { baselineWasm } from '../run/wasm-tier.js';

export async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

export async function* stdinResults(file: string, bytes: Uint8Array, opts: WorkerOptions): AsyncGenerator<FileResult> {
  const started = performance.now();
  baselineWasm(() => bytes.length);
  const result = await processBytes(path.resolve(file), bytes, opts);
  result.elapsedMs = performance.now() - started;
  yield result;
}
