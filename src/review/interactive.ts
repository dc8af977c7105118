// --interactive: every applicable fix is shown as a coloured hunk and accepted or declined one by one.
// Decisions are keyed by rule and range in the original text. A fix that the engine defers to a later
// pass (it overlaps another) is found there by carrying its range through the text's changes. Fixes
// that only become possible after other fixes were applied are not offered; running again offers them.
import { unifiedDiff } from '../output/diff.js';
import { rerun, withdrawn } from '../file/pipeline.js';
import { appliedAs, findingKey } from '../engine/findings.js';
import type { Transform } from '../rule-api/transform.js';
import type { FileResult, Finding, Settings } from '../common/types.js';
import { Prompter } from './prompt.js';
import { rangeMapper } from './offsets.js';

export const INTERACTIVE_HELP = `y - apply this fix
n - do not apply this fix
a - apply this fix and every remaining fix of the same rule, without asking
q - quit: apply the fixes accepted so far, leave everything else as it is
? - print this help
`;

export interface ReviewOutcome {
  /** The file's result as reviewed: only the accepted fixes are applied (and in its fixed text, when there is one to write). */
  result: FileResult;
  /** The text and bytes to write, or undefined when no fix of the file was accepted. */
  text?: string;
  bytes?: Uint8Array;
}

export class InteractiveReview {
  private readonly acceptAll = new Set<string>();
  private quit = false;

  constructor(
    private readonly rules: readonly Transform[],
    private readonly settings: Settings,
    private readonly prompter: Prompter,
    private readonly show: (s: string) => void,
    private readonly color: boolean,
  ) {}

  get stopped(): boolean {
    return this.quit;
  }

  /** Asks about each fix of the file. */
  async review(result: FileResult, shown: string): Promise<ReviewOutcome> {
    const original = result.original;
    if (original === undefined || this.quit) return this.decline(result);
    if (result.projectEdit) return this.reviewProjectEdit(result, shown, original);
    const accepted = new Set<string>();
    const declined = new Set<string>();
    const candidates = result.findings.filter((f) => f.fix !== null && (f.fix.safety === 'safe' || this.settings.unsafeFixes));
    for (const f of candidates) {
      if (this.quit) break;
      if (this.acceptAll.has(f.code)) {
        accepted.add(findingKey(f));
        continue;
      }
      const preview: string = rerun(result, { settings: this.settings, transforms: this.rules, accept: (g, pass) => pass === 0 && findingKey(g) === findingKey(f) }).fixed ?? original;
      if (preview === original) continue;
      this.show(this.header(shown, f) + this.colour(unifiedDiff(shown, original, preview)));
      const answer = await this.prompter.choose(this.paint(`Apply this fix (${f.code})`, '1'), 'ynaq', INTERACTIVE_HELP);
      if (answer === 'y' || answer === 'a') accepted.add(findingKey(f));
      else declined.add(findingKey(f));
      if (answer === 'a') this.acceptAll.add(f.code);
      if (answer === 'q') this.quit = true;
    }
    if (accepted.size === 0) return this.decline(result);
    const final = rerun(result, {
      settings: this.settings,
      transforms: this.rules,
      accept: acceptedAcrossPasses(
        original,
        result.findings.filter((g) => accepted.has(findingKey(g))),
      ),
    });
    const findings = appliedAs(result.findings, final.findings);
    if (final.fixed === undefined || !final.fixedBytes) return { result: { ...result, findings } };
    return { result: { ...result, findings, fixed: final.fixed, fixedBytes: final.fixedBytes }, text: final.fixed, bytes: final.fixedBytes };
  }

  /** A pytest config edit is not Python to re-run: it is shown and accepted or declined whole. */
  private async reviewProjectEdit(result: FileResult, shown: string, original: string): Promise<ReviewOutcome> {
    const first = result.findings.find((f) => f.applied);
    if (!first || result.fixed === undefined || !result.fixedBytes) return this.decline(result);
    if (!result.findings.some((f) => f.applied && this.acceptAll.has(f.code))) {
      this.show(this.header(shown, first) + this.colour(unifiedDiff(shown, original, result.fixed)));
      const answer = await this.prompter.choose(this.paint(`Apply this config change (${first.code})`, '1'), 'ynaq', INTERACTIVE_HELP);
      if (answer === 'a') this.acceptAll.add(first.code);
      if (answer === 'q') this.quit = true;
      if (answer !== 'y' && answer !== 'a') return this.decline(result);
    }
    return { result, text: result.fixed, bytes: result.fixedBytes };
  }

  private decline(result: FileResult): ReviewOutcome {
    return { result: withdrawn(result) };
  }

  private header(shown: string, f: Finding): string {
    const safety = f.fix?.safety === 'unsafe' ? ' (unsafe fix)' : '';
    return `\n${this.paint(`${shown}:${f.line}:${f.column}: ${f.code} ${f.name}${safety}`, '1')}\n${f.message}\n`;
  }

  private colour(diff: string): string {
    if (!this.color) return diff;
    return diff
      .split('\n')
      .map((line) => {
        if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('diff ')) return this.paint(line, '1');
        if (line.startsWith('@@')) return this.paint(line, '36');
        if (line.startsWith('+')) return this.paint(line, '32');
        if (line.startsWith('-')) return this.paint(line, '31');
        return line;
      })
      .join('\n');
  }

  private paint(s: string, code: string): string {
    return this.color ? `\u001b[${code}m${s}\u001b[0m` : s;
  }
}

/**
 * The engine's accept hook for a set of accepted findings: in pass 0 by their ranges, in later passes by
 * those ranges carried through the text's changes.
 */
export function acceptedAcrossPasses(original: string, accepted: readonly Finding[]): (f: Finding, pass: number, source: string) => boolean {
  let text = original;
  let pending: Array<{ code: string; start: number; end: number }> = accepted.map((f) => ({ code: f.code, start: f.start, end: f.end }));
  const keys = new Set(pending.map(findingKey));
  return (f, pass, source) => {
    if (pass === 0) return keys.has(findingKey(f));
    if (source !== text) {
      const map = rangeMapper(text, source);
      pending = map ? pending.map((p) => ({ code: p.code, ...map(p) })) : [];
      text = source;
    }
    return pending.some((p) => p.code === f.code && p.start === f.start && p.end === f.end);
  };
}
