import request from 'supertest';
import { createBotApp, type BotApp } from '../../src/app.js';
import { SANDBOX_APP_ID, sandboxConfig, type Config } from '../../src/config.js';
import { silentLogger, type Logger } from '../../src/observe/log.js';
import type { Feature } from '../../src/framework/feature.js';
import type { Store } from '../../src/store/store.js';
import { startEmulator, type Emulator } from '../../src/sandbox/emulator.js';
import { botAddedEvent, cardActionEvent, menuEvent, messageEvent, p2pEnteredEvent, seal } from '../../src/sandbox/feishu/events.js';
import { BOT_OPEN_ID, SANDBOX_ADMIN, SANDBOX_GROUP, SANDBOX_MEMBER, type Recorded } from '../../src/sandbox/state.js';
import type { RetryPolicy } from '../../src/upstream/callUpstream.js';
import type { Clock } from '../../src/upstream/rateLimiter.js';
import { renderCardText } from '../../src/cards-kit/render.js';
import { cardProblem } from '../../src/sandbox/feishu/im/cardRules.js';
import { isNoticeCard, repeatedAdvice } from './repeatedAdvice.js';
import { languageProblems } from './oneLanguage.js';

export { BOT_OPEN_ID, SANDBOX_ADMIN as ADMIN, SANDBOX_GROUP as GROUP, SANDBOX_MEMBER as MEMBER };

/** Fast retries for tests: the behaviour is the same, the waits are short. */
export const FAST_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 5, maxDelayMs: 50 };

export interface Harness {
  emulator: Emulator;
  bot: BotApp;
  config: Config;
  http: ReturnType<typeof request>;
  /** Sends a text message from `as` (admin by default) and waits until the bot has finished with it. */
  say(text: string, opts?: { as?: string; group?: boolean; mentions?: Array<{ key: string; openId: string; name: string }> }): Promise<Recorded[]>;
  /** Posts a signed, encrypted event body; returns the HTTP response. */
  post(body: unknown): Promise<request.Response>;
  /**
   * Clicks a button value as `as` on the card message `messageId`; returns the callback's JSON answer. The
   * callback names the chat of that message, as Feishu's does, unless `chatId` says otherwise.
   */
  click(value: unknown, opts?: { as?: string; messageId?: string; chatId?: string }): Promise<request.Response>;
  botAdded(chatId?: string): Promise<request.Response>;
  p2pEntered(openId: string): Promise<request.Response>;
  menu(openId: string, key: string): Promise<request.Response>;
  idle(): Promise<void>;
  /** Everything the bot sent since the harness started (or since `mark()`). */
  sent(): Recorded[];
  mark(): void;
  close(): Promise<void>;
}

export function cardText(r: Recorded | undefined, locale: 'en_us' | 'zh_cn' = 'en_us'): string {
  if (!r?.card) throw new Error('no card recorded');
  return renderCardText(r.card, locale);
}

/** Every button value on a card, by its English label. */
export function buttons(r: Recorded | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (els: unknown): void => {
    if (!Array.isArray(els)) return;
    for (const e of els as Array<Record<string, unknown>>) {
      if (e.tag === 'button') {
        const label = ((e.text as { i18n_content?: { en_us?: string }; content?: string })?.i18n_content?.en_us ?? (e.text as { content?: string })?.content) as string;
        out[label] = (e.behaviors as Array<{ value: unknown }>)[0]?.value;
      }
      walk(e.elements);
      if (e.tag === 'column_set') for (const c of e.columns as Array<{ elements: unknown }>) walk(c.elements);
    }
  };
  walk((r?.card as { body?: { elements?: unknown } })?.body?.elements);
  return out;
}

/** Every error or warning card a test makes the bot send is held to this: no advice said twice on one card. */
function noAdviceTwice(card: unknown, cause: string): void {
  if (card === undefined || !isNoticeCard(card)) return;
  const twice = repeatedAdvice(card);
  if (twice) throw new Error(`a card answering ${cause} says ${twice} twice:\n${renderCardText(card)}`);
}

/** Every card a test makes the bot send or answer is held to this: each reader sees one language only. */
function oneLanguage(card: unknown, cause: string): void {
  if (card === undefined) return;
  const problems = languageProblems(card);
  if (problems.length > 0) throw new Error(`a card answering ${cause} mixes languages:\n${problems.join('\n')}`);
}

