import type * as lark from '@larksuiteoapi/node-sdk';
import { LRUCache } from 'lru-cache';
import type { ReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Logger } from '../observe/log.js';
import type { BatchObserver, Metrics } from '../observe/metrics.js';
import { callUpstream, DEFAULT_RETRY, REQUEST_TIMEOUT_MS, type CallDeps, type RetryPolicy } from './callUpstream.js';
import { UpstreamError } from './errors.js';
import { fromRejected, fromResolved } from './feishuOutcome.js';
import { limitOf, PATCH_PER_MESSAGE, SENDS_PER_RECEIVER, type FeishuApiName, type RateWindow } from './limits.js';
import { localLimiters, realClock, type Clock, type RateLimiter, type RateLimiters } from './rateLimiter.js';
import type * as SdkClientModule from './sdkClient.js';
import { TenantToken } from './tenantToken.js';

export interface FeishuOptions {
  appId: string;
  appSecret: string;
  baseUrl: string;
  log: Logger;
  clock?: Clock;
  random?: () => number;
  retry?: RetryPolicy;
  /** Per-request timeout (default 10 s); tests make it short. */
  timeoutMs?: number;
  metrics?: Metrics;
  /** Where the rate limits are kept: this process (default) or shared through Redis by every instance. */
  limiters?: RateLimiters;
}

export type RequestOptions = ReturnType<typeof lark.withTenantToken>;
export type Receiver = { type: 'chat_id' | 'open_id'; id: string };
export interface ContactUser {
  openId?: string;
  name?: string;
  enName?: string;
}

type SdkModule = typeof SdkClientModule;
let sdkModule: Promise<SdkModule> | undefined;

/** Loads the SDK once per process (see sdkClient.ts for why it is not a static import). */
export const loadSdk = (): Promise<SdkModule> => (sdkModule ??= import('./sdkClient.js'));

/**
 * The single door for every Feishu call: the SDK Client with our own tenant-token cache, a 10 s timeout,
 * the per-API rate limits from limits.ts, retry with backoff, one token refresh, and typed errors.
 */
export class Feishu {
  private sdk?: Promise<{ client: lark.Client; withTenantToken: SdkModule['withTenantToken'] }>;
  private readonly token: TenantToken;
  private readonly deps: CallDeps;
  private readonly makeLimiter: RateLimiters;
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly messageLimiters: LRUCache<string, RateLimiter>;
  private readonly receiverLimiters: LRUCache<string, RateLimiter>;
  /** open_id → the p2p chat id, so that a private send and a reply in that chat share one pacing key. */
  private readonly p2pChats: LRUCache<string, string>;

  constructor(private readonly opts: FeishuOptions) {
    const clock = opts.clock ?? realClock;
    this.deps = { clock, random: opts.random ?? Math.random, retry: opts.retry ?? DEFAULT_RETRY, metrics: opts.metrics };
    this.makeLimiter = opts.limiters ?? localLimiters(clock);
    this.token = new TenantToken(async () => (await this.client()).client, opts.appId, opts.appSecret, clock, (fn) =>
      this.run('auth.tenant_access_token', fn),
    );
    this.messageLimiters = new LRUCache({ max: 10_000 });
    this.p2pChats = new LRUCache({ max: 10_000 });
    this.receiverLimiters = new LRUCache({ max: 10_000 });
  }

  /**
   * Runs one API call. `fn` gets the SDK client and the request options carrying the tenant token; what it
   * resolves to is checked for a non-zero `code`. Throws UpstreamError when the call finally fails.
   */
  call<T>(api: FeishuApiName, fn: (sdk: lark.Client, options: RequestOptions) => Promise<T>): Promise<T> {
    // The token the last attempt used: a refusal drops that token only, so that when many calls fail
    // together, the first refresh is shared and later refusals of the old token do not throw away the new one.
    let used: string | undefined;
    const attempt = async () => {
      const { client, withTenantToken } = await this.client();
      used = await this.token.get();
      return fn(client, withTenantToken(used));
    };
    return this.run(api, attempt, () => this.token.invalidate(used));
  }

