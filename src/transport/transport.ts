/** How events reach the bot: Feishu POSTs to a public URL (webhook), or the bot holds a socket open (ws). */
export type TransportKind = 'webhook' | 'ws';

/**
 * `listening`: the webhook routes are served. For ws: `connecting` (never connected yet), `connected`,
 * `reconnecting` (the SDK retries), `failed` (the SDK gave up; the bot starts it again), `stopped` (shut down).
 */
export type TransportState = 'listening' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'stopped';

/** Shown on /healthz. */
export interface TransportStatus {
  kind: TransportKind;
  state: TransportState;
  /** ISO time of the last change of state. */
  since: string;
  /** Times the connection came back after it was lost. */
  reconnects: number;
  [more: string]: unknown;
}

export interface Transport {
  readonly kind: TransportKind;
  start(): void;
  /** Stops taking deliveries (closes the socket cleanly); called after the inbox has drained. */
  close(): Promise<void>;
  status(): TransportStatus;
  /** Whether deliveries can arrive now (readiness). */
  ready(): boolean;
}

/** The webhook needs nothing started: it is up as soon as the HTTP server listens. */
export function webhookTransport(now: () => number): Transport {
  const since = new Date(now()).toISOString();
  let state: TransportState = 'listening';
  return {
    kind: 'webhook',
    start() {},
    async close() {
      state = 'stopped';
    },
    status: () => ({ kind: 'webhook', state, since, reconnects: 0 }),
    ready: () => state === 'listening',
  };
}
