// A progress bar on stderr for long runs: only on a TTY, never in CI, and only once the run has lasted
// a moment or has many files (a short run should not flash a bar).
import cliProgress from 'cli-progress';
import ci from 'ci-info';

export const SHOW_AFTER_MS = 1000;
export const SHOW_AT_ONCE_FILES = 500;

export interface Progress {
  tick(): void;
  /** Writes a line to stderr without tearing the bar. */
  log(text: string): void;
  stop(): void;
}

export function progressWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !ci.isCI && env.TERM !== 'dumb';
}

/** A bar for `total` files, or a pass-through when it is not wanted. */
export function createProgress(total: number, enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled) return { tick() {}, log: (text) => void stream.write(text), stop() {} };
  const started = Date.now();
  let done = 0;
  let bar: cliProgress.SingleBar | undefined;
  // The bar's own ETA reads "INF"/"NULL" until its buffer fills; the overall rate is steadier here.
  // Measured from the first file on: the parser's one-time start-up would skew the rate.
  let firstDone: number | undefined;
  const payload = () => {
    const seconds = firstDone === undefined ? 0 : (Date.now() - firstDone) / 1000;
    const rate = seconds > 0 ? (done - 1) / seconds : 0;
    return { rate: rate.toFixed(0), etaText: rate > 0 ? formatSeconds((total - done) / rate) : '-' };
  };
  const show = () => {
    bar = new cliProgress.SingleBar(
      {
        stream,
        format: 'loopmigrate {bar} {value}/{total} files | {rate} files/s | ETA {etaText}',
        clearOnComplete: true,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, done, payload());
  };
  return {
    tick() {
      done++;
      firstDone ??= Date.now();
      if (!bar && (total > SHOW_AT_ONCE_FILES || Date.now() - started > SHOW_AFTER_MS) && done < total) show();
      bar?.update(done, payload());
    },
    log(text) {
      if (bar) stream.write('\r\u001b[2K');
      stream.write(text);
      bar?.render();
    },
    stop() {
      bar?.stop();
    },
  };
}

function formatSeconds(s: number): string {
  const whole = Math.ceil(s);
  return whole < 60 ? `${whole}s` : `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}
