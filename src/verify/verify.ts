// --verify: run the user's command on the untouched project (the baseline), then with every fix, and
// when something that passed now fails, find the groups of fixes responsible (src/verify/ddmin.ts) and
// revert exactly those. Every run happens in a temporary copy of the project (src/verify/workspace.ts);
// the user's tree is never written here: the caller applies `kept` once the result is final.
import { mkdir, mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runCommand, type CommandRun } from './command.js';
import { findCulprits } from './ddmin.js';
import { excerptOf } from './excerpt.js';
import { comparable, judge, junitPathOf, parseJunitXml, parsePytestSummary, type Observed, type Verdict } from './outcome.js';
import { Session } from './session.js';
import { pythonPathFor, readOriginals, type Workspace } from './workspace.js';
import { writeOutput } from '../write/output.js';
import { describeIoError } from '../common/io-errors.js';

export { VerifyInterrupted } from './session.js';

/** A file of the log directory could not be written: verification stopped, and nothing may be applied. */
export class VerifyLogError extends Error {}

/** The run summary and the JUnit copies are replaced whole, so that a full disk never leaves half of one. */
function writeLog(file: string, contents: string): void {
  try {
    writeOutput(file, contents);
  } catch (err) {
    throw new VerifyLogError(`cannot write ${file} (${describeIoError(err)})`);
  }
}

/** The fixes of one rule in one file: the unit that is kept or reverted. */
export interface FixGroup {
  /** The file, absolute or relative to `root`. */
  readonly file: string;
  /** The rule's code. */
  readonly rule: string;
}

export const VERIFY_DEFAULTS = { jobs: 1, maxRuns: 40, timeoutMs: 600_000 } as const;

export interface VerifyOptions<G extends FixGroup> {
  /** The directory copied for each workspace: the git top level (`projectRoot`) or the given root. */
  readonly root: string;
  /** Where the command runs; the same place relative to the root is used in the copy. */
  readonly cwd: string;
  /** Run as `sh -c COMMAND`. */
  readonly command: string;
  readonly groups: readonly G[];
  /**
   * The contents of `file` (a group's `file`, as given) with the fixes of exactly `rules` applied;
   * never called with no rules (the original bytes are used then). A string is written as UTF-8.
   */
  readonly materialize: (file: string, rules: readonly string[]) => Promise<string | Uint8Array>;
  /** Workspaces (and command runs) at once during the search. */
  readonly jobs?: number;
  /** Command runs at most, the baseline and the run with every fix included. */
  readonly maxRuns?: number;
  /** Per run; a run that takes longer is killed with its process group and fails. */
  readonly timeoutMs?: number;
  /** A failing baseline is compared with by test ids instead of stopping verification. */
  readonly baselineFailuresOk?: boolean;
  /** Where each run's output goes (made when missing); a new temporary directory by default. */
  readonly logDir?: string;
  /** Where the workspaces are made; the system's temporary directory by default. */
  readonly tempDir?: string;
  readonly progress?: (event: VerifyEvent<G>) => void;
  /** Stops verification like SIGINT does. */
  readonly signal?: AbortSignal;
}

export type VerifyEvent<G extends FixGroup> =
  | { readonly kind: 'copied'; readonly workspace: string; readonly durationMs: number }
  | { readonly kind: 'run-start'; readonly name: string; readonly applied: number; readonly total: number }
  | {
      readonly kind: 'run-end';
      readonly name: string;
      readonly applied: number;
      readonly total: number;
      readonly verdict: Verdict;
      readonly durationMs: number;
      /** Since verification started. */
      readonly elapsedMs: number;
      readonly runs: number;
      readonly maxRuns: number;
    }
  | { readonly kind: 'culprit'; readonly groups: readonly G[]; readonly brokeBy: string }
  /** A failing set of groups passed when run again: its failure is taken for a flaky test. */
  | { readonly kind: 'flaky'; readonly groups: readonly G[]; readonly brokeBy: string; readonly log: string }
  | { readonly kind: 'gave-up'; readonly runs: number };

export interface RevertedGroup<G extends FixGroup> {
  readonly group: G;
  /** `broke`: part of a set of groups that failed the command; `unproven`: the search gave up first. */
  readonly reason: 'broke' | 'unproven';
  /** The first test id that newly failed, else the command; null when unproven. */
  readonly brokeBy: string | null;
  /** `failed, and did not fail in the baseline`, `timed out after 600 s`, `exit status 1`, …. */
  readonly why: string;
  /** A few lines of the failing output ('' when unproven). */
  readonly excerpt: string;
  /** The log of the run that showed the failure. */
  readonly log: string | null;
  /** The other groups that failed only together with this one. */
  readonly together: readonly G[];
}

