// --verify COMMAND: the run's fixes proven with the project's own command before anything is written
// (src/verify/). The results of the whole run are gathered first; each file's fixes are grouped by
// rule, and src/verify/ finds the groups whose fixes break the command. The run then goes on with the
// kept fixes only: a reverted group's findings stay open, marked "reverted: broke <test>".
import path from 'node:path';
import type { Finding, FileResult, RevertedFix, Settings } from '../common/types.js';
import { rerun, withdrawn } from '../file/pipeline.js';
import type { Transform } from '../rule-api/transform.js';
import { describeEvent, describeResult } from '../verify/text.js';
import { projectRoot } from '../verify/workspace.js';
import { verify, VerifyInterrupted, VerifyLogError, type FixGroup, type RevertedGroup } from '../verify/verify.js';

export interface VerifyRunOptions {
  command: string;
  settings: Settings;
  rules: readonly Transform[];
  jobs: number;
  maxRuns: number;
  timeoutMs: number;
  baselineFailuresOk: boolean;
  logDir?: string;
  /** stderr lines (progress and the result). */
  log: (line: string) => void;
}

export interface VerifiedRun {
  results: FileResult[];
  /** Set when verification could not start or was stopped: the exit status, nothing is applied. */
  status?: number;
}

/** The rules whose fixes a result applied: a group per (file, rule). A config edit is one group. */
function groupsOf(result: FileResult): FixGroup[] {
  if (result.skipped || !result.fixedBytes) return [];
  if (result.projectEdit) return [{ file: result.path, rule: projectRule(result) }];
  const rules = [...new Set(result.findings.filter((f) => f.applied).map((f) => f.code))].sort();
  return rules.map((rule) => ({ file: result.path, rule }));
}

/** A config file's edits come from the project plan as one change: one group, named by its rules. */
function projectRule(result: FileResult): string {
  return [...new Set(result.findings.filter((f) => f.applied).map((f) => f.code))].sort().join('+') || 'config';
}

/** The file with the fixes of exactly `rules` applied (the rest of its findings stay open). */
function withRules(result: FileResult, rules: ReadonlySet<string>, opts: VerifyRunOptions): FileResult {
  if (result.projectEdit) return rules.has(projectRule(result)) ? result : { ...withdrawn(result), fixed: undefined, fixedBytes: undefined };
  return rerun(result, { settings: opts.settings, transforms: opts.rules, accept: (f) => rules.has(f.code) });
}

function revertedNote(r: RevertedGroup<FixGroup>): string {
  if (r.reason === 'unproven') return 'reverted: not proven safe before --verify-max-runs ran out';
  const together = r.together.length ? ` (together with ${r.together.map((g) => `${path.basename(g.file)} ${g.rule}`).join(', ')})` : '';
  return `reverted: broke \`${r.brokeBy ?? 'the command'}\`${together}`;
}

export async function verifyRun(all: FileResult[], opts: VerifyRunOptions): Promise<VerifiedRun> {
  const byPath = new Map(all.map((r) => [r.path, r]));
  const groups = all.flatMap(groupsOf);
  if (groups.length === 0) {
    opts.log('loopmigrate: --verify: no fixes to verify; the command was not run');
    return { results: all };
  }
  const cwd = process.cwd();
  const root = projectRoot(cwd);
  let outcome;
  try {
    outcome = await verify({
      root,
      cwd,
      command: opts.command,
      groups,
      jobs: opts.jobs,
      maxRuns: opts.maxRuns,
      timeoutMs: opts.timeoutMs,
      baselineFailuresOk: opts.baselineFailuresOk,
      logDir: opts.logDir,
      progress: (e) => opts.log(describeEvent(e)),
      materialize: (file, rules) => {
        const result = byPath.get(path.resolve(root, file)) ?? byPath.get(file);
        if (!result?.originalBytes) return Promise.reject(new Error(`--verify: no result for ${file}`));
        return Promise.resolve(withRules(result, new Set(rules), opts).fixedBytes ?? result.originalBytes);
      },
    });
  } catch (err) {
    if (err instanceof VerifyInterrupted) {
      opts.log('loopmigrate: --verify interrupted; nothing was written');
      return { results: [], status: err.signal === 'SIGTERM' ? 143 : 130 };
    }
    if (err instanceof VerifyLogError) {
      opts.log(`loopmigrate: error: --verify: ${err.message}; verification stopped and no fix was written`);
      return { results: [], status: 2 };
    }
    throw err;
  }
  for (const line of describeResult(outcome, opts.command)) opts.log(line);
  if (outcome.baselineFailed) return { results: [], status: 2 };
  const kept = new Map<string, Set<string>>();
  for (const g of outcome.kept) (kept.get(g.file) ?? kept.set(g.file, new Set()).get(g.file))?.add(g.rule);
  const notes = new Map<string, { text: string; reverted: RevertedFix }>();
  for (const r of outcome.reverted) notes.set(`${r.group.file}\0${r.group.rule}`, { text: revertedNote(r), reverted: { brokeBy: r.brokeBy, excerpt: r.excerpt, log: r.log } });
  const results = all.map((result) => {
    const mine = groupsOf(result);
    if (mine.length === 0) return result;
    const keep = kept.get(result.path) ?? new Set<string>();
    if (mine.every((g) => keep.has(g.rule))) return result;
    const again = withRules(result, keep, opts);
    const findings: Finding[] = again.findings.map((f) => {
      const note = notes.get(`${result.path}\0${result.projectEdit ? projectRule(result) : f.code}`);
      return note && !f.applied ? { ...f, notFixed: note.text, reverted: note.reverted } : f;
    });
    // No kept fix changed the file: it is not written, and nothing in it counts as fixed.
    if (again.fixed === undefined || again.fixed === again.original) return { ...again, findings, fixed: undefined, fixedBytes: undefined };
    return { ...again, findings };
  });
  return { results };
}
