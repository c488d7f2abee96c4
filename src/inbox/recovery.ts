import type { Logger } from '../observe/log.js';
import type { Metrics } from '../observe/metrics.js';
import type { InboxJournal } from './journal.js';

/**
 * Start-up replay: queues the unfinished events of processes that are gone, oldest first, so that each
 * chat's replayed commands run in order and before its new ones. Only the listing is awaited; the work
 * runs on the queue. Events of a process that may still run (a lease of another host) are looked at again
 * every half lease, and taken over once it has run out.
 */
export class Recovery {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly journal: InboxJournal,
    /** Starts a recorded event's work (queues it) and resolves once it is queued. */
    private readonly run: (envelope: Record<string, unknown>, key: string) => Promise<unknown>,
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {}

  async recover(): Promise<number> {
    clearTimeout(this.timer);
    let again = false;
    let replayed = 0;
    try {
      const { taken, waiting } = await this.journal.orphans();
      if (taken.length > 0) this.log.info({ replayed: taken.length }, 'inbox: replaying events left unfinished by a stopped process');
      for (const orphan of taken) {
        const type = (orphan.envelope.header as { event_type?: unknown } | undefined)?.event_type;
        this.metrics.event(typeof type === 'string' ? type : 'none', 'replayed');
        await this.run(orphan.envelope, orphan.key);
        replayed++;
      }
      again = waiting > 0;
    } catch (err) {
      this.log.error({ err }, 'inbox: cannot read the unfinished events; trying again later');
      again = true;
    }
    if (again) {
      this.timer = setTimeout(() => void this.recover(), this.journal.leaseMs / 2);
      this.timer.unref();
    }
    return replayed;
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
