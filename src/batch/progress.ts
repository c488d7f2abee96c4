import type { Clock } from '../upstream/rateLimiter.js';

/**
 * Coalesces progress reports into at most one update per `intervalMs` (a card may be patched only so
 * often), always delivering the latest state, and lets the caller wait for the last update to land.
 */
export class ProgressThrottle<T> {
  private last = -Infinity;
  private pending?: T;
  private timer?: ReturnType<typeof setTimeout>;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly send: (state: T) => Promise<void>,
    private readonly clock: Clock,
    private readonly intervalMs = 1000,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  report(state: T): void {
    this.pending = state;
    if (this.timer) return;
    const wait = Math.max(0, this.last + this.intervalMs - this.clock.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = undefined;
    const state = this.pending;
    if (state === undefined) return;
    this.pending = undefined;
    this.last = this.clock.now();
    this.chain = this.chain.then(() => this.send(state)).catch(this.onError);
  }

  /** Drops any update not yet sent and waits for the one in flight (call before sending the final card). */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    await this.chain;
  }
}
