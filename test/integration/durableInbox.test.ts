import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBotApp, type BotApp } from '../../src/app.js';
import { InboxJournal, LEASE_MS, type InboxRecord } from '../../src/inbox/journal.js';
import { silentLogger } from '../../src/observe/log.js';
import { messageEvent } from '../../src/sandbox/feishu/events.js';
import { MemoryStore } from '../../src/store/memoryStore.js';
import { SqliteStore } from '../../src/store/sqliteStore.js';
import type { ClaimedAndSet, EntryOf, Kind, KeyOf, Store } from '../../src/store/store.js';
import { ADMIN, FAST_RETRY, MEMBER, startHarness, type Harness } from '../helpers/harness.js';

const opened: Array<{ close(): Promise<void> }> = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function harness(store?: Store, latencyMs?: number): Promise<Harness> {
  const h = await startHarness({ store, latencyMs });
  opened.push({ close: async () => { await h.bot.bot.stop(); await h.close(); } });
  return h;
}

const sqliteFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsbot-inbox-'));
  dirs.push(dir);
  return join(dir, 'bot.sqlite');
};

const sqlite = (path: string, now?: () => number) => {
  const s = new SqliteStore({ path, now, sweepEveryMs: 0 });
  opened.push(s);
  return s;
};

/** A memory store whose writes of one kind fail while `failing` is set (a full disk, a busy database). */
class FailingStore extends MemoryStore {
  failing = true;
  constructor(private readonly kind: Kind, private readonly op: 'set' | 'claim') {
    super();
  }
  override async set<T>(kind: Kind, key: string, value: T, ttlMs?: number): Promise<void> {
    if (this.failing && this.op === 'set' && kind === this.kind) throw new Error('SQLITE_FULL: database or disk is full');
    return super.set(kind, key, value, ttlMs);
  }
  override async claim(kind: Kind, key: string, ttlMs?: number): Promise<boolean> {
    if (this.failing && this.op === 'claim' && kind === this.kind) throw new Error('SQLITE_BUSY: database is locked');
    return super.claim(kind, key, ttlMs);
  }
  /** Fails as a whole when one of its writes would: its claims (op `claim`) or its entry (op `set`). */
  override async claimAndSet<T>(claims: readonly KeyOf[], entry: EntryOf<T>): Promise<ClaimedAndSet> {
    const writes = this.op === 'set' ? [entry] : claims;
    if (this.failing && writes.some((w) => w.kind === this.kind)) throw new Error(this.op === 'set' ? 'SQLITE_FULL: database or disk is full' : 'SQLITE_BUSY: database is locked');
    return super.claimAndSet(claims, entry);
  }
}

/** A /help message from `as`, made in the emulator (so it can be replied to), as its event body. */
function helpMessage(h: Harness, as = ADMIN, text = '/help') {
  const chatId = h.emulator.state.p2pChat(as);
  const msg = h.emulator.state.userMessage(as, chatId, text);
  const body = messageEvent({ messageId: msg.message_id, chatId, chatType: 'p2p', senderOpenId: as, text }, { token: h.config.FEISHU_VERIFICATION_TOKEN });
  return { body, messageId: msg.message_id, chatId };
}

/** The messages the bot replied to, one entry per reply, in the order the replies arrived. */
const repliedTo = (h: Harness) => h.emulator.state.outbox
  .filter((r) => r.api === 'im.message.reply')
  .map((r) => h.emulator.state.messages.get(r.message_id!)?.parent_id);

/** Reply calls that reached the emulator's handler (a repeated uuid counts: it is a second run). */
const replyCalls = (h: Harness) => (h.emulator.state.calls.get('im.message.reply') ?? 0) - (h.emulator.state.rateLimited.get('im.message.reply') ?? 0);

