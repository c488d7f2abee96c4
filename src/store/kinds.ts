/**
 * Every kind of state the bot keeps, each on its own terms: its own lifetime, and its own bound, so that
 * one kind's volume (a flood of messages) never pushes out another's (the buttons of last week's card).
 */
export type Kind = 'dedupe' | 'job' | 'unfinished' | 'session' | 'claim' | 'welcome' | 'audit' | 'inbox' | 'chunk' | 'active';

/**
 * What a kind does when it is full of live entries. `refuse`: the write fails (StoreFullError) rather
 * than forget a live claim, which would let a delivery or a click run twice. `dropOldest`: the entry
 * written longest ago goes (its buttons answer "no longer kept").
 */
export type WhenFull = 'refuse' | 'dropOldest';

export interface KindPolicy {
  ttlMs: number;
  maxEntries: number;
  whenFull: WhenFull;
}

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

/** Dedupe keys outlive Feishu's whole re-delivery window (15 s, 5 min, 1 h, 6 h: about 7.1 h). */
export const DEDUPE_TTL_MS = 8 * HOUR;
/** Jobs and what buttons refer to live as long as a 2.0 card can be interacted with. */
export const JOB_TTL_MS = 14 * DAY;
/** Who did what is kept for a quarter: long enough to answer "who closed that status last month". */
export const AUDIT_TTL_MS = 90 * DAY;
/**
 * An event taken in but not yet done is replayed by the next start within this: past the dedupe window
 * (a bot down for a night still answers the evening's commands), not forever (a week-old command is news to nobody).
 */
export const INBOX_TTL_MS = DAY;

export const KINDS: Readonly<Record<Kind, KindPolicy>> = {
  /** Event and message ids already taken in, so that a re-delivery is ignored. */
  dedupe: { ttlMs: DEDUPE_TTL_MS, maxEntries: 500_000, whenFull: 'refuse' },
  /** Batch runs, kept for the buttons on their cards (retry, undo, export): a button's reference is a job id. */
  job: { ttlMs: JOB_TTL_MS, maxEntries: 20_000, whenFull: 'dropOldest' },
  /**
   * The jobs not finished (previewed, running, interrupted), apart from `job` so that a flood of finished
   * runs never pushes out one still waiting for its Confirm or its last chunks. Full, it refuses: a new
   * batch fails to start rather than an old one losing its header. A job moves to `job` when it ends.
   */
  unfinished: { ttlMs: JOB_TTL_MS, maxEntries: 20_000, whenFull: 'refuse' },
  /** What a button refers to besides a job: ACS page tokens, an OKR query to refresh. */
  session: { ttlMs: JOB_TTL_MS, maxEntries: 50_000, whenFull: 'dropOldest' },
  /** One-time operations on a job (retry, undo, confirm, export) and their "done" marks. */
  claim: { ttlMs: JOB_TTL_MS, maxEntries: 200_000, whenFull: 'refuse' },
  /** "Welcomed today" marks: the direct-chat welcome card at most once a day per person. */
  welcome: { ttlMs: DAY, maxEntries: 200_000, whenFull: 'refuse' },
  /** The audit trail (/audit): one record per write command or click; keys sort by time (auditKey). */
  audit: { ttlMs: AUDIT_TTL_MS, maxEntries: 200_000, whenFull: 'dropOldest' },
  /**
   * Events answered 200 (or acked) whose work is not done yet, replayed after a crash; keys sort by time
   * (inbox/journal.ts). Full, it refuses: the webhook answers 503 and Feishu re-delivers, nothing is dropped.
   */
  inbox: { ttlMs: INBOX_TTL_MS, maxEntries: 100_000, whenFull: 'refuse' },
  /**
   * The checkpoints of running jobs: one entry per finished chunk (its results) or chunk being sent, so that
   * a checkpoint costs a write the size of one chunk. Deleted when their job finishes (it then holds them all).
   */
  chunk: { ttlMs: JOB_TTL_MS, maxEntries: 1_000_000, whenFull: 'refuse' },
  /** The ids of jobs not finished yet (running, or interrupted by a stop): what start-up resumes. */
  active: { ttlMs: JOB_TTL_MS, maxEntries: 10_000, whenFull: 'refuse' },
};

export const KIND_NAMES = Object.keys(KINDS) as Kind[];

/** The policies with some bounds changed (tests use small ones). */
export function policiesWith(bounds: Partial<Record<Kind, number>> = {}): Record<Kind, KindPolicy> {
  return Object.fromEntries(KIND_NAMES.map((k) => [k, { ...KINDS[k], maxEntries: bounds[k] ?? KINDS[k].maxEntries }])) as Record<Kind, KindPolicy>;
}
