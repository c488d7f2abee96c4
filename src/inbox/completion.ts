/**
 * When an event's work is done: the handler has returned (`seal`) and every task it queued has finished.
 * `done` runs once, then.
 */
export class Completion {
  private pending = 0;
  private sealed = false;
  private finished = false;

  constructor(private readonly done: () => void) {}

  /** A task queued for the event; call the function it returns when the task has finished. */
  begin(): () => void {
    this.pending++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.pending--;
      this.check();
    };
  }

  seal(): void {
    this.sealed = true;
    this.check();
  }

  private check(): void {
    if (this.finished || !this.sealed || this.pending > 0) return;
    this.finished = true;
    this.done();
  }
}
