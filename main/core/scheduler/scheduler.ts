/**
 * Runs the due-work function at start (catch-up after the app was closed) and then on an interval while the vault
 * is open. Runs never overlap; a failed run is reported (without details) and retried at the next tick.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(
    private readonly applyDue: () => Promise<void>,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One pass; concurrent calls share the pass in progress. */
  tick(): Promise<void> {
    this.running ??= this.applyDue()
      .catch((err: unknown) => console.error(`[skm] scheduler pass failed: ${err instanceof Error ? err.name : 'error'}`))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