  /** The SDK client, made on first use (or by warmUp) from the SDK loaded then. */
  private client(): Promise<{ client: lark.Client; withTenantToken: SdkModule['withTenantToken'] }> {
    this.sdk ??= loadSdk().then((m) => ({
      client: m.createSdkClient({ ...this.opts, timeoutMs: this.opts.timeoutMs ?? REQUEST_TIMEOUT_MS }),
      withTenantToken: m.withTenantToken,
    }));
    return this.sdk;
  }

  /** Loads the SDK ahead of the first call, so that the first command does not wait for it. */
  async warmUp(): Promise<void> {
    await this.client();
  }

  /** Counts the items of a batch made of this client's calls (metrics), by the batch's kind. */
  observeBatch(kind: string): BatchObserver | undefined {
    return this.opts.metrics?.batchObserver(kind);
  }

  private run<T>(api: string, fn: () => Promise<T>, refreshAuth?: () => void): Promise<T> {
    return callUpstream(
      api,
      async () => {
        try {
          return fromResolved(api, await fn());
        } catch (err) {
          if (err instanceof UpstreamError) return { ok: false, error: err };
          return fromRejected(api, err);
        }
      },
      this.deps,
      {
        limiter: this.limiterFor(api),
        refreshAuth,
        onRetry: ({ attempt, delayMs, error }) =>
          this.opts.log.warn({ api, attempt, delayMs, code: error.code, logId: error.logId }, 'retrying upstream call'),
      },
    );
  }

  private limiterFor(api: string): RateLimiter {
    let limiter = this.limiters.get(api);
    if (!limiter) {
      limiter = this.makeLimiter(api, limitOf(api).windows);
      this.limiters.set(api, limiter);
    }
    return limiter;
  }

  /** How long a call of `api` asked for now would wait for its rate window (an estimate, see the limiter). */
  expectedWaitMs(api: FeishuApiName): number {
    return this.limiterFor(api).expectedWaitMs();
  }

  /** Runs `send` in its turn under a per-key limit (one message, one receiving chat or user). */
  private async inTurn<T>(scope: 'message' | 'receiver', key: string, window: RateWindow, send: () => Promise<T>): Promise<T> {
    const cache = scope === 'message' ? this.messageLimiters : this.receiverLimiters;
    let limiter = cache.get(key);
    if (!limiter) {
      limiter = this.makeLimiter(`${scope}:${key}`, [window]);
      cache.set(key, limiter);
    }
    const answered = await limiter.acquire();
    try {
      return await send();
    } finally {
      answered();
    }
  }

  async botOpenId(): Promise<string> {
    const res = await this.call('bot.info', (sdk, o) =>
      sdk.request<{ code: number; bot?: { open_id?: string } }>({ method: 'GET', url: '/open-apis/bot/v3/info' }, o),
    );
    const openId = res.bot?.open_id;
    if (!openId) throw new UpstreamError('bot.info', 'NO_OPEN_ID', 'bot info has no open_id');
    return openId;
  }

  /**
   * Replies to a message with a card. `uuid` makes a retried reply land at most once. With `chatId`, the
   * reply also waits for the chat's 5-a-second limit.
   */
  async replyCard(messageId: string, card: object, uuid: string, chatId?: string): Promise<string> {
    const reply = () => this.call('im.message.reply', (sdk, o) =>
      sdk.im.message.reply(
        { path: { message_id: messageId }, data: { msg_type: 'interactive', content: JSON.stringify(card), uuid } },
        o,
      ),
    );
    const res = chatId ? await this.inTurn('receiver', chatId, SENDS_PER_RECEIVER, reply) : await reply();
    return requireMessageId('im.message.reply', res.data?.message_id);
  }

  /** Records the direct chat of a user (seen on an incoming p2p message or a send's answer). */
  rememberP2pChat(openId: string, chatId: string): void {
    this.p2pChats.set(openId, chatId);
    // Sends made before the chat was known were paced under the open_id: keep counting them under the
    // chat, or the same chat would get two 5-a-second budgets for one moment (230020 from the platform).
    const early = this.receiverLimiters.get(`open_id:${openId}`);
    if (early && !this.receiverLimiters.has(chatId)) this.receiverLimiters.set(chatId, early);
  }

