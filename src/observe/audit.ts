import type { Store } from '../store/store.js';
import type { Logger } from './log.js';

/** One write done (or refused) through the bot: a command that ran a batch, or a click on a write button. */
export interface AuditRecord {
  /** When it finished (ms since the epoch). */
  at: number;
  /** The open_id of who typed the command or clicked. */
  actor: string;
  chatId?: string;
  kind: 'command' | 'click';
  /** The job's kind for a command ("status.open", "jing.status"), the action's name for a click. */
  what: string;
  /** How many people (or items) it was about. */
  people: number;
  /** How many items ended in each result ("ok": 3, "failed": 1). */
  outcomes: Record<string, number>;
  jobId?: string;
  result: 'done' | 'refused' | 'failed';
}

const KEY_DIGITS = 15;

/** A key that sorts by time (the store lists by key, newest first), unique among records of the same ms. */
export function auditKey(at: number, random: () => number): string {
  return `${String(Math.max(0, Math.floor(at))).padStart(KEY_DIGITS, '0')}-${Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')}`;
}

/** An item's result, whatever the batch: its `result` or `status` string, else ok / failed. */
export function outcomeOf(item: unknown): string {
  if (item && typeof item === 'object') {
    const o = item as Record<string, unknown>;
    for (const field of ['result', 'status', 'outcome'] as const) if (typeof o[field] === 'string') return o[field];
    if (typeof o.ok === 'boolean') return o.ok ? 'ok' : 'failed';
  }
  return 'done';
}

/** Counts items by their result. */
export function countOutcomes(items: readonly unknown[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = outcomeOf(item);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/** The audit trail: every record kept in the store (kind `audit`, 90 days) and logged as one JSON line. */
export class AuditTrail {
  constructor(private readonly store: Store, private readonly log: Logger, private readonly random: () => number) {}

  async record(record: AuditRecord): Promise<void> {
    this.log.info({ audit: record }, 'audit');
    try {
      await this.store.set('audit', auditKey(record.at, this.random), record);
    } catch (err) {
      // The write itself is done: a trail that cannot be kept is logged, never turned into a failed command.
      this.log.error({ err: String(err), audit: record }, 'audit record not stored');
    }
  }

  /** The newest records, newest first. */
  newest(limit: number): Promise<AuditRecord[]> {
    return this.store.list<AuditRecord>('audit', limit).then((rows) => rows.map((r) => r.value));
  }
}
