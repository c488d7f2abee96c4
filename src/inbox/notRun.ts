import type { Logger } from '../observe/log.js';
import type { Metrics } from '../observe/metrics.js';
import { invalid, TAKEN, type Answer } from './answer.js';
import type { MessageReading, UserMessage } from './messageText.js';

const MESSAGE_EVENT = 'im.message.receive_v1';

/** The answer to a delivery whose event or message was taken in already (`dedupeKey` is the claim found held). */
export function duplicateAnswer(metrics: Metrics, log: Logger, dedupeKey: string, type: string): Answer {
  const of = dedupeKey.startsWith('message:') ? 'message' : 'event';
  log.info(of === 'message' ? 'duplicate message ignored' : 'duplicate delivery ignored');
  metrics.duplicate(of, type);
  return TAKEN;
}

/** The answer to a message event that is no message to run: invalid, or not from a person. */
export function notRunnableAnswer(metrics: Metrics, log: Logger, reading: Exclude<MessageReading, UserMessage>): Answer {
  if (reading === 'not from a person') {
    metrics.event(MESSAGE_EVENT, 'ignored');
    return TAKEN;
  }
  log.warn('message event without message, chat or sender');
  metrics.event(MESSAGE_EVENT, 'invalid');
  return invalid('message event is missing message_id, chat_id or sender');
}
