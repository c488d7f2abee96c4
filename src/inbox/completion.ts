/**
 * When an event's work is done: the handler has returned (`seal`) and every task it queued has finished.
 * `done` runs once, then; `handedOff` says a task ended early by handing its work on (a job that now
 * resumes by itself), so the record must go at once.
 */
export class Completion {
  private pending = 0;
  private sealed = false;
  private finished = false;
  private handedOff = false;

  constructor(private readonly done: (handedOff: boolean) => void) {}

  /** A task queued for the event; call the function it returns when the task has finished (true: handed off). */
  begin(): (handedOff?: boolean) => void {
    this.pending++;
    let ended = false;
    return (handedOff = false) => {
      if (ended) return;
      ended = true;
      this.handedOff ||= handedOff;
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
    this.done(this.handedOff);
  }
}
