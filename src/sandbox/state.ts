import { TENANT_TOKEN_TTL_S } from './feishu/facts.js';
import type { ApiFact, RateWindow } from './rateWindow.js';

/** The emulator's world: tenant, people, chats, messages, and a record of everything the bot sent. */
export interface SandboxUser {
  open_id: string;
  name: string;
  en_name: string;
  /** Users of another tenant exist too: some APIs must refuse them. */
  tenant: 'home' | 'other';
  resigned?: boolean;
}

export interface SandboxChat {
  chat_id: string;
  name: string;
  members: string[];
}

export interface StoredMessage {
  message_id: string;
  chat_id: string;
  msg_type: string;
  content: string;
  sender: 'bot' | string;
  parent_id?: string;
  create_time: number;
}

/** One recorded outgoing call, for tests and `npm run say`. */
export interface Recorded {
  api: string;
  message_id?: string;
  chat_id?: string;
  receive_id?: string;
  msg_type?: string;
  card?: unknown;
  file?: { name: string; content: Buffer };
  at: number;
}

/** A fault for whichever API is called next (the console's fault switches). */
export const ANY_API = '*';

export interface Fault {
  /** API name as in the sandbox fact tables (`api` of an ApiFact), e.g. `im.message.reply`; ANY_API for any. */
  api: string;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many calls it hits (default 1). */
  times?: number;
  /** Drop the connection instead of answering (network error). */
  hangUp?: boolean;
  /** Never answer (the client's timeout must end the call). */
  stall?: boolean;
  /**
   * Do the work, then lose the answer: the request is applied as usual, and then the connection is dropped
   * (`hangUp`) or the answer never comes (`stall`). What a client sees is a reset or a timeout, though the
   * change was made (a lost answer, not a refused request).
   */
  afterApply?: 'hangUp' | 'stall';
}

/** One upstream call as the emulator saw it: for the console's panel of calls. */
export interface CallRecord {
  seq: number;
  api: string;
  method: string;
  path: string;
  /** HTTP status, or 0 when the connection was dropped or never answered. */
  status: number;
  /** The platform's code in the answer (`code` or `errcode`), when it had one. */
  code?: number;
  ms: number;
  at: number;
}

/** A card the emulator refused (send, reply or patch): the console shows the refusal in its place. */
export interface RefusedCard {
  api: string;
  chat_id?: string;
  message_id?: string;
  code: number;
  msg: string;
  at: number;
}

/** How many call records the emulator keeps (the oldest go first). */
export const CALL_LOG_MAX = 2000;

export const BOT_OPEN_ID = 'ou_bot0000000000000000000000000001';
export const SANDBOX_ADMIN = 'ou_admin000000000000000000000001';
export const SANDBOX_MEMBER = 'ou_member00000000000000000000001';
export const SANDBOX_GROUP = 'oc_sandboxgroup000000000000000001';

export class SandboxState {
  readonly users = new Map<string, SandboxUser>();
  readonly chats = new Map<string, SandboxChat>();
  readonly messages = new Map<string, StoredMessage>();
  readonly outbox: Recorded[] = [];
  readonly faults: Fault[] = [];
  /** Calls per API name, answered or not. */
  readonly calls = new Map<string, number>();
  /** The newest calls, oldest first (at most CALL_LOG_MAX). */
  readonly callLog: CallRecord[] = [];
  /** Cards refused by the card rules, oldest first (at most CALL_LOG_MAX; add with refuseCard). */
  readonly refusedCards: RefusedCard[] = [];
  /** Every emulated API by name, as registered. */
  readonly apiNames = new Set<string>();
  /** 429 answers per API name. */
  readonly rateLimited = new Map<string, number>();
  readonly tokens = new Map<string, number>();
  /** Tests only: other rate windows for an API (by name) than its documented ones, e.g. shorter ones. */
  readonly rateOverrides = new Map<string, RateWindow[]>();
  /** Shared by feature modules (system statuses, OKR, ACS, third parties) for their own data. */
  readonly ext: Record<string, unknown> = {};
  latencyMs = 0;
  /** Latency of one API (by name) instead of `latencyMs`: a slow batch API, say, while messages stay fast. */
  readonly apiLatencyMs = new Map<string, number>();
  tokenTtlS = TENANT_TOKEN_TTL_S;
  private seq = 0;
  private callSeq = 0;
  private refusedTotal = 0;

