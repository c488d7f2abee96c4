import type { Logger } from '../../observe/log.js';
import type { TransportState } from '../transport.js';

/**
 * The long connection's state as the app sees it. Each change is logged once, with what caused it:
 * retries inside one state (the SDK's reconnect attempts, the bot's restarts) add no line.
 */
export class ConnectionState {
  private current: TransportState = 'connecting';
  private sinceMs: number;
  private everConnected = false;
  reconnects = 0;
  /** Times the bot started the SDK client again after it gave up. */
  restarts = 0;

  constructor(
    private readonly log: Logger,
    private readonly now: () => number,
  ) {
    this.sinceMs = now();
  }

  get state(): TransportState {
    return this.current;
  }

  get since(): string {
    return new Date(this.sinceMs).toISOString();
  }

  /** The socket is up: a reconnect when it had been up before (in this client or an earlier one). */
  connected(): void {
    if (this.current === 'connected') return;
    if (this.everConnected) this.reconnects++;
    this.everConnected = true;
    this.move('connected');
  }

  move(next: TransportState, reason?: string): void {
    if (next === this.current) return;
    const from = this.current;
    this.current = next;
    this.sinceMs = this.now();
    const fields = { transport: 'ws', from, to: next, reconnects: this.reconnects, restarts: this.restarts, ...(reason ? { reason } : {}) };
    const line = `long connection ${next}`;
    if (next === 'reconnecting' || next === 'failed') this.log.warn(fields, line);
    else this.log.info(fields, line);
  }
}
