import { afterEach, describe, expect, inject, it } from 'vitest';
import { messageEvent } from '../../src/sandbox/feishu/events.js';
import { RedisStore } from '../../src/store/redisStore.js';
import { ADMIN, buttons, startHarness, type Harness } from '../helpers/harness.js';
import { startRedisServer, type RedisServer } from '../helpers/realServices.js';
import { startWsHarness, type WsHarness } from '../ws/wsHarness.js';

// The app runs in-process (the point is Redis going away and coming back, not a restart of the bot);
// Redis is a private real server, stopped and started again under it.
const redisUrl = inject('redisUrl');
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function privateRedisStore(): Promise<{ server: RedisServer; store: RedisStore }> {
  const server = await startRedisServer();
  const store = await RedisStore.open({ url: server.url, sweepEveryMs: 0 });
  cleanups.push(() => server.stop(), () => store.close());
  return { server, store };
}

async function storeBack(store: RedisStore): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await store.ping()).ok) {
    if (Date.now() > deadline) throw new Error('the store did not come back');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function helpEvent(h: Harness | WsHarness) {
  const chatId = h.emulator.state.p2pChat(ADMIN);
  const msg = h.emulator.state.userMessage(ADMIN, chatId, '/help');
  return messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: ADMIN, text: '/help' }, { token: h.config.FEISHU_VERIFICATION_TOKEN });
}

describe.skipIf(!redisUrl)('Redis lost while the bot runs', () => {
  it('webhook: answers 503 (so Feishu delivers again), health and readiness say so, and the re-delivery is answered once Redis is back', async () => {
    const { server, store } = await privateRedisStore();
    const h = await startHarness({ store });
    cleanups.push(() => h.close());
    expect((await h.say('/help')).length).toBe(1);

    await server.stop();
    const event = helpEvent(h);
    const started = Date.now();
    const refused = await h.post(event);
    expect(refused.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await h.http.get('/healthz')).body.store).toMatchObject({ backend: 'redis', ok: false });
    const ready = await h.http.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.store.ok).toBe(false);
    await h.idle();
    h.mark();

    await server.restart();
    await storeBack(store);
    expect((await h.post(event)).status).toBe(200);
    await h.idle();
    expect(h.sent().filter((r) => r.api === 'im.message.reply')).toHaveLength(1);
    expect((await h.http.get('/readyz')).status).toBe(200);
    expect((await h.http.get('/healthz')).body.store).toMatchObject({ backend: 'redis', ok: true });
    expect(await h.bot.metrics.text()).toMatch(/opsbot_webhook_requests_total\{outcome="unavailable"\} 1/);
  }, 30_000);

  it('a click while Redis is away: 503 and nothing done (the card is left as it is); once Redis is back the click is answered', async () => {
    const { server, store } = await privateRedisStore();
    const h = await startHarness({ store });
    cleanups.push(() => h.close());
    const people = ['ou_lost0000000000000000000000001', 'ou_lost0000000000000000000000002'];
    for (const id of people) h.emulator.state.users.set(id, { open_id: id, name: id.slice(-4), en_name: id, tenant: 'home' });
    await h.say(`/status open 出差 ${people.join(' ')}`);
    const card = [...h.emulator.state.cards()].reverse().find((r) => 'Undo (2)' in buttons(r))!;
    const where = { messageId: card.message_id, chatId: card.chat_id };
    await server.stop();
    h.mark();
    const refused = await h.click(buttons(card)['Undo (2)'], where);
    expect(refused.status).toBe(503);
    await h.idle();
    expect(h.sent()).toEqual([]);
    expect(h.emulator.state.calls.get('personal_settings.system_status.batch_close') ?? 0).toBe(0);
    await server.restart();
    await storeBack(store);
    // This private Redis kept nothing across its restart: the job is gone, and the button says so.
    const after = await h.click(buttons(card)['Undo (2)'], where);
    expect(after.status).toBe(200);
    expect(after.body.toast.content).toBeTruthy();
  }, 30_000);

  it('long connection: does not acknowledge the event while Redis is away, and takes the push again once it is back', async () => {
    const { server, store } = await privateRedisStore();
    const h = await startWsHarness({ store });
    cleanups.push(() => h.close());
    await server.stop();
    const event = helpEvent(h);
    const before = h.emulator.state.outbox.length;
    const refused = await h.push(event);
    expect(refused.code).not.toBe(200);
    expect((await h.http.get('/healthz')).body.transport.deliveries).toMatchObject({ unavailable: 1 });

    await server.restart();
    await storeBack(store);
    expect((await h.push(event)).code).toBe(200);
    await h.bot.bot.idle();
    expect(h.emulator.state.outbox.slice(before).filter((r) => r.api === 'im.message.reply')).toHaveLength(1);
  }, 30_000);
});
