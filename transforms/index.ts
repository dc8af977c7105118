// The registry: every rule, sorted by code. A test asserts it matches the files in this folder.
import type { Transform } from '../src/transform.js';
import getEventLoopInCoroutine from './get-event-loop-in-coroutine.js';
import runUntilCompleteToRun from './run-until-complete-to-run.js';
import schedulerStartOutsideLoop from './scheduler-start-outside-loop.js';
import loopBoundObjectOutsideCoroutine from './loop-bound-object-outside-coroutine.js';
import cachedLoopBoundResource from './cached-loop-bound-resource.js';

export const transforms: readonly Transform[] = [getEventLoopInCoroutine, runUntilCompleteToRun, schedulerStartOutsideLoop, loopBoundObjectOutsideCoroutine, cachedLoopBoundResource];