export interface HarnessOptions {
  overrides?: Partial<Config>;
  latencyMs?: number;
  retry?: RetryPolicy;
  /** Feishu's per-request timeout (default 10 s). */
  feishuTimeoutMs?: number;
  now?: () => number;
  /** The bot's clock (and the emulator's time), e.g. virtual time whose sleeps take none; instead of `now`. */
  clock?: Clock;
  /** Test-only features instead of the real ones (/help and the welcome card are always there). */
  features?: Feature[];
  log?: Logger;
  /** The bot's store (default: a fresh in-memory one on the harness's clock). */
  store?: Store;
  /** Another harness's emulator, to run a second instance against the same platform (left open by close()). */
  emulator?: Emulator;
}

export async function startHarness(given: HarnessOptions = {}): Promise<Harness> {
  const opts = given.clock ? { ...given, now: given.clock.now } : given;
  const emulator = opts.emulator ?? (await startEmulator({ appId: SANDBOX_APP_ID, appSecret: 'sandbox-secret', latencyMs: opts.latencyMs, now: opts.now }));
  const config = sandboxConfig(emulator.url, opts.overrides);
  const clock = opts.clock ?? (opts.now ? { now: opts.now, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) } : undefined);
  const bot = createBotApp({ config, log: opts.log ?? silentLogger, retry: opts.retry ?? FAST_RETRY, feishuTimeoutMs: opts.feishuTimeoutMs, clock, features: opts.features, store: opts.store });
  const http = request(bot.app);
  let markAt = 0;
  const key = config.FEISHU_ENCRYPT_KEY as string;
  const o = () => ({ token: config.FEISHU_VERIFICATION_TOKEN, now: opts.now?.() });
  const post = (body: unknown) => {
    const { raw, headers } = seal(body, key, opts.now?.());
    return http.post('/webhook/event').set(headers).send(raw);
  };
  const h: Harness = {
    emulator, bot, config, http, post,
    async say(text, s = {}) {
      const as = s.as ?? SANDBOX_ADMIN;
      const group = s.group ?? false;
      const chatId = group ? SANDBOX_GROUP : emulator.state.p2pChat(as);
      const full = group ? `@_user_1 ${text}` : text;
      const msg = emulator.state.userMessage(as, chatId, full);
      const mentions = [...(group ? [{ key: '@_user_1', openId: BOT_OPEN_ID, name: 'Ops Bot' }] : []), ...(s.mentions ?? [])];
      const before = emulator.state.outbox.length;
      const res = await post(messageEvent({ messageId: msg.message_id, chatId, chatType: group ? 'group' : 'p2p', senderOpenId: as, text: full, mentions }, o()));
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${JSON.stringify(res.body)}`);
      await bot.bot.idle();
      const sent = emulator.state.outbox.slice(before);
      for (const r of sent) {
        noAdviceTwice(r.card, text);
        oneLanguage(r.card, text);
      }
      return sent;
    },
    async click(value, c = {}) {
      const chatId = c.chatId ?? (c.messageId ? emulator.state.messages.get(c.messageId)?.chat_id : undefined);
      const res = await post(cardActionEvent({ operatorOpenId: c.as ?? SANDBOX_ADMIN, value, messageId: c.messageId, chatId }, o()));
      // A card answered to a callback never passes the emulator; hold it to the same rules here.
      const answered = (res.body as { card?: { data?: unknown } } | undefined)?.card?.data;
      const problem = answered === undefined ? undefined : cardProblem(JSON.stringify(answered));
      if (problem) throw new Error(`the callback answered an invalid card: ${problem.code} ${problem.msg}`);
      noAdviceTwice(answered, 'a click');
      oneLanguage(answered, 'a click');
      return res;
    },
    botAdded: (chatId = SANDBOX_GROUP) => post(botAddedEvent(chatId, SANDBOX_ADMIN, o())),
    p2pEntered: (openId) => post(p2pEnteredEvent(emulator.state.p2pChat(openId), openId, o())),
    menu: (openId, k) => post(menuEvent(openId, k, o())),
    idle: () => bot.bot.idle(),
    sent: () => emulator.state.outbox.slice(markAt),
    mark() {
      markAt = emulator.state.outbox.length;
    },
    async close() {
      // Cards sent or patched later (jobs, progress) are checked here: every card the test produced.
      const problems = emulator.state.outbox.flatMap((r) => (r.card === undefined ? [] : languageProblems(r.card)));
      await bot.services.queue.close();
      if (!opts.emulator) await emulator.close();
      if (problems.length > 0) throw new Error(`cards sent during the test mix languages:\n${problems.slice(0, 20).join('\n')}`);
    },
  };
  return h;
}
