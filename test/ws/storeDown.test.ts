import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent } from '../../src/sandbox/feishu/events.js';
import { MemoryStore } from '../../src/store/memoryStore.js';
import type { ClaimedAndSet, EntryOf, Kind, KeyOf } from '../../src/store/store.js';
import { ADMIN } from '../helpers/harness.js';
import { startWsHarness, type WsHarness } from './wsHarness.js';

/** A store that cannot write the inbox's records while `failing` is set (a full disk). */
class FullDisk extends MemoryStore {
  failing = true;
  override async set<T>(kind: Kind, key: string, value: T, ttlMs?: number): Promise<void> {
    if (this.failing && kind === 'inbox') throw new Error('SQLITE_FULL: database or disk is full');
    return super.set(kind, key, value, ttlMs);
  }
  override async claimAndSet<T>(claims: readonly KeyOf[], entry: EntryOf<T>): Promise<ClaimedAndSet> {
    if (this.failing && entry.kind === 'inbox') throw new Error('SQLITE_FULL: database or disk is full');
    return super.claimAndSet(claims, entry);
  }
}

const store = new FullDisk();
let h: WsHarness;
beforeAll(async () => {
  h = await startWsHarness({ store });
});
afterAll(() => h.close());

describe('the long connection with a store that does not take the record', () => {
  it('does not ack the event (code 500: pushed again), and runs it once when it is pushed again after the store is back', async () => {
    const chatId = h.emulator.state.p2pChat(ADMIN);
    const msg = h.emulator.state.userMessage(ADMIN, chatId, '/help');
    const event = messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: ADMIN, text: '/help' }, { token: h.config.FEISHU_VERIFICATION_TOKEN });
    const before = h.emulator.state.outbox.length;
    expect((await h.push(event)).code).toBe(500);
    await h.bot.bot.idle();
    expect(h.emulator.state.outbox.slice(before)).toHaveLength(0);
    expect((await h.http.get('/healthz')).body.transport.deliveries).toMatchObject({ unavailable: 1, failed: 0 });
    store.failing = false;
    expect((await h.push(event)).code).toBe(200);
    await h.bot.bot.idle();
    expect(h.emulator.state.outbox.slice(before).map((r) => r.api)).toEqual(['im.message.reply']);
  });
});
