// One stderr line per verification event, for the CLI to print while --verify runs.
import { formatSeconds } from './outcome.js';
import type { FixGroup, VerifyEvent } from './verify.js';

/** `file rule` of a group, as the user sees it. */
export function groupLabel(group: FixGroup): string {
  return `${group.file} ${group.rule}`;
}

function what(name: string, applied: number, total: number): string {
  if (name === 'baseline') return 'baseline (no fixes)';
  if (name === 'all-fixes') return `all fixes (${total} groups)`;
  return `${name.replace('-', ' ')} (${applied} of ${total} fix groups)`;
}

export function describeEvent<G extends FixGroup>(event: VerifyEvent<G>): string {
  switch (event.kind) {
    case 'copied':
      return `verify: copied the project to ${event.workspace} in ${formatSeconds(Math.round(event.durationMs / 100) * 100)}`;
    case 'run-start':
      return `verify: running ${what(event.name, event.applied, event.total)}…`;
    case 'run-end': {
      const result = event.verdict.pass ? 'passed' : `failed: ${event.verdict.brokeBy} (${event.verdict.why})`;
      const time = `${formatSeconds(Math.round(event.durationMs / 100) * 100)}; ${formatSeconds(Math.round(event.elapsedMs / 1000) * 1000)} so far, run ${event.runs} of at most ${event.maxRuns}`;
      return `verify: ${what(event.name, event.applied, event.total)} ${result} [${time}]`;
    }
    case 'culprit':
      return `verify: ${event.groups.map(groupLabel).join(' + ')} broke ${event.brokeBy}; reverting ${event.groups.length === 1 ? 'it' : 'them'}`;
    case 'flaky':
      return `verify: ${event.brokeBy} failed with ${event.groups.length} fix groups but passed when run again (a flaky test?); see ${event.log}`;
    case 'gave-up':
      return `verify: gave up after ${event.runs} runs (the cap); only fixes proven safe are kept`;
  }
}
