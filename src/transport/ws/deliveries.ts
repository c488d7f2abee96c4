import { TAKEN, type Answer, type DeliverySink } from '../../inbox/answer.js';
import type { Logger } from '../../observe/log.js';

/** What arrived over the socket and what became of it (shown on /healthz). */
export interface DeliveryCounts {
  /** Handed to the inbox. */
  delivered: number;
  /** Dropped: the envelope's header.app_id names another app. */
  otherApp: number;
  /** Not an event the inbox can read (answered, not re-pushed). */
  invalid: number;
  /** The inbox threw; answered so that the platform does not push it forever. */
  failed: number;
  /** Not acknowledged because the store was unreachable: the platform pushes them again. */
  unacknowledged: number;
}

export const newDeliveryCounts = (): DeliveryCounts => ({ delivered: 0, otherApp: 0, invalid: 0, failed: 0, unacknowledged: 0 });

/** Thrown to the SDK so that it answers the frame with an error (no acknowledgement): the platform pushes it again. */
export class NotAcknowledged extends Error {}

export interface EnvelopeHandlerOptions {
  appId: string;
  sink: DeliverySink;
  log: Logger;
  counts: DeliveryCounts;
}

/**
 * Turns one envelope from the socket into an inbox delivery and its answer into what the SDK writes in
 * the response frame: nothing for an event (code 200), the `{toast, card}` body for a card callback. It
 * throws (code 500: the platform pushes the event again) only when the store is unreachable.
 */
export function envelopeHandler(o: EnvelopeHandlerOptions): (envelope: unknown) => Promise<object | undefined> {
  return async (raw) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      o.counts.invalid++;
      o.log.warn('long connection: a frame that is not a JSON object was ignored');
      return undefined;
    }
    const envelope = raw as Record<string, unknown>;
    const header = envelope.header && typeof envelope.header === 'object' ? (envelope.header as Record<string, unknown>) : {};
    if (typeof header.app_id === 'string' && header.app_id !== o.appId) {
      o.counts.otherApp++;
      o.log.warn({ eventId: header.event_id, eventType: header.event_type }, 'long connection: dropped an envelope of another app');
      return undefined;
    }
    o.counts.delivered++;
    const answer = await answerOf(o, envelope);
    if (answer.kind === 'callback') return answer.body;
    if (answer.kind === 'unavailable') {
      o.counts.unacknowledged++;
      o.log.warn({ eventId: header.event_id }, 'long connection: not acknowledged, the store is unreachable');
      throw new NotAcknowledged('the store is unreachable; the platform will push this event again');
    }
    if (answer.kind === 'invalid') {
      o.counts.invalid++;
      o.log.warn({ eventId: header.event_id, reason: answer.reason }, 'long connection: envelope refused');
    }
    return undefined;
  };
}

/** The inbox's first answer; "taken" if it returned without one or threw (logged). */
async function answerOf(o: EnvelopeHandlerOptions, envelope: Record<string, unknown>): Promise<Answer> {
  let answered!: (a: Answer) => void;
  const first = new Promise<Answer>((resolve) => (answered = resolve));
  const done = o.sink.receive({ envelope, answer: answered }).then(
    () => TAKEN,
    (err: unknown) => {
      o.counts.failed++;
      o.log.error({ err }, 'inbox threw');
      return TAKEN;
    },
  );
  return Promise.race([first, done]);
}