export interface VerifyResult<G extends FixGroup> {
  /** The groups to apply. When `baselineFailed` is set, none: nothing was verified. */
  readonly kept: readonly G[];
  readonly reverted: ReadonlyArray<RevertedGroup<G>>;
  readonly logDir: string;
  /** The log of the run that passed with exactly `kept` applied. */
  readonly keptLog: string | null;
  readonly runs: number;
  /** True when the run cap stopped the search; `kept` is then the largest set that passed. */
  readonly gaveUp: boolean;
  /** Failures that did not come back when the same groups were run again. */
  readonly flaky: ReadonlyArray<{ readonly brokeBy: string; readonly why: string; readonly log: string }>;
  readonly durationMs: number;
  /** Set when the command fails on the untouched project and that cannot be compared with. */
  readonly baselineFailed?: { readonly brokeBy: string; readonly why: string; readonly excerpt: string; readonly log: string };
}

/** One line of runs.json in the log directory: what a run applied and how it ended. */
interface RunRecord {
  readonly name: string;
  /** Relative to the log directory. */
  readonly log: string;
  /** `file rule` of each group applied. */
  readonly applied: readonly string[];
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  readonly durationMs: number;
  readonly pass: boolean;
  readonly brokeBy?: string;
  readonly why?: string;
}

/** One run of the command, before it is judged. */
interface Execution {
  readonly name: string;
  readonly applied: readonly number[];
  readonly ran: CommandRun;
  readonly observed: Observed;
  readonly log: string;
  readonly junit: string | null;
  readonly headerLength: number;
  /** The copy of the root the run used, and the root, to show its paths as the user's in excerpts. */
  readonly paths: readonly [string, string];
}

/** What one run showed, as the search sees it. */
type RunVerdict = Verdict & Pick<Execution, 'log' | 'junit' | 'headerLength' | 'paths'>;

/** Logs larger than this are read from their end (pytest's summary and failures come last). */
const LOG_READ_LIMIT = 16 * 1024 * 1024;

