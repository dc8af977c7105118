// The registry: every rule, sorted by code. A test asserts it matches the files in this folder.
import type { Transform } from '../src/rule-api/transform.js';
import eventLoopPolicy from './event-loop-policy.js';
import getEventLoopInCoroutine from './get-event-loop-in-coroutine.js';
import getEventLoopInSyncCode from './get-event-loop-in-sync-code.js';
import runForeverEntryPoint from './run-forever-entry-point.js';
import runUntilCompleteToRun from './run-until-complete-to-run.js';
import runUntilCompleteToRunner from './run-until-complete-to-runner.js';
import removedLoopArgument from './removed-loop-argument.js';
import coroutineDecorator from './coroutine-decorator.js';
import taskClassMethods from './task-class-methods.js';
import waitBareCoroutines from './wait-bare-coroutines.js';
import asyncioIscoroutinefunction from './asyncio-iscoroutinefunction.js';
import runInNotebookCell from './run-in-notebook-cell.js';
import eventLoopFixtureOverride from './event-loop-fixture-override.js';
import eventLoopFixtureArgument from './event-loop-fixture-argument.js';
import asyncioMarkScope from './asyncio-mark-scope.js';
import asyncFixtureLoopScope from './async-fixture-loop-scope.js';
import defaultFixtureLoopScopeUnset from './default-fixture-loop-scope-unset.js';
import anyioBackendScope from './anyio-backend-scope.js';
import eventLoopPolicyFixture from './event-loop-policy-fixture.js';
import asyncioMarkOnFixture from './asyncio-mark-on-fixture.js';
import syncFixtureDrivesLoop from './sync-fixture-drives-loop.js';
import asynctestHarness from './asynctest-harness.js';
import aiohttpLoopFixture from './aiohttp-loop-fixture.js';
import schedulerStartOutsideLoop from './scheduler-start-outside-loop.js';
import loopBoundObjectOutsideCoroutine from './loop-bound-object-outside-coroutine.js';
import cachedLoopBoundResource from './cached-loop-bound-resource.js';

export const transforms: readonly Transform[] = [
  getEventLoopInCoroutine,
  runUntilCompleteToRun,
  runUntilCompleteToRunner,
  getEventLoopInSyncCode,
  runForeverEntryPoint,
  removedLoopArgument,
  coroutineDecorator,
  taskClassMethods,
  waitBareCoroutines,
  eventLoopPolicy,
  asyncioIscoroutinefunction,
  runInNotebookCell,
  eventLoopFixtureOverride,
  eventLoopFixtureArgument,
  asyncioMarkScope,
  asyncFixtureLoopScope,
  defaultFixtureLoopScopeUnset,
  anyioBackendScope,
  eventLoopPolicyFixture,
  asyncioMarkOnFixture,
  syncFixtureDrivesLoop,
  asynctestHarness,
  aiohttpLoopFixture,
  schedulerStartOutsideLoop,
  loopBoundObjectOutsideCoroutine,
  cachedLoopBoundResource,
];
