import request from 'supertest';
import { createBotApp, type BotApp } from '../../src/app.js';
import { SANDBOX_APP_ID, sandboxConfig, type Config } from '../../src/config.js';
import { silentLogger, type Logger } from '../../src/observe/log.js';
import { startEmulator, type Emulator } from '../../src/sandbox/emulator.js';
import type { ClientConfig } from '../../src/sandbox/feishu/ws/admission.js';
import type { PushResult } from '../../src/sandbox/feishu/ws/server.js';
import type { Store } from '../../src/store/store.js';
import { cardActionEvent, messageEvent } from '../../src/sandbox/feishu/events.js';
import { BOT_OPEN_ID, SANDBOX_ADMIN, SANDBOX_GROUP, type Recorded } from '../../src/sandbox/state.js';
import type { TransportState } from '../../src/transport/transport.js';
import type { LongConnectionTuning } from '../../src/transport/ws/longConnection.js';
import { FAST_RETRY } from '../helpers/harness.js';
import { until } from './until.js';

export { until };

/**
 * The server's ClientConfig for tests: a ping at connect and then rarely (so that a loaded machine does
 * not trip the watchdog), reconnects every 100 ms without jitter, and a budget of 3 before the SDK gives up.
 */
export const TEST_CLIENT_CONFIG: ClientConfig = { PingInterval: 30, ReconnectCount: 3, ReconnectInterval: 0.1, ReconnectNonce: 0 };
export const TEST_TUNING: LongConnectionTuning = { pingTimeoutS: 1, handshakeTimeoutMs: 2000, restartBaseMs: 50, restartMaxMs: 200 };

export interface WsHarness {
  emulator: Emulator;
  bot: BotApp;
  config: Config;
  http: ReturnType<typeof request>;
  /** Pushes an envelope over the socket and returns the response frame. */
  push(envelope: unknown, o?: { maxFrameBytes?: number }): Promise<PushResult>;
  /** A text message from `as` (admin by default) over the socket; resolves when the bot is done with it. */
  say(text: string, o?: { as?: string; group?: boolean; messageId?: string; maxFrameBytes?: number }): Promise<{ frame: PushResult; sent: Recorded[] }>;
  /** A click on a button value over the socket. */
  click(value: unknown, o?: { as?: string; messageId?: string; chatId?: string }): Promise<PushResult>;
  waitFor(state: TransportState, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface WsHarnessOptions {
  clientConfig?: Partial<ClientConfig>;
  tuning?: Partial<LongConnectionTuning>;
  log?: Logger;
  /** Sockets are refused for this long before the bot starts (readiness while disconnected). */
  refuseFirstMs?: number;
  appSecret?: string;
  /** Wait until connected before returning (default true). */
  connect?: boolean;
  /** The store (default: a fresh in-memory one). */
  store?: Store;
}

export async function startWsHarness(o: WsHarnessOptions = {}): Promise<WsHarness> {
  const emulator = await startEmulator({
    appId: SANDBOX_APP_ID, appSecret: 'sandbox-secret', ws: { clientConfig: { ...TEST_CLIENT_CONFIG, ...o.clientConfig } },
  });
  if (o.refuseFirstMs) emulator.ws.refuseFor(o.refuseFirstMs);
  const config = sandboxConfig(emulator.url, { FEISHU_TRANSPORT: 'ws', ...(o.appSecret ? { FEISHU_APP_SECRET: o.appSecret } : {}) });
  const bot = createBotApp({ config, log: o.log ?? silentLogger, retry: FAST_RETRY, longConnection: { ...TEST_TUNING, ...o.tuning }, store: o.store });
  const meta = () => ({ token: config.FEISHU_VERIFICATION_TOKEN, appId: config.FEISHU_APP_ID });
  const push = (envelope: unknown, p: { maxFrameBytes?: number } = {}) => emulator.ws.push(envelope, p);
  const waitFor = (state: TransportState, timeoutMs = 5000) => until(() => bot.transport.status().state === state, timeoutMs, `transport ${state}`);
  const h: WsHarness = {
    emulator, bot, config, http: request(bot.app), push, waitFor,
    async say(text, s = {}) {
      const as = s.as ?? SANDBOX_ADMIN;
      const group = s.group ?? false;
      const chatId = group ? SANDBOX_GROUP : emulator.state.p2pChat(as);
      const full = group ? `@_user_1 ${text}` : text;
      const messageId = s.messageId ?? emulator.state.userMessage(as, chatId, full).message_id;
      const mentions = group ? [{ key: '@_user_1', openId: BOT_OPEN_ID, name: 'Ops Bot' }] : [];
      const before = emulator.state.outbox.length;
      const frame = await push(messageEvent({ messageId, chatId, chatType: group ? 'group' : 'p2p', senderOpenId: as, text: full, mentions }, meta()), { maxFrameBytes: s.maxFrameBytes });
      await bot.bot.idle();
      return { frame, sent: emulator.state.outbox.slice(before) };
    },
    click: (value, c = {}) => push(cardActionEvent({ operatorOpenId: c.as ?? SANDBOX_ADMIN, value, messageId: c.messageId, chatId: c.chatId }, meta())),
    async close() {
      await bot.transport.close();
      await emulator.close();
    },
  };
  bot.transport.start();
  if (o.connect ?? true) {
    await waitFor('connected');
    await emulator.ws.waitForClient();
  }
  return h;
}
