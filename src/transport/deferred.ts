import type { Logger } from '../observe/log.js';
import type { Transport, TransportKind } from './transport.js';

/**
 * A transport whose module is loaded when it is started: the long connection brings the Feishu SDK (6 MB,
 * half of the process's start-up), which the webhook never needs, so loading it at import time would make
 * every start wait for it. Until it is loaded it reports `connecting` and is not ready.
 */
export function deferredTransport(kind: TransportKind, now: () => number, log: Logger, load: () => Promise<Transport>): Transport {
  const since = new Date(now()).toISOString();
  let inner: Transport | undefined;
  let loading: Promise<Transport> | undefined;
  let stopped = false;
  const loaded = () => (loading ??= load().then((t) => (inner = t)));
  return {
    kind,
    start() {
      loaded().then(
        (t) => {
          if (!stopped) t.start();
        },
        (err: unknown) => log.error({ err, transport: kind }, 'cannot load the transport'),
      );
    },
    async close() {
      stopped = true;
      if (loading) await (await loading).close();
    },
    status: () => inner?.status() ?? { kind, state: stopped ? 'stopped' : 'connecting', since, reconnects: 0 },
    ready: () => inner?.ready() ?? false,
  };
}
