import { expect, it } from 'vitest';
import { DEDUPE_TTL_MS, INBOX_TTL_MS } from '../../src/store/kinds.js';
import { StoreFullError } from '../../src/store/store.js';
import { storesOf, type Backend } from './storeContract.js';

/** Store.claimAndSet, as the inbox uses it: an event's dedupe claims and its record in one atomic step. */
export function claimAndSetContract(backend: Backend): void {
  const { open, clock } = storesOf(backend);
  const dedupe = (key: string) => ({ kind: 'dedupe' as const, key });
  const record = (key: string, value: unknown = { key }) => ({ kind: 'inbox' as const, key, value });

  it('takes every claim and writes the entry; a call finding one claim live names it and changes nothing', async () => {
    const store = await open();
    expect(await store.claimAndSet([dedupe('event:e1'), dedupe('message:m1')], record('r1', { envelope: { id: 'e1' } }))).toEqual({ done: true });
    expect(await store.get('inbox', 'r1')).toEqual({ envelope: { id: 'e1' } });
    expect(await store.claim('dedupe', 'event:e1')).toBe(false);
    expect(await store.claim('dedupe', 'message:m1')).toBe(false);
    // A re-delivery under a new event id of the same message: the message claim is held.
    expect(await store.claimAndSet([dedupe('event:e2'), dedupe('message:m1')], record('r2'))).toEqual({ done: false, held: dedupe('message:m1') });
    expect(await store.get('inbox', 'r2')).toBeUndefined();
    expect(await store.claim('dedupe', 'event:e2')).toBe(true);
    expect(await store.claimAndSet([dedupe('event:e1')], record('r3'))).toEqual({ done: false, held: dedupe('event:e1') });
    expect((await store.listOldest('inbox', 10)).map((e) => e.key)).toEqual(['r1']);
    expect(await store.size('dedupe')).toBe(3);
  });

  it('keeps each claim and the entry for its own TTL, the kind\'s unless given', async () => {
    const store = await open();
    expect(await store.claimAndSet([{ kind: 'dedupe', key: 'event:short', ttlMs: 1000 }, dedupe('event:long')], record('r1'))).toEqual({ done: true });
    expect(await store.claimAndSet([{ kind: 'claim', key: 'op:x', ttlMs: 10 }], { ...record('r2'), ttlMs: 500 })).toEqual({ done: true });
    clock.now += 1001;
    expect(await store.get('inbox', 'r2')).toBeUndefined();
    expect(await store.claimAndSet([dedupe('event:short'), { kind: 'claim', key: 'op:x' }], record('r3'))).toEqual({ done: true });
    expect(await store.claim('dedupe', 'event:long')).toBe(false);
    clock.now += DEDUPE_TTL_MS - 1000;
    expect(await store.claim('dedupe', 'event:long')).toBe(true);
    clock.now += INBOX_TTL_MS - DEDUPE_TTL_MS - 1;
    expect(await store.get('inbox', 'r1')).toBeUndefined();
    expect(await store.get('inbox', 'r3')).toEqual({ key: 'r3' });
    // Taking an expired claim again is a new claim, entry and all.
    expect(await store.claimAndSet([dedupe('event:short')], record('r4'))).toEqual({ done: true });
  });

  it('gives each claim to exactly one of many concurrent calls, and writes exactly that one\'s entry', async () => {
    const store = await open();
    const calls = Array.from({ length: 20 }, (_, m) => Array.from({ length: 15 }, (_, d) => ({ m, d })));
    const results = await Promise.all(calls.flat().map(({ m, d }) =>
      store.claimAndSet([dedupe(`event:${m}-${d}`), dedupe(`message:${m}`)], record(`r:${m}:${d}`)).then((r) => ({ m, d, done: r.done }))));
    const records = (await store.listOldest('inbox', 1000)).map((e) => e.key);
    expect(records).toHaveLength(20);
    for (let m = 0; m < 20; m++) {
      const winners = results.filter((r) => r.m === m && r.done);
      expect(winners).toHaveLength(1);
      expect(records).toContain(`r:${m}:${winners[0]!.d}`);
    }
    // The losers took no event claim either.
    const losers = results.filter((r) => !r.done);
    for (const { m, d } of losers.slice(0, 30)) expect(await store.claim('dedupe', `event:${m}-${d}`)).toBe(true);
  });

  it('refuses as a whole when a refuse kind has no room: no claim is taken and no entry written', async () => {
    const store = await open({ inbox: 2, dedupe: 2 });
    await store.set('inbox', 'r0', 0);
    await store.set('inbox', 'r1', 1);
    await expect(store.claimAndSet([dedupe('event:a')], record('r2'))).rejects.toBeInstanceOf(StoreFullError);
    expect(await store.size('dedupe')).toBe(0);
    // An entry written again needs no room.
    expect(await store.claimAndSet([dedupe('event:a')], record('r1', 'again'))).toEqual({ done: true });
    expect(await store.get('inbox', 'r1')).toBe('again');
    await store.delete('inbox', 'r0');
    // Two new claims, room for one: neither is taken.
    await expect(store.claimAndSet([dedupe('event:b'), dedupe('message:b')], record('r2'))).rejects.toBeInstanceOf(StoreFullError);
    await expect(store.claimAndSet([dedupe('event:b'), dedupe('message:b')], record('r2'))).rejects.toMatchObject({ kind: 'dedupe' });
    expect(await store.get('inbox', 'r2')).toBeUndefined();
    expect(await store.size('dedupe')).toBe(1);
    expect(await store.claimAndSet([dedupe('event:b')], record('r2'))).toEqual({ done: true });
    expect(await store.size('inbox')).toBe(2);
    // Expired entries make room.
    clock.now += INBOX_TTL_MS + 1;
    expect(await store.claimAndSet([dedupe('event:c')], record('r3'))).toEqual({ done: true });
  });

  it('drops the oldest entry of a full dropOldest kind, as set does', async () => {
    const store = await open({ session: 2 });
    for (const key of ['s0', 's1']) {
      await store.set('session', key, key);
      clock.now += 1;
    }
    expect(await store.claimAndSet([{ kind: 'claim', key: 'op:s2' }], { kind: 'session', key: 's2', value: 's2' })).toEqual({ done: true });
    expect(await store.get('session', 's0')).toBeUndefined();
    expect(await store.get('session', 's1')).toBe('s1');
    expect(await store.get('session', 's2')).toBe('s2');
    expect(await store.size('session')).toBe(2);
  });

  it('stores a copy of the entry, and writes with no claims at all', async () => {
    const store = await open();
    const value = { list: [1] };
    expect(await store.claimAndSet([], { kind: 'job', key: 'job:j', value })).toEqual({ done: true });
    value.list.push(2);
    expect(await store.get('job', 'job:j')).toEqual({ list: [1] });
  });
}
