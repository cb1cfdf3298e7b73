// A progress line on stderr for long batches, only when a person is watching (stderr is a TTY).

export class Progress {
  private count = 0;
  private chars = 0;
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly out: { write(s: string): unknown; isTTY?: boolean },
    /** Expected total items, when known (for "time left"). */
    private readonly total?: number,
  ) {}

  tick(chars: number): void {
    this.count++;
    this.chars += chars;
    const now = Date.now();
    if (!this.out.isTTY || now - this.lastDraw < 200) return;
    this.lastDraw = now;
    this.drawn = true;
    this.out.write(`\r${this.line(now)}\x1b[K`);
  }

  line(now = Date.now()): string {
    const secs = Math.max(0.001, (now - this.started) / 1000);
    const rate = this.count / secs;
    const mb = this.chars / 1e6 / secs;
    let s = `${this.count}${this.total ? `/${this.total}` : ''} texts, ${rate.toFixed(0)}/s, ${mb.toFixed(2)} MB/s, ${secs.toFixed(1)} s`;
    if (this.total && rate > 0) {
      const left = Math.max(0, (this.total - this.count) / rate);
      const width = 24;
      const filled = Math.round((this.count / this.total) * width);
      s = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${s}, ${left.toFixed(0)} s left`;
    }
    return s;
  }

  done(): void {
    if (this.drawn) this.out.write(`\r${this.line()}\x1b[K\n`);
  }
}