export async function verify<G extends FixGroup>(opts: VerifyOptions<G>): Promise<VerifyResult<G>> {
  const started = performance.now();
  const jobs = Math.max(1, Math.floor(opts.jobs ?? VERIFY_DEFAULTS.jobs));
  const maxRuns = Math.floor(opts.maxRuns ?? VERIFY_DEFAULTS.maxRuns);
  const timeoutMs = opts.timeoutMs ?? VERIFY_DEFAULTS.timeoutMs;
  if (maxRuns < 2) throw new RangeError(`at least 2 runs are needed (the baseline and the run with every fix), not ${maxRuns}`);
  const root = path.resolve(opts.root);
  const cwdInRoot = inside(root, path.resolve(opts.cwd));
  if (cwdInRoot === null) throw new RangeError(`the working directory ${opts.cwd} is outside the project root ${root}`);
  const rels = opts.groups.map((g) => {
    const rel = inside(root, path.resolve(root, g.file));
    if (rel === null || rel === '') throw new RangeError(`the fixed file ${g.file} is outside the project root ${root}`);
    return rel;
  });
  const logDir = opts.logDir ? path.resolve(opts.logDir) : await mkdtemp(path.join(os.tmpdir(), 'loopmigrate-verify-logs-'));
  await mkdir(logDir, { recursive: true });
  const finish = (rest: Omit<VerifyResult<G>, 'logDir' | 'durationMs'>): VerifyResult<G> => ({ ...rest, logDir, durationMs: performance.now() - started });
  if (opts.groups.length === 0) return finish({ kept: [], reverted: [], keptLog: null, runs: 0, gaveUp: false, flaky: [] });

  const files = [...new Set(rels)];
  const fileNames = new Map(rels.map((rel, i) => [rel, (opts.groups[i] as G).file]));
  const describe = (i: number) => `${rels[i]} ${(opts.groups[i] as G).rule}`;
  const originals = await readOriginals(root, files);
  const fixed = new Map<string, Promise<string | Uint8Array>>();
  const junitPath = junitPathOf(opts.command);
  const records: RunRecord[] = [];
  let runs = 0;
  let baseline: Observed | null = null;

  const session = await Session.open(opts.tempDir ?? os.tmpdir(), opts.signal);
  try {
    /** Writes each touched file of `ws` as it is with exactly the groups `applied` (indices). */
    const apply = async (ws: Workspace, applied: readonly number[]) => {
      for (const rel of files) {
        const rules = [...new Set(applied.filter((i) => rels[i] === rel).map((i) => (opts.groups[i] as G).rule))].sort();
        let contents: string | Uint8Array | null;
        if (rules.length === 0) contents = originals.get(rel) ?? null;
        else {
          const key = `${rel}\0${rules.join('\n')}`;
          let pending = fixed.get(key);
          if (!pending) {
            pending = opts.materialize(fileNames.get(rel) as string, rules);
            fixed.set(key, pending);
          }
          contents = await pending;
        }
        session.checkpoint();
        await ws.put(rel, contents);
      }
    };

    /** Runs the command in a free workspace with exactly the groups `applied`; judged later, by `conclude`. */
    const execute = async (name: string, applied: readonly number[]): Promise<Execution> => {
      const ws = await session.workspace(root, [logDir], (w, ms) => opts.progress?.({ kind: 'copied', workspace: w.root, durationMs: ms }));
      try {
        await apply(ws, applied);
        const cwd = path.join(ws.root, cwdInRoot);
        const hasSrc = await stat(path.join(cwd, 'src')).then(
          (s) => s.isDirectory(),
          () => false,
        );
        const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONPATH: pythonPathFor(root, ws.root, cwd, process.env.PYTHONPATH, hasSrc) };
        const junit = junitPath === null ? null : path.resolve(cwd, junitPath);
        // A report left by an earlier run must not pass for this run's: one in the copy is removed, one
        // elsewhere (an absolute path, perhaps in the user's tree) is left alone and read only if newer.
        const junitInCopy = junit !== null && inside(ws.root, junit) !== null;
        if (junit && junitInCopy) await rm(junit, { force: true });
        const startedAt = Date.now();
        const log = path.join(logDir, `${name}.log`);
        const header = `# loopmigrate --verify, ${name}: ${applied.length} of ${opts.groups.length} fix groups applied\n# $ ${opts.command}\n\n`;
        opts.progress?.({ kind: 'run-start', name, applied: applied.length, total: opts.groups.length });
        const ran = await runCommand({
          command: opts.command,
          cwd,
          env,
          timeoutMs,
          logPath: log,
          header,
          signal: session.abort.signal,
          onGroup: (pgid) => session.trackGroup(pgid, ws),
        });
        session.checkpoint();
        runs++;
        const xml = junit === null ? null : await readReport(junit, junitInCopy ? 0 : startedAt);
        const junitCopy = xml === null ? null : path.join(logDir, `${name}.xml`);
        if (junitCopy !== null) writeLog(junitCopy, xml as string);
        const text = await readLog(log, header.length);
        const report = { summary: parsePytestSummary(text), junit: xml === null ? null : parseJunitXml(xml) };
        const observed: Observed = { exitCode: ran.exitCode, signal: ran.signal, timedOut: ran.timedOut, report };
        return { name, applied, ran, observed, log, junit: junitCopy, headerLength: header.length, paths: [ws.root, root] };
      } finally {
        session.release(ws);
      }
    };

    /** Judges a run against the baseline, records it in runs.json and tells the progress callback. */
    const conclude = (x: Execution): RunVerdict => {
      const verdict: RunVerdict = { ...judge(x.observed, baseline, opts.command, timeoutMs), log: x.log, junit: x.junit, headerLength: x.headerLength, paths: x.paths };
      records.push({
        name: x.name,
        log: path.basename(x.log),
        applied: x.applied.map(describe),
        exitCode: x.ran.exitCode,
        signal: x.ran.signal,
        timedOut: x.ran.timedOut,
        durationMs: Math.round(x.ran.durationMs),
        pass: verdict.pass,
        ...(verdict.pass ? {} : { brokeBy: verdict.brokeBy, why: verdict.why }),
      });
      writeLog(path.join(logDir, 'runs.json'), `${JSON.stringify(records, null, 2)}\n`);
      opts.progress?.({
        kind: 'run-end',
        name: x.name,
        applied: x.applied.length,
        total: opts.groups.length,
        verdict: verdict.pass ? { pass: true } : { pass: false, brokeBy: verdict.brokeBy, why: verdict.why },
        durationMs: x.ran.durationMs,
        elapsedMs: performance.now() - started,
        runs,
        maxRuns,
      });
      return verdict;
    };

    const all = opts.groups.map((_, i) => i);
    // With a second job the run with every fix need not wait for the baseline: it is judged after it.
    const firstTwo = jobs > 1 ? Promise.allSettled([execute('baseline', []), execute('all-fixes', all)]) : null;
    const firstRun = firstTwo ? settledValue((await firstTwo)[0]) : await execute('baseline', []);
    const first = conclude(firstRun);
    if (!first.pass) {
      if (opts.baselineFailuresOk && comparable(firstRun.observed)) baseline = firstRun.observed;
      else {
        const second = firstTwo ? (await firstTwo)[1] : null;
        if (second?.status === 'fulfilled') conclude(second.value);
        const why = opts.baselineFailuresOk && !firstRun.observed.timedOut ? `${first.why}, and its output names no test ids to compare with (run pytest with -rA or --junitxml=PATH)` : first.why;
        const failed = { brokeBy: first.brokeBy, why, excerpt: await excerptFor(first), log: first.log };
        return finish({ kept: [], reverted: [], keptLog: null, runs, gaveUp: false, flaky: [], baselineFailed: failed });
      }
    }
    const everything = conclude(firstTwo ? settledValue((await firstTwo)[1]) : await execute('all-fixes', all));
    if (everything.pass) return finish({ kept: [...opts.groups], reverted: [], keptLog: everything.log, runs, gaveUp: false, flaky: [] });

    let step = 0;
    const search = await findCulprits<number, RunVerdict>({
      items: all,
      failing: everything,
      maxRuns: maxRuns - runs,
      jobs,
      test: async (kept) => conclude(await execute(`step-${String(++step).padStart(2, '0')}`, kept)),
      progress: (e) => {
        const groups = e.kind === 'gave-up' || e.kind === 'tested' ? [] : e.items.map((i) => opts.groups[i] as G);
        if (e.kind === 'culprit' && !e.verdict.pass) opts.progress?.({ kind: 'culprit', groups, brokeBy: e.verdict.brokeBy });
        if (e.kind === 'flaky' && !e.verdict.pass) opts.progress?.({ kind: 'flaky', groups, brokeBy: e.verdict.brokeBy, log: e.verdict.log });
        if (e.kind === 'gave-up') opts.progress?.({ kind: 'gave-up', runs });
      },
    });

    const reverted: Array<RevertedGroup<G>> = [];
    const keptSet = new Set(search.kept);
    const blamed = new Set<number>();
    for (const culprit of search.culprits) {
      const v = culprit.verdict;
      if (v.pass) continue;
      const excerpt = await excerptFor(v);
      for (const i of culprit.items) {
        blamed.add(i);
        const together = culprit.items.filter((j) => j !== i).map((j) => opts.groups[j] as G);
        reverted.push({ group: opts.groups[i] as G, reason: 'broke', brokeBy: v.brokeBy, why: v.why, excerpt, log: v.log, together });
      }
    }
    for (const i of all) {
      if (keptSet.has(i) || blamed.has(i)) continue;
      const why = `not proven safe: the search stopped after ${runs} runs (the cap)`;
      reverted.push({ group: opts.groups[i] as G, reason: 'unproven', brokeBy: null, why, excerpt: '', log: null, together: [] });
    }
    return finish({
      kept: search.kept.map((i) => opts.groups[i] as G),
      reverted,
      keptLog: search.kept.length === 0 ? first.log : logOfSet(logDir, records, search.kept.map(describe)),
      runs,
      gaveUp: search.gaveUp,
      flaky: search.flaky.flatMap((v) => (v.pass ? [] : [{ brokeBy: v.brokeBy, why: v.why, log: v.log }])),
    });
  } finally {
    await session.close();
  }
}

