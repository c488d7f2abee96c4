/**
 * Runs tasks one at a time per key (a chat), and keys in parallel: one chat's commands keep their
 * order, and a slow command never holds up another chat.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private pending = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly onError: (err: unknown, key: string) => void) {}

  push(key: string, task: () => Promise<void>): void {
    this.pending++;
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev
      .then(task)
      .catch((err: unknown) => this.onError(err, key))
      .finally(() => {
        if (this.tails.get(key) === next) this.tails.delete(key);
        if (--this.pending === 0) for (const w of this.idleWaiters.splice(0)) w();
      });
    this.tails.set(key, next);
  }

  /** Resolves when every queued task has finished (tests, graceful shutdown). */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get size(): number {
    return this.pending;
  }
}