  constructor(readonly now: () => number = Date.now) {
    const people: Array<[string, string, string]> = [
      [SANDBOX_ADMIN, '管理员小安', 'Ann Admin'],
      [SANDBOX_MEMBER, '成员小明', 'Ming Member'],
    ];
    for (let i = 1; i <= 30; i++) people.push([`ou_user${String(i).padStart(26, '0')}`, `同事${i}`, `Colleague ${i}`]);
    for (const [open_id, name, en_name] of people) this.users.set(open_id, { open_id, name, en_name, tenant: 'home' });
    this.users.set('ou_external0000000000000000000001', { open_id: 'ou_external0000000000000000000001', name: '外部用户', en_name: 'External', tenant: 'other' });
    this.chats.set(SANDBOX_GROUP, { chat_id: SANDBOX_GROUP, name: 'Ops Bot 沙箱群', members: [SANDBOX_ADMIN, SANDBOX_MEMBER, ...[...this.users.keys()].slice(2, 12), BOT_OPEN_ID] });
  }

  /** The windows the emulator enforces for an API: a test's override, else the documented ones. */
  windowsOf(api: ApiFact): readonly RateWindow[] {
    return this.rateOverrides.get(api.api) ?? api.windows;
  }

  nextId(prefix: string): string {
    this.seq++;
    return `${prefix}${this.now().toString(16)}${String(this.seq).padStart(8, '0')}`;
  }

  /** A p2p chat id for a user (created on first use). */
  p2pChat(openId: string): string {
    const chat_id = `oc_p2p_${openId.slice(3)}`;
    if (!this.chats.has(chat_id)) this.chats.set(chat_id, { chat_id, name: 'p2p', members: [openId, BOT_OPEN_ID] });
    return chat_id;
  }

  /** Stores a message a user "sent", so that the bot can reply to it. */
  userMessage(openId: string, chatId: string, text: string): StoredMessage {
    const msg: StoredMessage = {
      message_id: this.nextId('om_'),
      chat_id: chatId,
      msg_type: 'text',
      content: JSON.stringify({ text }),
      sender: openId,
      create_time: this.now(),
    };
    this.messages.set(msg.message_id, msg);
    return msg;
  }

  /** Cards the bot sent or updated, newest last. */
  cards(filter: (r: Recorded) => boolean = () => true): Recorded[] {
    return this.outbox.filter((r) => r.card !== undefined && filter(r));
  }

  recordCall(call: Omit<CallRecord, 'seq'>): void {
    this.callSeq++;
    this.callLog.push({ seq: this.callSeq, ...call });
    if (this.callLog.length > CALL_LOG_MAX) this.callLog.splice(0, this.callLog.length - CALL_LOG_MAX);
  }

  /** Records a refused card (the newest CALL_LOG_MAX are kept). */
  refuseCard(r: Omit<RefusedCard, 'at'>): void {
    this.refusedCards.push({ ...r, at: this.now() });
    this.refusedTotal++;
    if (this.refusedCards.length > CALL_LOG_MAX) this.refusedCards.splice(0, this.refusedCards.length - CALL_LOG_MAX);
  }

  /** How many cards were refused since the start. */
  get refusedCount(): number {
    return this.refusedTotal;
  }

  /** How many calls were recorded since the start (also the newest call's seq). */
  get callCount(): number {
    return this.callSeq;
  }

  injectFault(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  takeFault(api: string): Fault | undefined {
    const i = this.faults.findIndex((f) => f.api === api || f.api === ANY_API);
    if (i < 0) return undefined;
    const f = this.faults[i] as Fault;
    f.times = (f.times ?? 1) - 1;
    if (f.times <= 0) this.faults.splice(i, 1);
    return f;
  }
}
