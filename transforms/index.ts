// The registry: every rule, sorted by code. A test asserts it matches the files in this folder.
import type { Transform } from '../src/transform.js';
import getEventLoopInCoroutine from './get-event-loop-in-coroutine.js';
import runUntilCompleteToRun from './run-until-complete-to-run.js';
import removedLoopArgument from './removed-loop-argument.js';
import coroutineDecorator from './coroutine-decorator.js';
import taskClassMethods from './task-class-methods.js';
import waitBareCoroutines from './wait-bare-coroutines.js';
import asyncioIscoroutinefunction from './asyncio-iscoroutinefunction.js';

export const transforms: readonly Transform[] = [getEventLoopInCoroutine, runUntilCompleteToRun, removedLoopArgument, coroutineDecorator, taskClassMethods, waitBareCoroutines, asyncioIscoroutinefunction];
