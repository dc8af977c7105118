// Line-based questions on a terminal. End of input (Ctrl-D) answers "q", so a closed terminal never
// leaves loopmigrate waiting.
import { createInterface, type Interface } from 'node:readline';

export class Prompter {
  private readonly rl: Interface;
  private readonly lines: string[] = [];
  private waiting: ((line: string | null) => void) | undefined;
  private closed = false;

  constructor(
    input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
  ) {
    this.rl = createInterface({ input, terminal: false });
    this.rl.on('line', (line) => this.deliver(line));
    this.rl.on('close', () => {
      this.closed = true;
      this.deliver(null);
    });
  }

  /** Asks until the answer is one of `choices` (single letters); `help` is shown for "?" and anything unknown. */
  async choose(question: string, choices: string, help: string): Promise<string> {
    for (;;) {
      this.output.write(`${question} [${choices.split('').join(',')},?]? `);
      const line = await this.next();
      if (line === null) {
        this.output.write('\n');
        return 'q';
      }
      const answer = line.trim().toLowerCase();
      if (answer.length === 1 && choices.includes(answer)) return answer;
      this.output.write(help);
    }
  }

  close(): void {
    this.rl.close();
  }

  private next(): Promise<string | null> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  private deliver(line: string | null): void {
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting(line);
    } else if (line !== null) this.lines.push(line);
  }
}
