/**
 * The jobs this process is running, and whether it is stopping. On SIGTERM the process takes no new
 * chunk, lets the chunks in flight finish and checkpoint, and waits for that (drain) before it exits;
 * the rest is resumed by the next start.
 */
export class JobControl {
  private stopping = false;
  private readonly running = new Set<Promise<unknown>>();

  get stopped(): boolean {
    return this.stopping;
  }

  /** How many jobs are running in this process now. */
  get size(): number {
    return this.running.size;
  }

  /** Runs `work` as one of this process's jobs (drain waits for it). */
  track<T>(work: () => Promise<T>): Promise<T> {
    const p = work();
    const settled = p.then(() => undefined, () => undefined);
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return p;
  }

  /** No new chunk starts from now on. */
  stop(): void {
    this.stopping = true;
  }

  /** Resolves when every running job has checkpointed what it had in flight and returned. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
