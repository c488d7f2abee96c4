import { afterEach, describe, expect, it } from 'vitest';
import { DAY, DEDUPE_TTL_MS, HOUR, JOB_TTL_MS, type Kind } from '../../src/store/kinds.js';
import { StoreFullError, type Store } from '../../src/store/store.js';
import { claimAndSetContract } from './claimAndSetContract.js';

/**
 * One contract, run against every implementation (memory and SQLite in contract.test.ts, Redis in
 * test/redis/). Only the clock is mocked.
 */
export interface Backend {
  name: string;
  open(opts: { now: () => number; bounds?: Partial<Record<Kind, number>> }): Store | Promise<Store>;
}

const START = 1_700_000_000_000;

export function storeContract(backend: Backend): void {
  describe(`the ${backend.name} store`, () => contractOf(backend));
  describe(`the ${backend.name} store's claimAndSet`, () => claimAndSetContract(backend));
}

/**
 * For one suite: `open()` a store of `backend` on a test clock (reset by each open; move it with
 * `clock.now += ms`), every store opened closed after each test.
 */
export function storesOf(backend: Backend): { open(bounds?: Partial<Record<Kind, number>>): Promise<Store>; clock: { now: number } } {
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  const clock = { now: START };
  return {
    clock,
    async open(bounds) {
      clock.now = START;
      const store = await backend.open({ now: () => clock.now, bounds });
      opened.push(store);
      return store;
    },
  };
}

