import { randomBytes, randomInt } from 'node:crypto';

/** What the platform tells a client about pings and reconnects, in seconds (and a count; -1 = forever). */
export interface ClientConfig {
  PingInterval: number;
  ReconnectCount: number;
  ReconnectInterval: number;
  ReconnectNonce: number;
}

/**
 * Feishu's answer. UNCONFIRMED: the values are the SDK's own defaults (ping and reconnect every 120 s,
 * up to 30 s of jitter) with an unlimited reconnect count; the platform's real figures are not documented.
 */
export const FEISHU_CLIENT_CONFIG: ClientConfig = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 };

/** Documented limit: at most 50 long connections per app (feishu-events.md §1). */
export const MAX_CONNECTIONS_PER_APP = 50;

/**
 * Endpoint answer codes. 1000040343 (internal error) is the one the SDK retries; UNCONFIRMED which code
 * the platform gives for bad credentials (the SDK names 514 "auth failed").
 */
export const ENDPOINT_CODES = { ok: 0, authFailed: 514, internalError: 1000040343, tooManyConnections: 1000040350 } as const;

/** How long a socket URL handed out by discovery stays usable (UNCONFIRMED; it is used at once in practice). */
const TICKET_TTL_MS = 5 * 60 * 1000;

export interface Ticket {
  deviceId: string;
  serviceId: number;
  expiresAt: number;
}

export type EndpointAnswer = { status: number; body: Record<string, unknown> };

/**
 * Where a refusal bites. At the socket, a client that was refused still gets the ClientConfig from discovery,
 * so the SDK retries at the server's pace; when discovery itself fails, the SDK falls back to its built-in
 * pace (every 120 s, forever).
 */
export type RefusalPoint = 'socket' | 'endpoint';

/**
 * Who may connect: endpoint discovery checks the app's credentials once and hands out a socket URL with
 * a one-time ticket; the upgrade must present it. A refusal window plays a platform that turns clients away.
 */
export class Admission {
  private readonly tickets = new Map<string, Ticket>();
  private readonly refuseUntil: Record<RefusalPoint, number> = { socket: 0, endpoint: 0 };
  refused = 0;

  constructor(
    private readonly app: { appId: string; appSecret: string },
    private readonly now: () => number,
  ) {}

  /** Refuses socket upgrades (or endpoint discovery) for `ms`; 0 ends a refusal early. */
  refuseFor(ms: number, at: RefusalPoint): void {
    this.refuseUntil[at] = this.now() + ms;
  }

  private refusing(at: RefusalPoint): boolean {
    if (this.now() >= this.refuseUntil[at]) return false;
    this.refused++;
    return true;
  }

  /** `POST /callback/ws/endpoint` with `{AppID, AppSecret}`: the socket URL and the ClientConfig. */
  discover(body: unknown, host: string, openConnections: number, config: ClientConfig): EndpointAnswer {
    if (this.refusing('endpoint')) return { status: 503, body: { code: ENDPOINT_CODES.internalError, msg: 'service unavailable', data: {} } };
    const b = (body && typeof body === 'object' ? body : {}) as { AppID?: unknown; AppSecret?: unknown };
    if (b.AppID !== this.app.appId || b.AppSecret !== this.app.appSecret) {
      return { status: 200, body: { code: ENDPOINT_CODES.authFailed, msg: 'app id or app secret is wrong', data: {} } };
    }
    if (openConnections >= MAX_CONNECTIONS_PER_APP) {
      return { status: 200, body: { code: ENDPOINT_CODES.tooManyConnections, msg: `at most ${MAX_CONNECTIONS_PER_APP} connections per app`, data: {} } };
    }
    for (const [key, t] of this.tickets) if (t.expiresAt < this.now()) this.tickets.delete(key);
    const ticket = randomBytes(16).toString('hex');
    const deviceId = String(randomInt(1e9, 1e10));
    const serviceId = randomInt(1, 1e6);
    this.tickets.set(ticket, { deviceId, serviceId, expiresAt: this.now() + TICKET_TTL_MS });
    // device_id is not the first parameter: the SDK reads the URL with qs.parse, which keeps the path on the first key.
    const url = `ws://${host}/ws/v2?fpid=1&aid=1&device_id=${deviceId}&access_key=${randomBytes(8).toString('hex')}&service_id=${serviceId}&ticket=${ticket}`;
    return { status: 200, body: { code: ENDPOINT_CODES.ok, msg: 'ok', data: { URL: url, ClientConfig: config } } };
  }

  /** The upgrade's verdict: the ticket's connection details, or the HTTP status to refuse it with. */
  admit(requestUrl: string | undefined): Ticket | { refuse: number } {
    if (this.refusing('socket')) return { refuse: 503 };
    const url = new URL(requestUrl ?? '/', 'ws://emulator');
    if (url.pathname !== '/ws/v2') return { refuse: 404 };
    const key = url.searchParams.get('ticket') ?? '';
    const ticket = this.tickets.get(key);
    this.tickets.delete(key);
    if (!ticket || ticket.expiresAt < this.now()) return { refuse: 403 };
    return ticket;
  }
}