/** The excerpt of a failing run's output. */
async function excerptFor(v: RunVerdict): Promise<string> {
  if (v.pass) return '';
  const text = await readLog(v.log, v.headerLength);
  const xml = v.junit === null ? null : await readFile(v.junit, 'utf8').catch(() => null);
  return excerptOf(text, v.brokeBy, xml).replaceAll(v.paths[0], v.paths[1]);
}

/** The value of a settled promise, or its rejection thrown. */
function settledValue<T>(s: PromiseSettledResult<T>): T {
  if (s.status === 'rejected') throw s.reason;
  return s.value;
}

/** `child` relative to `parent`, or null when it lies outside. */
function inside(parent: string, child: string): string | null {
  const rel = path.relative(parent, child);
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel) ? null : rel;
}

/** The log of a run that applied exactly `applied` and passed. */
function logOfSet(logDir: string, records: readonly RunRecord[], applied: readonly string[]): string | null {
  const want = [...applied].sort().join('\n');
  const found = records.find((r) => r.pass && [...r.applied].sort().join('\n') === want);
  return found ? path.join(logDir, found.log) : null;
}

/** The text of a report written at `since` (ms since the epoch) or later; null when there is none. */
async function readReport(file: string, since: number): Promise<string | null> {
  try {
    // File systems with whole-second times may date a fresh report up to a second early.
    if ((await stat(file)).mtimeMs < since - 1000) return null;
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

/** A run's output without the header loopmigrate wrote, at most its last LOG_READ_LIMIT bytes. */
async function readLog(file: string, headerLength: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const start = Math.max(headerLength, size - LOG_READ_LIMIT);
    const buf = Buffer.alloc(Math.max(0, size - start));
    await handle.read(buf, 0, buf.length, start);
    return buf.toString('utf8');
  } finally {
    await handle.close();
  }
}