function contractOf(backend: Backend): void {
  const { open, clock } = storesOf(backend);

  it('lets the first claimer win until the claim expires; a kind is its own namespace', async () => {
    const store = await open();
    expect(await store.claim('dedupe', 'event:1', 1000)).toBe(true);
    expect(await store.claim('dedupe', 'event:1', 1000)).toBe(false);
    expect(await store.claim('claim', 'event:1', 1000)).toBe(true);
    clock.now += 999;
    expect(await store.claim('dedupe', 'event:1', 1000)).toBe(false);
    clock.now += 2;
    expect(await store.claim('dedupe', 'event:1', 1000)).toBe(true);
  });

  it('gives exactly one win to many concurrent claims of the same key', async () => {
    const store = await open();
    const keys = Array.from({ length: 20 }, (_, i) => `message:${i}`);
    const results = await Promise.all(keys.flatMap((k) => Array.from({ length: 25 }, () => store.claim('dedupe', k).then((won) => ({ k, won })))));
    for (const k of keys) expect(results.filter((r) => r.k === k && r.won)).toHaveLength(1);
  });

  it('releases a claim on request, and keeps values with their TTL', async () => {
    const store = await open();
    await store.claim('claim', 'op:j1:retry');
    await store.release('claim', 'op:j1:retry');
    expect(await store.claim('claim', 'op:j1:retry')).toBe(true);
    await store.set('job', 'job:j1', { id: 'j1', results: [1, 2] }, 500);
    expect(await store.get('job', 'job:j1')).toEqual({ id: 'j1', results: [1, 2] });
    expect(await store.get('session', 'job:j1')).toBeUndefined();
    clock.now += 600;
    expect(await store.get('job', 'job:j1')).toBeUndefined();
    await store.set('session', 's1', { tokens: [null] });
    await store.delete('session', 's1');
    expect(await store.get('session', 's1')).toBeUndefined();
  });

  it("expires each kind on its own default TTL", async () => {
    const store = await open();
    await store.claim('dedupe', 'event:e');
    await store.claim('welcome', 'welcome:p2p:ou_1');
    await store.set('job', 'job:j', { id: 'j' });
    await store.set('session', 'acs:list:l', { id: 'l' });
    clock.now += DEDUPE_TTL_MS + 1;
    expect(await store.claim('dedupe', 'event:e')).toBe(true);
    expect(await store.claim('welcome', 'welcome:p2p:ou_1')).toBe(false);
    clock.now += DAY - DEDUPE_TTL_MS;
    expect(await store.claim('welcome', 'welcome:p2p:ou_1')).toBe(true);
    clock.now += JOB_TTL_MS - DAY - 2 * HOUR;
    expect(await store.get('job', 'job:j')).toEqual({ id: 'j' });
    clock.now += 2 * HOUR;
    expect(await store.get('job', 'job:j')).toBeUndefined();
    expect(await store.get('session', 'acs:list:l')).toBeUndefined();
  });

  it('deletes several entries of one kind in one step, and only those', async () => {
    const store = await open();
    for (const k of ['a', 'b', 'c']) await store.set('inbox', k, { k });
    await store.set('job', 'a', { k: 'a' });
    await store.deleteMany('inbox', ['a', 'c', 'missing']);
    await store.deleteMany('inbox', []);
    expect(await store.get('inbox', 'a')).toBeUndefined();
    expect(await store.get('inbox', 'b')).toEqual({ k: 'b' });
    expect(await store.get('inbox', 'c')).toBeUndefined();
    expect(await store.get('job', 'a')).toEqual({ k: 'a' });
    expect(await store.size('inbox')).toBe(1);
  });

  it('stores a copy: changing an object after saving it changes nothing stored', async () => {
    const store = await open();
    const job = { id: 'j', results: [] as number[] };
    await store.set('job', 'job:j', job);
    job.results.push(1);
    expect(await store.get('job', 'job:j')).toEqual({ id: 'j', results: [] });
  });

  it('never lets one kind evict another: 60,000 messages (120,000 dedupe keys) later, an old job and session are still there', async () => {
    const store = await open();
    await store.set('job', 'job:old', { id: 'old' });
    await store.set('session', 'okr:ids:r1', { ids: ['o1'] });
    await store.claim('claim', 'op:old:undo');
    for (let i = 0; i < 60_000; i++) {
      await store.claim('dedupe', `event:e${i}`);
      await store.claim('dedupe', `message:om_${i}`);
    }
    await store.sweep();
    expect(await store.size('dedupe')).toBe(120_000);
    expect(await store.get('job', 'job:old')).toEqual({ id: 'old' });
    expect(await store.get('session', 'okr:ids:r1')).toEqual({ ids: ['o1'] });
    expect(await store.claim('claim', 'op:old:undo')).toBe(false);
    expect(await store.claim('dedupe', 'message:om_0')).toBe(false);
  }, 60_000);

  it('bounds each kind on its own: a full job kind drops its oldest, a full claim kind refuses rather than forget', async () => {
    const store = await open({ job: 5, claim: 5 });
    for (let i = 0; i < 8; i++) {
      await store.set('job', `job:${i}`, i);
      clock.now += 1;
    }
    for (let i = 0; i < 5; i++) expect(await store.claim('claim', `op:${i}`, 1000)).toBe(true);
    await store.sweep();
    expect(await store.size('job')).toBe(5);
    expect(await store.get('job', 'job:2')).toBeUndefined();
    expect(await store.get('job', 'job:3')).toBe(3);
    expect(await store.get('job', 'job:7')).toBe(7);
    await expect(store.claim('claim', 'op:new', 1000)).rejects.toBeInstanceOf(StoreFullError);
    expect(await store.claim('claim', 'op:0', 1000)).toBe(false);
    expect(await store.claim('dedupe', 'event:other')).toBe(true);
    clock.now += 1001;
    expect(await store.claim('claim', 'op:new', 1000)).toBe(true);
  });

  it('refuses a set of a new key in a full refuse kind at once, keeping every live entry; an existing key is overwritten', async () => {
    const store = await open({ inbox: 3 });
    for (let i = 0; i < 3; i++) await store.set('inbox', `e${i}`, { i });
    await expect(store.set('inbox', 'e3', { i: 3 })).rejects.toBeInstanceOf(StoreFullError);
    expect(await store.get('inbox', 'e3')).toBeUndefined();
    await store.set('inbox', 'e1', { i: 1, again: true });
    expect(await store.get('inbox', 'e1')).toEqual({ i: 1, again: true });
    expect((await store.listOldest('inbox', 10)).map((e) => e.key)).toEqual(['e0', 'e1', 'e2']);
    expect(await store.size('inbox')).toBe(3);
    await store.delete('inbox', 'e0');
    await store.set('inbox', 'e3', { i: 3 });
    expect(await store.get('inbox', 'e3')).toEqual({ i: 3 });
    await expect(store.claim('inbox', 'e4')).rejects.toBeInstanceOf(StoreFullError);
  });

  it('drops the oldest of a full dropOldest kind at the write, not at the next sweep; overwriting drops nothing', async () => {
    const store = await open({ job: 3 });
    for (let i = 0; i < 3; i++) {
      await store.set('job', `job:${i}`, i);
      clock.now += 1;
    }
    await store.set('job', 'job:1', 10);
    expect(await store.size('job')).toBe(3);
    expect(await store.get('job', 'job:0')).toBe(0);
    await store.set('job', 'job:3', 3);
    expect(await store.size('job')).toBe(3);
    expect(await store.get('job', 'job:0')).toBeUndefined();
    expect(await store.get('job', 'job:1')).toBe(10);
    expect(await store.get('job', 'job:3')).toBe(3);
  });

  it('lets expired entries free room at the bound, for sets and claims alike', async () => {
    const store = await open({ active: 2, chunk: 2 });
    await store.set('active', 'st_a', 1, 100);
    await store.set('active', 'st_b', 2);
    await expect(store.set('active', 'st_c', 3)).rejects.toBeInstanceOf(StoreFullError);
    clock.now += 101;
    await store.set('active', 'st_c', 3);
    expect(await store.list('active', 10)).toEqual([{ key: 'st_c', value: 3 }, { key: 'st_b', value: 2 }]);
    await expect(store.set('active', 'st_d', 4)).rejects.toBeInstanceOf(StoreFullError);
    await store.claim('chunk', 'st_a:0', 100);
    await store.set('chunk', 'st_a:1', [1]);
    clock.now += 101;
    // An expired key written again is a new live entry in the room it left.
    await store.set('chunk', 'st_a:0', [0]);
    expect(await store.size('chunk')).toBe(2);
    await expect(store.set('chunk', 'st_a:2', [2])).rejects.toBeInstanceOf(StoreFullError);
  });

  it('lists the newest live entries of a kind by key, newest first, at most the limit asked', async () => {
    const store = await open();
    for (const ms of [3, 1, 4, 2]) await store.set('audit', `${String(ms).padStart(15, '0')}-x`, { ms });
    await store.set('audit', `${'5'.padStart(15, '0')}-short`, { ms: 5 }, 10);
    await store.set('job', `${'9'.padStart(15, '0')}-x`, { ms: 9 });
    expect((await store.list('audit', 3)).map((e) => e.value)).toEqual([{ ms: 5 }, { ms: 4 }, { ms: 3 }]);
    clock.now += 11;
    const all = await store.list<{ ms: number }>('audit', 50);
    expect(all.map((e) => e.value.ms)).toEqual([4, 3, 2, 1]);
    expect(all[0]!.key).toBe(`${'4'.padStart(15, '0')}-x`);
    expect(await store.list('session', 5)).toEqual([]);
    expect(await store.list('audit', 0)).toEqual([]);
  });

  it('lists the oldest live entries of a kind by key, oldest first, paging on after a key', async () => {
    const store = await open();
    for (const ms of [3, 1, 4, 2, 6]) await store.set('inbox', `${String(ms).padStart(15, '0')}-e${ms}`, { ms });
    await store.set('inbox', `${'5'.padStart(15, '0')}-short`, { ms: 5 }, 10);
    await store.set('job', `${'0'.padStart(15, '0')}-x`, { ms: 0 });
    await store.delete('inbox', `${'6'.padStart(15, '0')}-e6`);
    expect((await store.listOldest<{ ms: number }>('inbox', 3)).map((e) => e.value.ms)).toEqual([1, 2, 3]);
    const page = await store.listOldest<{ ms: number }>('inbox', 2, `${'2'.padStart(15, '0')}-e2`);
    expect(page.map((e) => e.key)).toEqual([`${'3'.padStart(15, '0')}-e3`, `${'4'.padStart(15, '0')}-e4`]);
    clock.now += 11;
    expect((await store.listOldest<{ ms: number }>('inbox', 50)).map((e) => e.value.ms)).toEqual([1, 2, 3, 4]);
    expect(await store.listOldest('inbox', 50, `${'4'.padStart(15, '0')}-e4`)).toEqual([]);
    expect(await store.listOldest('session', 5)).toEqual([]);
    expect(await store.listOldest('inbox', 0)).toEqual([]);
  });

  it('finds the unfinished jobs at start-up: the active kind lists every live entry, apart from the chunk checkpoints', async () => {
    const store = await open();
    await store.set('active', 'st_a', { kind: 'status', since: 1 });
    await store.set('active', 'jing_b', { kind: 'jing.status', since: 2 });
    await store.set('chunk', 'st_a:0', [{ id: 'ou_1', result: 'success_show' }]);
    await store.delete('active', 'jing_b');
    expect(await store.list('active', 10_000)).toEqual([{ key: 'st_a', value: { kind: 'status', since: 1 } }]);
    expect(await store.get('chunk', 'st_a:0')).toEqual([{ id: 'ou_1', result: 'success_show' }]);
    expect(await store.size('chunk')).toBe(1);
  });

  it('answers a health check', async () => {
    const store = await open();
    expect(await store.ping()).toMatchObject({ backend: backend.name, ok: true });
  });
}
