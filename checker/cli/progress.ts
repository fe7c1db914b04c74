/** A progress line on stderr, at most once a second, only for runs longer than a second. */
export class Progress {
  private last: number;
  private lastCount = 0;
  private printed = false;
  constructor(private readonly started: number) {
    this.last = started;
  }

  tick(line: string, count: number): void {
    const now = Date.now();
    if (now - this.last < 1000) return;
    const rate = Math.round((count - this.lastCount) / ((now - this.last) / 1000));
    this.last = now;
    this.lastCount = count;
    this.printed = true;
    process.stderr.write(`[${((now - this.started) / 1000).toFixed(0)} s] ${line}  ${rate}/s\n`);
  }

  done(): void {
    if (this.printed) process.stderr.write(`[${((Date.now() - this.started) / 1000).toFixed(1)} s] done\n`);
  }
}
