import * as lark from '@larksuiteoapi/node-sdk';
import type { DeliverySink } from '../../inbox/answer.js';
import type { Logger } from '../../observe/log.js';
import type { Transport, TransportStatus } from '../transport.js';
import { ConnectionState } from './connectionState.js';
import { SDK_APP_ID } from './sdkAppId.js';
import { envelopeHandler, newDeliveryCounts, type DeliveryCounts } from './deliveries.js';
import { sdkLogger } from './sdkLogger.js';

export interface LongConnectionTuning {
  /**
   * The SDK's watchdog, in seconds: after each ping, no frame for this long ends the socket and starts a
   * reconnect. Off unless set, and it must stay below the server's ping interval (120 s on Feishu), since
   * each ping re-arms it (feishu-events.md §10).
   */
  pingTimeoutS: number;
  /** A WebSocket handshake that neither opens nor fails within this is abandoned (stuck proxy or NAT). */
  handshakeTimeoutMs: number;
  /** Wait before starting the SDK again after it gave up: doubling from the base up to the cap, with jitter. */
  restartBaseMs: number;
  restartMaxMs: number;
}

export const LONG_CONNECTION_TUNING: LongConnectionTuning = {
  pingTimeoutS: 10,
  handshakeTimeoutMs: 15_000,
  restartBaseMs: 1000,
  restartMaxMs: 60_000,
};

export interface LongConnectionOptions {
  appId: string;
  appSecret: string;
  /** FEISHU_BASE_URL: the SDK discovers its socket at `$baseUrl/callback/ws/endpoint`. */
  baseUrl: string;
  sink: DeliverySink;
  log: Logger;
  now: () => number;
  random: () => number;
  tuning?: Partial<LongConnectionTuning>;
}

/**
 * The long-connection transport: the official SDK's WSClient, whose every envelope goes to the same inbox
 * as a webhook's. The SDK reconnects by itself until its budget (the server's ReconnectCount) is spent, then
 * stops for good; this class starts a fresh client again with capped backoff, for as long as the bot runs.
 */
export class LongConnection implements Transport {
  readonly kind = 'ws';
  readonly counts: DeliveryCounts = newDeliveryCounts();
  private readonly tuning: LongConnectionTuning;
  private readonly state: ConnectionState;
  private readonly invoke: (envelope: unknown) => Promise<object | undefined>;
  private client?: lark.WSClient;
  /** Callbacks of a client that was replaced must not move the state. */
  private generation = 0;
  private failuresInARow = 0;
  private restartTimer?: NodeJS.Timeout;
  private lastProblem?: string;
  private stopped = false;

  constructor(private readonly o: LongConnectionOptions) {
    this.tuning = { ...LONG_CONNECTION_TUNING, ...o.tuning };
    this.state = new ConnectionState(o.log, o.now);
    this.invoke = envelopeHandler({ appId: o.appId, sink: o.sink, log: o.log, counts: this.counts });
  }

  start(): void {
    if (!SDK_APP_ID.test(this.o.appId)) {
      this.state.move('failed', 'FEISHU_APP_ID is not cli_ followed by 16 hex digits; the SDK will not connect');
      return;
    }
    this.stopped = false;
    this.open();
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.generation++;
    // A normal close (not terminate): the platform sees the client leave and stops pushing to it.
    this.client?.close();
    this.client = undefined;
    this.state.move('stopped');
  }

  ready(): boolean {
    return this.state.state === 'connected';
  }

  status(): TransportStatus {
    return {
      kind: 'ws', state: this.state.state, since: this.state.since, reconnects: this.state.reconnects,
      restarts: this.state.restarts, deliveries: { ...this.counts },
    };
  }

  private open(): void {
    this.client?.close({ force: true });
    const generation = ++this.generation;
    const current = (fn: () => void) => () => {
      if (generation === this.generation && !this.stopped) fn();
    };
    const up = current(() => {
      this.failuresInARow = 0;
      this.state.connected();
    });
    this.client = new lark.WSClient({
      appId: this.o.appId,
      appSecret: this.o.appSecret,
      domain: this.o.baseUrl,
      logger: sdkLogger(this.o.log, (line) => (this.lastProblem = line)),
      loggerLevel: lark.LoggerLevel.debug,
      autoReconnect: true,
      handshakeTimeoutMs: this.tuning.handshakeTimeoutMs,
      wsConfig: { pingTimeout: this.tuning.pingTimeoutS },
      onReady: up,
      onReconnected: up,
      onReconnecting: current(() => this.state.move('reconnecting', this.lastProblem)),
      onError: (err) => current(() => this.gaveUp(err))(),
    });
    // The SDK calls `invoke(envelope)` with the plain schema-2.0 envelope, as a webhook body would be;
    // its EventDispatcher would flatten it, so a bare object with `invoke` stands in for one.
    const dispatcher = { invoke: (envelope: unknown) => this.invoke(envelope) } as unknown as lark.EventDispatcher;
    void this.client.start({ eventDispatcher: dispatcher });
  }

  /** The SDK stopped for good (reconnects spent, or discovery refused): start a fresh client later. */
  private gaveUp(err: Error): void {
    this.state.move('failed', err.message);
    const delay = Math.min(this.tuning.restartMaxMs, this.tuning.restartBaseMs * 2 ** this.failuresInARow);
    const jittered = Math.round(delay * (0.5 + this.o.random() / 2));
    this.failuresInARow++;
    this.o.log.debug({ transport: 'ws', inMs: jittered, failuresInARow: this.failuresInARow }, 'long connection: starting the SDK again');
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (this.stopped) return;
      this.state.restarts++;
      this.open();
    }, jittered);
  }
}
