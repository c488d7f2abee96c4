import { hostname } from 'node:os';
import type { Logger } from '../observe/log.js';
import { INBOX_TTL_MS, type Store } from '../store/store.js';

/** What is kept of one event until its work is done: the decrypted, verified envelope (no token). */
export interface InboxRecord {
  envelope: Record<string, unknown>;
  /** The process doing its work (its lease says whether it still runs). */
  owner: string;
  receivedAt: number;
  /** Times another process took it over after its owner was gone. */
  replays: number;
}

/** What record did: the event's record key, or the dedupe key that made it a duplicate. */
export type Recorded = { key: string; duplicate?: undefined } | { key?: undefined; duplicate: string };

/** An unfinished event of a process that is gone, now this process's to run. */
export interface Orphan {
  key: string;
  envelope: Record<string, unknown>;
}

/** Who holds an owner id: a lease with the process's pid and host, renewed while it runs. */
interface Lease {
  pid: number;
  host: string;
}

/** A process that stops renewing its lease is taken for gone this long after its last renewal. */
export const LEASE_MS = 30_000;

/**
 * Done marks are written in groups: one commit for the events finished within this long (or this many),
 * instead of one each, which halves the store's commits per event. A crash before a group is written
 * replays those events at the next start, as a crash during their work would: that work is replay-safe
 * already (replies carry idempotency keys, operations are claimed once). Work handed off to a job is the
 * exception, written at once (doneNow): replaying it would start the job again.
 */
export const DONE_GROUP_MS = 20;
const DONE_GROUP_MAX = 200;
/** An event whose work took down every process that ran it (three times) is dropped, not replayed forever. */
export const MAX_REPLAYS = 3;
const PAGE = 500;

/** The store did not take a write the answer depends on: the sender must deliver the event again. */
export class StoreUnavailable extends Error {
  constructor(override readonly cause: unknown) {
    super('the store did not take the write');
  }
}

/** Runs a store operation whose failure means "answer 503 / do not ack", not "answer 200 and forget". */
export async function guarded<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw new StoreUnavailable(err);
  }
}

const leaseKey = (owner: string) => `inbox-owner:${owner}`;

export interface JournalOptions {
  store: Store;
  log: Logger;
  now: () => number;
  random: () => number;
  leaseMs?: number;
  pid?: number;
  host?: string;
  /** Whether a process with this pid runs on this host (signal 0). */
  isRunning?: (pid: number) => boolean;
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * The inbox's durable record of events answered but not done: one write before the answer (with the
 * event's dedupe claims, in one commit), one delete when the work is done. At start-up the unfinished
 * events of processes that are gone are taken over, each by exactly one process (an atomic claim per
 * chat and former owner), oldest first.
 */
export class InboxJournal {
  readonly owner: string;
  readonly leaseMs: number;
  private readonly pid: number;
  private readonly host: string;
  private readonly isRunning: (pid: number) => boolean;
  private seq = 0;
  private started?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private group?: { keys: string[]; written: Promise<void>; resolve: () => void; timer: NodeJS.Timeout };

  constructor(private readonly o: JournalOptions) {
    this.owner = `${o.now().toString(36)}${Math.floor(o.random() * 36 ** 6).toString(36).padStart(6, '0')}`;
    this.leaseMs = o.leaseMs ?? LEASE_MS;
    this.pid = o.pid ?? process.pid;
    this.host = o.host ?? hostname();
    this.isRunning = o.isRunning ?? processRuns;
  }

  /** Takes this process's lease and keeps renewing it (started by the first record at the latest). */
  start(): Promise<void> {
    this.started ??= this.renew().then(
      () => {
        this.timer = setInterval(() => this.renew().catch((err: unknown) => this.o.log.error({ err }, 'inbox lease not renewed')), this.leaseMs / 3);
        this.timer.unref();
      },
      (err: unknown) => {
        this.started = undefined;
        throw err;
      },
    );
    return this.started;
  }

  /** Gives the lease back (after a graceful drain: nothing of this process is left to replay). */
  async stop(): Promise<void> {
    await this.settled();
    clearInterval(this.timer);
    if (this.started) await this.o.store.delete('claim', leaseKey(this.owner)).catch(() => undefined);
  }

  /**
   * Records an event before it is answered, taking its dedupe keys in the same atomic step (one commit):
   * the record's key, or the dedupe key found taken already (a duplicate: nothing is recorded or taken).
   * Throws StoreUnavailable if the store did not take it (then nothing was taken either).
   */
  async record(envelope: Record<string, unknown>, dedupeKeys: readonly string[] = []): Promise<Recorded> {
    await guarded(() => this.start());
    const now = this.o.now();
    // Keys sort by the time of taking in: a replay runs them oldest first.
    const key = `${String(now).padStart(15, '0')}-${String(this.seq++).padStart(9, '0')}-${this.owner}`;
    const record: InboxRecord = { envelope: withoutToken(envelope), owner: this.owner, receivedAt: now, replays: 0 };
    const claims = dedupeKeys.map((k) => ({ kind: 'dedupe' as const, key: k }));
    const outcome = await guarded(() => this.o.store.claimAndSet(claims, { kind: 'inbox', key, value: record }));
    return outcome.done ? { key } : { duplicate: outcome.held.key };
  }

