// Entry point of a pool thread: loads the wasm grammar once, then processes batches of paths.
import { parentPort, workerData } from 'node:worker_threads';
import { initParser } from './parser.js';
import { compileTriggers } from './prefilter.js';
import { transforms } from './registry.js';
import type { Limits } from './limits.js';
import type { Settings } from './types.js';
import type { ProjectFacts } from './pytest/facts.js';
import { processFile, type WorkerOptions } from './worker.js';
import { internalErrorResult, type BatchRequest, type BatchResponse } from './pool.js';

interface ThreadData {
  settings: Settings;
  codes: string[];
  fix: boolean;
  prefilter: boolean;
  limits?: Limits;
  facts?: ProjectFacts;
}

const data = workerData as ThreadData;
const rules = transforms.filter((t) => data.codes.includes(t.code));
const opts: WorkerOptions = {
  settings: data.settings,
  transforms: rules,
  fix: data.fix,
  limits: data.limits,
  facts: data.facts,
  scanner: data.prefilter ? compileTriggers(rules.flatMap((t) => t.triggers)) : undefined,
};

await initParser();
parentPort?.on('message', (req: BatchRequest) => {
  const results = req.paths.map((p) => {
    try {
      const r = processFile(p, opts);
      // Nothing to say about most files: send a hole instead of an object.
      return r.findings.length === 0 && !r.skipped && r.fixed === undefined && r.warnings.length === 0 ? null : r;
    } catch (err) {
      return internalErrorResult(p, err);
    }
  });
  const response: BatchResponse = { id: req.id, results };
  parentPort?.postMessage(response);
});
