import type { Config } from '../config.js';
import type { DeliverySink } from '../inbox/answer.js';
import type { Logger } from '../observe/log.js';
import { deferredTransport } from './deferred.js';
import { webhookTransport, type Transport } from './transport.js';
import type { LongConnectionTuning } from './ws/longConnection.js';

export interface TransportDeps {
  config: Config;
  log: Logger;
  sink: DeliverySink;
  now: () => number;
  random: () => number;
  tuning?: Partial<LongConnectionTuning>;
}

/** The transport FEISHU_TRANSPORT names. The webhook routes are mounted either way; ws adds the socket. */
export function selectTransport(d: TransportDeps): Transport {
  if (d.config.FEISHU_TRANSPORT !== 'ws') return webhookTransport(d.now);
  return deferredTransport('ws', d.now, d.log, async () => {
    const { LongConnection } = await import('./ws/longConnection.js');
    return new LongConnection({
      appId: d.config.FEISHU_APP_ID,
      appSecret: d.config.FEISHU_APP_SECRET,
      baseUrl: d.config.FEISHU_BASE_URL,
      sink: d.sink,
      log: d.log,
      now: d.now,
      random: d.random,
      tuning: d.tuning,
    });
  });
}
