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

export function progressWanted(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !ci.isCI && env.TERM !== 'dumb';
}

/** A bar for `total` files, or a pass-through when it is not wanted. */
export function createProgress(total: number, enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled) return { tick() {}, log: (text) => void stream.write(text), stop() {} };
  const started = Date.now();
  let done = 0;
  let bar: cliProgress.SingleBar | undefined;
  const show = () => {
    bar = new cliProgress.SingleBar(
      {
        stream,
        format: 'loopmigrate {bar} {value}/{total} files | {rate} files/s | ETA {eta_formatted}',
        clearOnComplete: true,
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, done, { rate: '0' });
  };
  return {
    tick() {
      done++;
      if (!bar && (total > SHOW_AT_ONCE_FILES || Date.now() - started > SHOW_AFTER_MS) && done < total) show();
      const seconds = (Date.now() - started) / 1000;
      bar?.update(done, { rate: seconds > 0 ? (done / seconds).toFixed(0) : '0' });
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