  /**
   * The event's work is done: its record goes with those of the other events done within DONE_GROUP_MS,
   * in one store step (one commit). Resolves once written; a failure is logged (the events would be
   * replayed by the next start).
   */
  done(key: string): Promise<void> {
    if (!this.group) {
      let written!: () => void;
      const promise = new Promise<void>((resolve) => (written = resolve));
      this.group = { keys: [], written: promise, resolve: written, timer: setTimeout(() => this.writeDone(), DONE_GROUP_MS) };
    }
    const group = this.group;
    group.keys.push(key);
    if (group.keys.length >= DONE_GROUP_MAX) this.writeDone();
    return group.written;
  }

  /** The event's work is done and must not be replayed: its record goes now, on its own. */
  async doneNow(key: string): Promise<void> {
    await this.o.store.delete('inbox', key).catch((err: unknown) => this.o.log.error({ err, key }, 'inbox: an event done could not be marked done; a later start may run it again'));
  }

  /** Resolves once every event marked done so far is written as done. */
  settled(): Promise<void> {
    const pending = this.group?.written;
    this.writeDone();
    return pending ?? Promise.resolve();
  }

  private writeDone(): void {
    const group = this.group;
    if (!group) return;
    this.group = undefined;
    clearTimeout(group.timer);
    this.o.store.deleteMany('inbox', group.keys)
      .catch((err: unknown) => this.o.log.error({ err, events: group.keys.length }, 'inbox: events done could not be marked done; a later start may run them again'))
      .finally(group.resolve);
  }

  /**
   * Takes over the unfinished events whose owner is gone, oldest first. `waiting` counts those whose owner
   * still runs (or may: a lease from another host is trusted until it runs out): look again later.
   */
  async orphans(): Promise<{ taken: Orphan[]; waiting: number }> {
    await this.start();
    const taken: Orphan[] = [];
    const alive = new Map<string, boolean>();
    const chats = new Map<string, boolean>();
    let waiting = 0;
    let after: string | undefined;
    for (;;) {
      const page = await this.o.store.listOldest<InboxRecord>('inbox', PAGE, after);
      for (const { key, value } of page) {
        if (value.owner === this.owner) continue;
        if (!alive.has(value.owner)) alive.set(value.owner, await this.runs(value.owner));
        if (alive.get(value.owner)) waiting++;
        else if (await this.takeOver(key, value, chats)) taken.push({ key, envelope: value.envelope });
      }
      if (page.length < PAGE) return { taken, waiting };
      after = page.at(-1)!.key;
    }
  }

  /**
   * One winner per chat and former owner, however many processes start on the same store at once: a
   * chat's events all go to one process, which runs them in order (split between two, they would race).
   */
  private async takeOver(key: string, rec: InboxRecord, chats: Map<string, boolean>): Promise<boolean> {
    const claimKey = `inbox-takeover:${rec.owner}:${queueKeyOf(rec.envelope)}`;
    if (!chats.has(claimKey)) chats.set(claimKey, await this.o.store.claim('claim', claimKey, INBOX_TTL_MS));
    if (!chats.get(claimKey)) return false;
    if (rec.replays >= MAX_REPLAYS) {
      this.o.log.error({ key, eventId: eventIdOf(rec.envelope), replays: rec.replays }, 'inbox: dropped an event whose work never finished after every replay');
      await this.o.store.delete('inbox', key);
      return false;
    }
    const ttl = rec.receivedAt + INBOX_TTL_MS - this.o.now();
    if (ttl <= 0) return false;
    await this.o.store.set('inbox', key, { ...rec, owner: this.owner, replays: rec.replays + 1 }, ttl);
    return true;
  }

  private async runs(owner: string): Promise<boolean> {
    const lease = await this.o.store.get<Lease>('claim', leaseKey(owner));
    if (!lease) return false;
    if (lease.host !== this.host) return true;
    // Our own pid under another owner id: an earlier run of this process slot (a container's pid 1).
    if (lease.pid === this.pid) return false;
    return this.isRunning(lease.pid);
  }

  private renew(): Promise<void> {
    return this.o.store.set<Lease>('claim', leaseKey(this.owner), { pid: this.pid, host: this.host }, this.leaseMs);
  }
}

/** The envelope without its verification token: the record holds nothing the event itself does not need. */
function withoutToken(envelope: Record<string, unknown>): Record<string, unknown> {
  const header = envelope.header;
  if (!header || typeof header !== 'object') return envelope;
  const { token: _token, ...rest } = header as Record<string, unknown>;
  return { ...envelope, header: rest };
}

/** What orders an event's work: its chat (a message's, or the event's own), else the event alone. */
function queueKeyOf(envelope: Record<string, unknown>): string {
  const event = (envelope.event ?? {}) as { chat_id?: unknown; message?: { chat_id?: unknown } };
  const chat = event.message?.chat_id ?? event.chat_id;
  return typeof chat === 'string' ? `chat:${chat}` : `event:${String(eventIdOf(envelope))}`;
}

const eventIdOf = (envelope: Record<string, unknown>) => (envelope.header as { event_id?: unknown } | undefined)?.event_id;
