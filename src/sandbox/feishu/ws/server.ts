import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { Admission, FEISHU_CLIENT_CONFIG, type ClientConfig, type EndpointAnswer, type RefusalPoint, type Ticket } from './admission.js';
import { decodeFrame, encodeFrame, fragments, MESSAGE_TYPE, METHOD, type Frame } from './frame.js';

export interface LongConnectionOptions {
  appId: string;
  appSecret: string;
  /** Overrides of the ClientConfig handed to clients (short ping and reconnect intervals for tests). */
  clientConfig?: Partial<ClientConfig>;
  /** Payloads larger than this are pushed in fragments (UNCONFIRMED: the platform's own size is not documented). */
  maxFrameBytes?: number;
  /** How long a push waits for its response frame; Feishu's deadline is 3 s. */
  responseTimeoutMs?: number;
  now?: () => number;
  random?: () => number;
}

/** The client's answer to one pushed envelope: its code (200 or 500) and the JSON it returned, if any. */
export interface PushResult {
  code: number;
  body?: unknown;
  elapsedMs: number;
  fragments: number;
}

export class NoClientError extends Error {}

interface Client {
  socket: WebSocket;
  ticket: Ticket;
  /** Stops answering pings and gets no pushes: a half-open connection as the client sees it. */
  silent: boolean;
  /**
   * Has sent its first ping. The SDK listens for frames only after its handshake settles, so a frame
   * sent the moment the socket opens can be lost; a client that pinged is listening.
   */
  listening: boolean;
}

interface Pending {
  client: Client;
  startedAt: number;
  fragments: number;
  timer: NodeJS.Timeout;
  resolve(result: PushResult): void;
  reject(err: Error): void;
}

const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
const FEISHU_DEADLINE_MS = 3000;

/**
 * The platform's side of the long connection: sockets admitted by endpoint discovery, pongs carrying
 * the ClientConfig, events and card callbacks pushed as data frames (fragmented when large) to one
 * connected client, and the response frames collected. Faults: drop, go silent, refuse connections.
 */
export class LongConnectionServer {
  readonly clientConfig: ClientConfig;
  readonly stats = { opened: 0, closed: 0, pings: 0, pushed: 0, badFrames: 0 };
  /** Close codes of the sockets that ended: 1006 when cut, 1000 or 1005 when the client closed cleanly. */
  readonly closeCodes: number[] = [];
  private readonly admission: Admission;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly clients = new Set<Client>();
  private readonly pending = new Map<string, Pending>();
  private readonly waiters = new Set<() => void>();
  private readonly now: () => number;
  private readonly random: () => number;
  private seq = 0;

  constructor(private readonly opts: LongConnectionOptions) {
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.clientConfig = { ...FEISHU_CLIENT_CONFIG, ...opts.clientConfig };
    this.admission = new Admission(opts, this.now);
  }

  /** Discovery requests and socket upgrades turned away by a refusal. */
  get refused(): number {
    return this.admission.refused;
  }

  /** Connected clients that listen and are answered. */
  get liveClients(): number {
    return this.live().length;
  }

  discover(body: unknown, host: string): EndpointAnswer {
    return this.admission.discover(body, host, this.clients.size, this.clientConfig);
  }

  /** The HTTP server's `upgrade` event. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const verdict = this.admission.admit(req.url);
    if ('refuse' in verdict) {
      socket.end(`HTTP/1.1 ${verdict.refuse} ${STATUS_CODES[verdict.refuse] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, verdict));
  }

  /** Pushes one envelope to a connected client (a random one, as the platform does) and awaits its response frame. */
  push(envelope: unknown, o: { maxFrameBytes?: number; timeoutMs?: number } = {}): Promise<PushResult> {
    const live = this.live();
    if (live.length === 0) return Promise.reject(new NoClientError('no long-connection client is connected'));
    const client = live[Math.floor(this.random() * live.length)] as Client;
    const parts = fragments(Buffer.from(JSON.stringify(envelope), 'utf8'), o.maxFrameBytes ?? this.opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES);
    const messageId = randomUUID();
    const traceId = randomUUID();
    const timeoutMs = o.timeoutMs ?? this.opts.responseTimeoutMs ?? FEISHU_DEADLINE_MS;
    this.stats.pushed++;
    return new Promise<PushResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(messageId);
        reject(new Error(`no response frame within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(messageId, { client, startedAt: performance.now(), fragments: parts.length, timer, resolve, reject });
      parts.forEach((part, i) => {
        this.seq++;
        this.send(client, {
          SeqID: this.seq, LogID: this.seq, service: client.ticket.serviceId, method: METHOD.data,
          headers: { type: MESSAGE_TYPE.event, message_id: messageId, sum: String(parts.length), seq: String(i), trace_id: traceId },
          payload: part,
        });
      });
    });
  }

  /** Resolves once a client is connected and listening (it has pinged). */
  waitForClient(timeoutMs = 5000): Promise<void> {
    if (this.live().length > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(done);
        reject(new Error(`no long-connection client within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(done);
    });
  }

