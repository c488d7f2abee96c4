/**
 * What the inbox says back about one delivery, whatever carried it (an HTTP webhook, the long
 * connection). Each transport turns it into its own reply: the inbox never speaks HTTP.
 */
export type Answer =
  /** Taken: the work (if any) runs after this answer. Duplicates and unhandled types are taken too. */
  | { kind: 'taken' }
  /** The envelope is not an event the bot can read; the sender should not retry it as it is. */
  | { kind: 'invalid'; reason: string }
  /** A card callback's answer: a toast and/or a card, shown by the client at once. */
  | { kind: 'callback'; body: object }
  /**
   * The store is unreachable, so the delivery could not be recorded: the sender must deliver it again
   * later (webhook 503, no acknowledgement on the long connection). Nothing else answers this way.
   */
  | { kind: 'unavailable' };

export const TAKEN: Answer = { kind: 'taken' };
export const invalid = (reason: string): Answer => ({ kind: 'invalid', reason });
export const UNAVAILABLE: Answer = { kind: 'unavailable' };

/** One delivery: the decoded envelope and a way to answer it, called once (Bolt's receiver/ack split). */
export interface Delivery {
  envelope: Record<string, unknown>;
  answer(answer: Answer): void;
}

/** What a transport hands its deliveries to. */
export interface DeliverySink {
  receive(delivery: Delivery): Promise<void>;
}

/**
 * Wraps `answer` so that it runs exactly once: a second call is ignored, and `settle()` answers
 * "taken" if the inbox returned without answering (it never should; the sender must not hang).
 */
export function answerOnce(answer: (a: Answer) => void): { answer: (a: Answer) => void; settle: () => void; answered: () => boolean } {
  let done = false;
  const once = (a: Answer) => {
    if (done) return;
    done = true;
    answer(a);
  };
  return { answer: once, settle: () => once(TAKEN), answered: () => done };
}
