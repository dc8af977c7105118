// The review features of one run, behind one seam the CLI calls at three points: before a fixed file
// is written (dirty-tree guard, --interactive), for every result (--patch-dir, --report) and at the end.
import path from 'node:path';
import type { Options } from 'yargs';
import type { Mode } from '../common/mode.js';
import { DirtyGuard } from '../write/git-guard.js';
import { withdrawn } from '../file/pipeline.js';
import { initParser } from '../python/parser.js';
import { HtmlReport } from '../output/html.js';
import type { Transform } from '../rule-api/transform.js';
import type { FileResult, Settings, SkipReason } from '../common/types.js';
import { InteractiveReview } from './interactive.js';
import { PatchSeries } from './patch-dir.js';
import { Prompter } from './prompt.js';
import { writeOutput } from '../write/output.js';
import { describeIoError } from '../common/io-errors.js';

export const reviewOptions = {
  interactive: { type: 'boolean', describe: 'Show each fix as a hunk and ask whether to apply it (y/n/a/q); needs a terminal' },
  'patch-dir': { type: 'string', describe: 'Write one numbered patch per rule into DIR, each applying on top of the previous; touch no source file', requiresArg: true },
  'allow-dirty': { type: 'boolean', describe: 'Fix files in place even when they have uncommitted git changes' },
  report: { type: 'string', describe: 'Also write a self-contained HTML page for reviewing the changes to FILE', requiresArg: true },
} satisfies Record<string, Options>;

export interface ReviewArgs {
  interactive?: boolean;
  'patch-dir'?: string;
  'allow-dirty'?: boolean;
  report?: string;
}

export interface SessionContext {
  mode: Mode;
  settings: Settings;
  rules: readonly Transform[];
  color: boolean;
  err: (s: string) => void;
}

export interface WriteDecision {
  /** The file's result as reviewed: a refused or declined file has no applied finding. */
  result: FileResult;
  /** The bytes to write; absent when nothing is to be written. */
  bytes?: Uint8Array;
  /** Why the file may not be written: it counts as skipped. */
  refused?: { reason: SkipReason; message: string };
}

export class ReviewSession {
  private readonly dirtyFiles: string[] = [];
  /** In fix mode: the text chosen for writing, per file (--interactive may write less than the full run). */
  private readonly chosen = new Map<string, string>();

  private constructor(
    private readonly guard: DirtyGuard | undefined,
    private readonly interactive: InteractiveReview | undefined,
    private readonly prompter: Prompter | undefined,
    private readonly series: { dir: string; patches: PatchSeries } | undefined,
    private readonly report: { file: string; page: HtmlReport } | undefined,
    private readonly err: (s: string) => void,
    private readonly mode: Mode,
  ) {}

  /** The session for these arguments, or a usage error message. */
  static async start(args: ReviewArgs, ctx: SessionContext): Promise<ReviewSession | string> {
    if (args.interactive && !process.stdin.isTTY) {
      return '--interactive needs a terminal on standard input to ask its questions; run it in a terminal, or review the changes with --dry-run, --patch-dir DIR or --report FILE.html';
    }
    // Files may be processed on worker threads; re-running rules and highlighting happen on this one.
    if (args.interactive || args['patch-dir'] !== undefined || args.report !== undefined) await initParser();
    const guard = ctx.mode === 'fix' && !args['allow-dirty'] ? new DirtyGuard() : undefined;
    const prompter = args.interactive ? new Prompter(process.stdin, process.stderr) : undefined;
    const interactive = prompter ? new InteractiveReview(ctx.rules, ctx.settings, prompter, ctx.err, ctx.color) : undefined;
    const series = args['patch-dir'] !== undefined ? { dir: path.resolve(args['patch-dir']), patches: new PatchSeries(ctx.rules, ctx.settings) } : undefined;
    const report = args.report !== undefined ? { file: path.resolve(args.report), page: new HtmlReport(ctx.rules, ctx.mode) } : undefined;
    return new ReviewSession(guard, interactive, prompter, series, report, ctx.err, ctx.mode);
  }

  /** Called in fix mode for a file with fixes: what to write, if anything. */
  async beforeWrite(result: FileResult, shown: string): Promise<WriteDecision> {
    const refused = this.guard?.refusal(result.path);
    if (refused) {
      this.dirtyFiles.push(shown);
      return { result: withdrawn(result), refused: { reason: 'dirty', message: refused } };
    }
    if (!this.interactive) {
      if (!result.fixedBytes || result.fixed === undefined) return { result };
      this.chosen.set(result.path, result.fixed);
      return { result, bytes: result.fixedBytes };
    }
    const outcome = await this.interactive.review(result, shown);
    if (!outcome.bytes || outcome.text === undefined) return { result: outcome.result };
    this.chosen.set(result.path, outcome.text);
    return { result: outcome.result, bytes: outcome.bytes };
  }

  collect(result: FileResult, shown: string): void {
    this.series?.patches.add(result, shown);
    if (this.report) {
      // In fix mode a file whose write was refused or failed has no applied finding left.
      const written = result.findings.some((f) => f.applied) ? this.chosen.get(result.path) : undefined;
      this.report.page.add(result, shown, this.mode === 'fix' ? written : result.fixed);
    }
    this.chosen.delete(result.path);
  }

  /** Writes what was collected; returns the problems to report (each makes the exit status 2). */
  finish(): string[] {
    this.prompter?.close();
    const problems: string[] = [];
    if (this.dirtyFiles.length) {
      this.err(
        `loopmigrate: ${this.dirtyFiles.length} file${this.dirtyFiles.length === 1 ? ' has' : 's have'} uncommitted changes and ${this.dirtyFiles.length === 1 ? 'was' : 'were'} left alone: ${this.dirtyFiles.join(', ')}\n` +
          `loopmigrate: commit or stash them first (so the fixes can be reviewed and reverted with git), or pass --allow-dirty to fix them anyway\n`,
      );
    }
    if (this.series) {
      try {
        const names = this.series.patches.write(this.series.dir);
        this.err(`loopmigrate: wrote ${names.length} patch${names.length === 1 ? '' : 'es'} to ${this.series.dir}${names.length ? `: ${names.join(', ')}` : ''}\n`);
      } catch (e) {
        problems.push(`--patch-dir ${this.series.dir}: could not write the patches (${describeIoError(e)}); any earlier series there is unchanged`);
      }
    }
    if (this.report) {
      try {
        writeOutput(this.report.file, this.report.page.render());
        this.err(`loopmigrate: wrote the review page ${this.report.file}\n`);
      } catch (e) {
        problems.push(`--report ${this.report.file}: could not write the page (${describeIoError(e)}); any earlier page there is unchanged`);
      }
    }
    return problems;
  }
}
