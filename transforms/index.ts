// The registry: every rule, sorted by code. A test asserts it matches the files in this folder.
import type { Transform } from '../src/transform.js';
import eventLoopPolicy from './event-loop-policy.js';
import getEventLoopInCoroutine from './get-event-loop-in-coroutine.js';
import getEventLoopInSyncCode from './get-event-loop-in-sync-code.js';
import runForeverEntryPoint from './run-forever-entry-point.js';
import runUntilCompleteToRun from './run-until-complete-to-run.js';
import runUntilCompleteToRunner from './run-until-complete-to-runner.js';

export const transforms: readonly Transform[] = [getEventLoopInCoroutine, runUntilCompleteToRun, runUntilCompleteToRunner, getEventLoopInSyncCode, runForeverEntryPoint, eventLoopPolicy];