  /** Fault: every socket is cut at once (as a network failure would). */
  drop(): void {
    for (const c of this.clients) c.socket.terminate();
  }

  /** Fault: the sockets stay open but the platform stops answering pings and pushes nothing to them. */
  goSilent(): void {
    for (const c of this.clients) c.silent = true;
  }

  /** Fault: socket upgrades (or endpoint discovery) are refused for `ms` (0 ends a refusal). */
  refuseFor(ms: number, at: RefusalPoint = 'socket'): void {
    this.admission.refuseFor(ms, at);
  }

  close(): Promise<void> {
    for (const c of this.clients) c.socket.terminate();
    for (const [id, p] of this.pending) this.settle(id, p, new Error('the emulator closed'));
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private live(): Client[] {
    return [...this.clients].filter((c) => c.listening && !c.silent && c.socket.readyState === 1);
  }

  private attach(socket: WebSocket, ticket: Ticket): void {
    const client: Client = { socket, ticket, silent: false, listening: false };
    this.clients.add(client);
    this.stats.opened++;
    socket.on('message', (data) => this.onFrame(client, data));
    socket.on('error', () => socket.terminate());
    socket.on('close', (code) => {
      this.clients.delete(client);
      this.stats.closed++;
      this.closeCodes.push(code);
      for (const [id, p] of this.pending) if (p.client === client) this.settle(id, p, new Error('the connection closed before the response'));
    });
  }

  private onFrame(client: Client, data: Buffer): void {
    let frame: Frame;
    try {
      frame = decodeFrame(data);
    } catch {
      this.stats.badFrames++;
      return;
    }
    if (frame.method === METHOD.control) {
      if (frame.headers.type !== MESSAGE_TYPE.ping) return;
      this.stats.pings++;
      if (client.silent) return;
      if (!client.listening) {
        client.listening = true;
        for (const wake of [...this.waiters]) wake();
      }
      this.send(client, {
        SeqID: 0, LogID: 0, service: client.ticket.serviceId, method: METHOD.control,
        headers: { type: MESSAGE_TYPE.pong }, payload: Buffer.from(JSON.stringify(this.clientConfig)),
      });
      return;
    }
    const id = frame.headers.message_id;
    const pending = id === undefined ? undefined : this.pending.get(id);
    if (frame.method !== METHOD.data || !pending || !id) return;
    try {
      const answer = JSON.parse(Buffer.from(frame.payload ?? []).toString('utf8')) as { code?: unknown; data?: unknown };
      const body = typeof answer.data === 'string' ? JSON.parse(Buffer.from(answer.data, 'base64').toString('utf8')) : undefined;
      this.settle(id, pending, { code: Number(answer.code), body, elapsedMs: Math.round(performance.now() - pending.startedAt), fragments: pending.fragments });
    } catch {
      this.stats.badFrames++;
      this.settle(id, pending, new Error('the response frame is not {code, data: base64(JSON)}'));
    }
  }

  private settle(id: string, p: Pending, outcome: PushResult | Error): void {
    clearTimeout(p.timer);
    this.pending.delete(id);
    if (outcome instanceof Error) p.reject(outcome);
    else p.resolve(outcome);
  }

  private send(client: Client, frame: Frame): void {
    if (client.socket.readyState === 1) client.socket.send(encodeFrame(frame));
  }
}