describe('the durable inbox', () => {
  it('records the decrypted event (without its token) before answering, and drops the record when the work is done', async () => {
    const h = await harness(undefined, 50);
    const m = helpMessage(h);
    expect((await h.post(m.body)).status).toBe(200);
    const records = await h.bot.services.store.listOldest<InboxRecord>('inbox', 10);
    expect(records).toHaveLength(1);
    const { envelope } = records[0]!.value;
    expect((envelope.event as { message: { message_id: string } }).message.message_id).toBe(m.messageId);
    expect(envelope.encrypt).toBeUndefined();
    expect(JSON.stringify(envelope)).not.toContain(h.config.FEISHU_VERIFICATION_TOKEN);
    await h.idle();
    await eventuallyEmpty(h.bot.services.store);
    expect(repliedTo(h)).toEqual([m.messageId]);
  });

  it('writes the done marks of events finished together in one store step, a hand-off to a job at once', async () => {
    const store = new MemoryStore();
    const steps: string[] = [];
    const deleteMany = store.deleteMany.bind(store);
    store.deleteMany = async (kind, keys) => {
      steps.push(`deleteMany ${kind} ${keys.length}`);
      return deleteMany(kind, keys);
    };
    const del = store.delete.bind(store);
    store.delete = async (kind, key) => {
      if (kind === 'inbox') steps.push(`delete ${kind}`);
      return del(kind, key);
    };
    const journal = new InboxJournal({ store, log: silentLogger, now: Date.now, random: Math.random });
    opened.push({ close: () => journal.stop() });
    const keys = await Promise.all([1, 2, 3].map(async (i) => {
      const { key } = await journal.record({ header: { event_id: `ev${i}` } });
      if (!key) throw new Error('not recorded');
      return key;
    }));
    await Promise.all(keys.map((k) => journal.done(k)));
    expect(steps).toEqual(['deleteMany inbox 3']);
    expect(await store.size('inbox')).toBe(0);
    const { key: more } = await journal.record({ header: { event_id: 'ev4' } });
    if (!more) throw new Error('not recorded');
    await journal.doneNow(more);
    expect(steps).toEqual(['deleteMany inbox 3', 'delete inbox']);
    expect(await store.size('inbox')).toBe(0);
  });

  it.each([['set', 'inbox'], ['claim', 'dedupe']] as const)('answers 503 when the store fails to %s (%s), and a later re-delivery runs the event once', async (op, kind) => {
    const store = new FailingStore(kind, op);
    const h = await harness(store);
    const m = helpMessage(h);
    const refused = await h.post(m.body);
    expect(refused.status).toBe(503);
    await h.idle();
    expect(repliedTo(h)).toEqual([]);
    // A bad request is still a bad request while the store is down: never a 5xx.
    expect((await h.post({ schema: '1.0', token: h.config.FEISHU_VERIFICATION_TOKEN })).status).toBe(400);
    store.failing = false;
    expect((await h.post(m.body)).status).toBe(200);
    expect((await h.post(m.body)).status).toBe(200);
    await h.idle();
    expect(repliedTo(h)).toEqual([m.messageId]);
    expect(await store.size('inbox')).toBe(0);
  });

  it('on SQLite, takes one message delivered at once under several event ids (and each of them twice) once', async () => {
    const store = sqlite(sqliteFile());
    const h = await harness(store, 50);
    const m = helpMessage(h);
    const ids = ['evt-x1', 'evt-x2', 'evt-x3'].flatMap((id) => [id, id]);
    const answers = await Promise.all(ids.map((id) => h.post({ ...m.body, header: { ...m.body.header, event_id: id } })));
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200));
    await h.idle();
    await eventuallyEmpty(store);
    expect(repliedTo(h)).toEqual([m.messageId]);
    // Only the winner's event id was taken: the others were duplicates of the message, which took nothing.
    const taken = await Promise.all(['evt-x1', 'evt-x2', 'evt-x3'].map((id) => store.claim('dedupe', `event:${id}`)));
    expect(taken.filter((t) => !t)).toHaveLength(1);
  });

  it('replays what a process that is gone left unfinished: oldest first per chat, each once though two bots start on one SQLite file', async () => {
    const path = sqliteFile();
    const h = await harness(sqlite(path));
    // Recorded by a process that then died (its pid runs no more), before any work was done.
    const dead = new InboxJournal({ store: sqlite(path), log: silentLogger, now: Date.now, random: Math.random, pid: 4_194_304 + 7 });
    opened.push({ close: () => dead.stop() });
    const order: Record<string, string[]> = { [ADMIN]: [], [MEMBER]: [] };
    for (let i = 0; i < 7; i++) {
      const as = i % 3 === 2 ? MEMBER : ADMIN;
      const m = helpMessage(h, as, i % 2 ? '/help' : '/help status');
      order[as]!.push(m.messageId);
      await dead.record(m.body);
    }
    const second: BotApp = createBotApp({ config: h.config, log: silentLogger, retry: FAST_RETRY, store: sqlite(path) });
    opened.push({ close: () => second.bot.stop() });
    const replayed = await Promise.all([h.bot.bot.recover(), second.bot.recover()]);
    expect(replayed[0] + replayed[1]).toBe(7);
    await Promise.all([h.idle(), second.bot.idle()]);
    expect(replyCalls(h)).toBe(7);
    const replies = repliedTo(h);
    for (const as of [ADMIN, MEMBER]) expect(replies.filter((p) => order[as]!.includes(p!))).toEqual(order[as]);
    await eventuallyEmpty(h.bot.services.store);
    // A later start finds nothing left.
    expect(await h.bot.bot.recover()).toBe(0);
  });

  it("leaves the events of a process on another host alone while its lease lives, and replays them once it has run out", async () => {
    let now = Date.now();
    const store = new MemoryStore({ now: () => now });
    const h = await harness(store);
    const other = new InboxJournal({ store, log: silentLogger, now: () => now, random: Math.random, host: 'another-host' });
    opened.push({ close: () => other.stop() });
    const m = helpMessage(h);
    await other.record(m.body);
    expect(await h.bot.bot.recover()).toBe(0);
    await h.idle();
    expect(repliedTo(h)).toEqual([]);
    now += LEASE_MS + 1;
    expect(await h.bot.bot.recover()).toBe(1);
    await h.idle();
    expect(repliedTo(h)).toEqual([m.messageId]);
  });
});

async function eventuallyEmpty(store: Store): Promise<void> {
  for (let i = 0; i < 100 && (await store.size('inbox')) > 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(await store.size('inbox')).toBe(0);
}
