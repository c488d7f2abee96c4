import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createBotApp } from '../../src/app.js';
import { sandboxConfig } from '../../src/config.js';
import { silentLogger } from '../../src/observe/log.js';
import { SqliteStore } from '../../src/store/sqliteStore.js';
import { buttons, FAST_RETRY, startHarness, type Harness } from '../helpers/harness.js';

const uid = (i: number) => `ou_user${String(i).padStart(26, '0')}`;
let h: Harness | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the bot under a flood of deliveries', () => {
  it('still answers a button of a card sent before 60,000 other messages were taken in (the old shared LRU held 100,000 keys)', async () => {
    h = await startHarness();
    await h.say(`/status open 出差 ${uid(1)} ${uid(2)}`);
    const card = h.sent().find((r) => 'Export CSV' in buttons(r))!;
    // The flood goes straight to the store, as the inbox takes each message in: its event id and its message id.
    const { store } = h.bot.services;
    for (let i = 0; i < 60_000; i++) {
      await store.claim('dedupe', `event:flood${i}`);
      await store.claim('dedupe', `message:om_flood${i}`);
    }
    const res = await h.click(buttons(card)['Export CSV'], { messageId: card.message_id, chatId: card.chat_id });
    expect(res.body.toast.content).toContain('2 rows');
  }, 60_000);
});

describe('the bot on a SQLite store', () => {
  it('runs a command and its buttons with every kind of state in the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opsbot-app-'));
    dirs.push(dir);
    const store = new SqliteStore({ path: join(dir, 'bot.sqlite'), sweepEveryMs: 0 });
    h = await startHarness();
    // The same emulator, a second bot on the SQLite store.
    const bot = createBotApp({ config: sandboxConfig(h.emulator.url), log: silentLogger, retry: FAST_RETRY, store });
    const { cardActionEvent, messageEvent, seal } = await import('../../src/sandbox/feishu/events.js');
    const { SANDBOX_ADMIN } = await import('../../src/sandbox/state.js');
    const config = sandboxConfig(h.emulator.url);
    const post = (body: unknown) => {
      const { raw, headers } = seal(body, config.FEISHU_ENCRYPT_KEY as string);
      return request(bot.app).post('/webhook/event').set(headers).send(raw);
    };
    const chatId = h.emulator.state.p2pChat(SANDBOX_ADMIN);
    const text = `/status open 出差 ${uid(3)}`;
    const msg = h.emulator.state.userMessage(SANDBOX_ADMIN, chatId, text);
    const event = messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: SANDBOX_ADMIN, text }, { token: config.FEISHU_VERIFICATION_TOKEN });
    await post(event);
    await bot.bot.idle();
    await post(event);
    await bot.bot.idle();
    expect(h.emulator.state.outbox.filter((r) => r.api === 'im.message.reply' && r.message_id !== undefined)).toHaveLength(1);
    const card = h.emulator.state.outbox.find((r) => 'Undo (1)' in buttons(r))!;
    const click = (label: string) => post(cardActionEvent({ operatorOpenId: SANDBOX_ADMIN, value: buttons(card)[label], messageId: card.message_id, chatId }, { token: config.FEISHU_VERIFICATION_TOKEN }));
    expect((await click('Undo (1)')).body.toast.content).toContain('1 succeeded');
    expect((await click('Undo (1)')).body.toast.content).toContain('Already done');
    // The message's event id and message id, and each click's event id.
    expect(await store.size('dedupe')).toBe(4);
    expect(await store.size('job')).toBeGreaterThanOrEqual(1);
    expect(await store.size('claim')).toBeGreaterThanOrEqual(2);
    await store.close();
  }, 30_000);
});
