import { describe, expect, it } from 'vitest';
import { InboxJournal, MAX_REPLAYS, StoreUnavailable, type InboxRecord } from '../../src/inbox/journal.js';
import { silentLogger } from '../../src/observe/log.js';
import { MemoryStore } from '../../src/store/memoryStore.js';

const envelope = (id: string, chat: string) => ({
  schema: '2.0', header: { event_id: id, event_type: 'im.message.receive_v1', token: 'the-verification-token' },
  event: { message: { message_id: `om_${id}`, chat_id: chat } },
});

function setup(bounds?: { inbox: number }) {
  let now = 1_700_000_000_000;
  const store = new MemoryStore({ now: () => now, bounds });
  const journal = (o: { pid: number; running?: number[]; host?: string }) => new InboxJournal({
    store, log: silentLogger, now: () => now, random: Math.random, host: o.host ?? 'here', pid: o.pid, isRunning: (pid) => (o.running ?? []).includes(pid),
  });
  return { store, journal, tick: (ms: number) => (now += ms) };
}

describe('the inbox journal', () => {
  it('records without the verification token, under keys that sort by the time of taking in', async () => {
    const { store, journal, tick } = setup();
    const j = journal({ pid: 10 });
    const keys = [];
    for (const id of ['b', 'a', 'c']) {
      keys.push((await j.record(envelope(id, 'oc_1'))).key);
      tick(1);
    }
    const listed = await store.listOldest<InboxRecord>('inbox', 10);
    expect(listed.map((e) => e.key)).toEqual(keys);
    expect(JSON.stringify(listed)).not.toContain('the-verification-token');
    await j.done(keys[1]!);
    expect(await store.size('inbox')).toBe(2);
    await j.stop();
  });

  it('takes the dedupe keys with the record, in one step: a delivery finding one taken records nothing and takes nothing', async () => {
    const { store, journal } = setup();
    const j = journal({ pid: 10 });
    const first = await j.record(envelope('e1', 'oc_1'), ['event:e1', 'message:om_m']);
    expect(first.duplicate).toBeUndefined();
    // The same message again under another event id.
    expect(await j.record(envelope('e2', 'oc_1'), ['event:e2', 'message:om_m'])).toEqual({ duplicate: 'message:om_m' });
    expect(await j.record(envelope('e1', 'oc_1'), ['event:e1', 'message:om_other'])).toEqual({ duplicate: 'event:e1' });
    expect((await store.listOldest('inbox', 10)).map((e) => e.key)).toEqual([first.key]);
    expect(await store.claim('dedupe', 'event:e2')).toBe(true);
    expect(await store.claim('dedupe', 'message:om_other')).toBe(true);
    await j.stop();
  });

  it('takes no dedupe key when the store refuses the record (a full inbox): the event can be delivered again', async () => {
    const { store, journal } = setup({ inbox: 1 });
    const j = journal({ pid: 10 });
    const first = await j.record(envelope('e1', 'oc_1'), ['event:e1']);
    await expect(j.record(envelope('e2', 'oc_1'), ['event:e2', 'message:om_e2'])).rejects.toBeInstanceOf(StoreUnavailable);
    expect(await store.size('dedupe')).toBe(1);
    await j.done(first.key!);
    expect((await j.record(envelope('e2', 'oc_1'), ['event:e2', 'message:om_e2'])).key).toBeDefined();
    await j.stop();
  });

  it('leaves the events of a process that still runs, and takes over those of one that does not (or holds its pid)', async () => {
    const { journal } = setup();
    const running = journal({ pid: 20 });
    await running.record(envelope('r', 'oc_r'));
    const gone = journal({ pid: 21 });
    await gone.record(envelope('g', 'oc_g'));
    const samePid = journal({ pid: 30 });
    await samePid.record(envelope('s', 'oc_s'));
    const next = journal({ pid: 30, running: [20, 30] });
    const { taken, waiting } = await next.orphans();
    expect(taken.map((o) => (o.envelope.header as { event_id: string }).event_id).sort()).toEqual(['g', 's']);
    expect(waiting).toBe(1);
    // Taken over: a third start finds them owned by a process that runs.
    expect((await journal({ pid: 40, running: [20, 30] }).orphans()).taken).toEqual([]);
    for (const j of [running, gone, samePid, next]) await j.stop();
  });

  it(`drops an event whose work took down every process that ran it, after ${MAX_REPLAYS} replays`, async () => {
    const { store, journal } = setup();
    await journal({ pid: 50 }).record(envelope('poison', 'oc_p'));
    const replays = [];
    for (let i = 0; i <= MAX_REPLAYS; i++) replays.push((await journal({ pid: 60 + i }).orphans()).taken.length);
    expect(replays).toEqual([...Array.from({ length: MAX_REPLAYS }, () => 1), 0]);
    expect(await store.size('inbox')).toBe(0);
  });
});