  /** The direct chat of a user, when one was seen (see rememberP2pChat). */
  p2pChatOf(openId: string): string | undefined {
    return this.p2pChats.get(openId);
  }

  /** The 5-a-second IM limit counts per receiving chat; a user's p2p chat is the chat of a private send. */
  private receiverKey(to: Receiver): string {
    return to.type === 'chat_id' ? to.id : (this.p2pChats.get(to.id) ?? `open_id:${to.id}`);
  }

  async sendCard(to: Receiver, card: object, uuid: string): Promise<string> {
    const res = await this.inTurn('receiver', this.receiverKey(to), SENDS_PER_RECEIVER, () => this.call('im.message.create', (sdk, o) =>
      sdk.im.message.create(
        {
          params: { receive_id_type: to.type },
          data: { receive_id: to.id, msg_type: 'interactive', content: JSON.stringify(card), uuid },
        },
        o,
      ),
    ));
    if (to.type === 'open_id' && res.data?.chat_id) this.rememberP2pChat(to.id, res.data.chat_id);
    return requireMessageId('im.message.create', res.data?.message_id);
  }

  /** Replaces a sent card in place, within the 5-updates-a-second limit of one message. */
  async patchCard(messageId: string, card: object): Promise<void> {
    await this.inTurn('message', messageId, PATCH_PER_MESSAGE, () => this.call('im.message.patch', (sdk, o) =>
      sdk.im.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(card) } }, o),
    ));
  }

  /**
   * One call of contact users batch (feishu-apis.md §8.1) for at most `chunkSize` open_ids: the people the
   * app may see, with their names; invalid or inaccessible ids are silently left out.
   */
  async usersByOpenId(openIds: string[]): Promise<ContactUser[]> {
    const res = await this.call('contact.user.batch', (sdk, o) =>
      sdk.contact.user.batch({ params: { user_ids: openIds, user_id_type: 'open_id' } }, o),
    );
    return (res.data?.items ?? []).map((u) => ({ openId: u.open_id, name: u.name, enName: u.en_name }));
  }

  /** Uploads a file (CSV exports) and sends it to a chat as a file message. */
  async sendFile(chatId: string, fileName: string, content: Buffer, uuid: string): Promise<string> {
    if (content.length === 0) throw new UpstreamError('im.file.create', 234010, 'empty file');
    // A bare Buffer goes out as a multipart part without a filename, which is not a file upload; a stream
    // with `path` gets `filename=` (form-data reads it). A fresh stream per attempt, so retries resend it.
    const uploaded = await this.call('im.file.create', (sdk, o) =>
      sdk.im.file.create({ data: { file_type: 'stream', file_name: fileName, file: namedStream(content, fileName) } }, o),
    );
    // The SDK resolves to `data` only here (or null): a missing key is a failure it did not report.
    const fileKey = (uploaded as { file_key?: string } | null)?.file_key;
    if (!fileKey) throw new UpstreamError('im.file.create', 'NO_FILE_KEY', 'upload returned no file_key');
    const res = await this.inTurn('receiver', chatId, SENDS_PER_RECEIVER, () => this.call('im.message.create', (sdk, o) =>
      sdk.im.message.create(
        {
          params: { receive_id_type: 'chat_id' },
          data: { receive_id: chatId, msg_type: 'file', content: JSON.stringify({ file_key: fileKey }), uuid },
        },
        o,
      ),
    ));
    return requireMessageId('im.message.create', res.data?.message_id);
  }
}

/** The SDK types want an fs.ReadStream; any readable with a `path` uploads the same way. */
const namedStream = (content: Buffer, fileName: string): ReadStream =>
  Object.assign(Readable.from([content]), { path: fileName }) as unknown as ReadStream;

function requireMessageId(api: string, id: string | undefined): string {
  if (!id) throw new UpstreamError(api, 'NO_MESSAGE_ID', 'response has no message_id');
  return id;
}
