// What --verify prints on stderr: one line per event while it runs, and the result at the end.
import { formatSeconds } from './outcome.js';
import type { FixGroup, VerifyEvent, VerifyResult } from './verify.js';

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

/**
 * The result as stderr lines: the verdict, then per reverted group `reverted: broke \`<id>\`` and its
 * excerpt (indented), and where the logs are. `command` is the user's, as given.
 */
export function describeResult<G extends FixGroup>(result: VerifyResult<G>, command: string): string[] {
  const took = `${result.runs} run${result.runs === 1 ? '' : 's'} in ${formatSeconds(Math.round(result.durationMs / 1000) * 1000)}`;
  const logs = `logs: ${result.logDir}`;
  if (result.baselineFailed) {
    const f = result.baselineFailed;
    return [
      `verify: \`${command}\` fails on the untouched project (${f.brokeBy === command ? '' : `\`${f.brokeBy}\`: `}${f.why}); no fix was verified and none is applied`,
      ...indent(f.excerpt),
      'verify: make the command pass first, or compare test ids with --verify-baseline-failures-ok (pytest with -rA or --junitxml=PATH)',
      `verify: ${logs}`,
    ];
  }
  const total = result.kept.length + result.reverted.length;
  const out = [`verify: kept ${result.kept.length} of ${total} fix groups, reverted ${result.reverted.length} (${took})`];
  if (result.gaveUp) out.push(`verify: gave up at the run cap: only groups that passed together are kept`);
  for (const r of result.reverted) {
    if (r.reason === 'unproven') {
      out.push(`  ${groupLabel(r.group)}: reverted: not proven safe before the run cap`);
      continue;
    }
    const together = r.together.length ? ` (together with ${r.together.map(groupLabel).join(', ')})` : '';
    out.push(`  ${groupLabel(r.group)}: reverted: broke \`${r.brokeBy}\`${together}: ${r.why}`);
    out.push(...indent(r.excerpt, '      '));
  }
  for (const f of result.flaky) out.push(`verify: \`${f.brokeBy}\` failed once and passed when run again (flaky?): ${f.log}`);
  out.push(`verify: ${logs}`);
  return out;
}

function indent(text: string, by = '    '): string[] {
  return text === '' ? [] : text.split('\n').map((l) => `${by}${l}`);
}
