import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/observe/log.js';
import { UpstreamError } from '../../src/upstream/errors.js';
import type { ContactUser } from '../../src/upstream/feishu.js';
import { NAME_TTL_MS, UserNames, type NameSource } from '../../src/upstream/userNames.js';

const id = (i: number) => `ou_${String(i).padStart(5, '0')}`;

/** A contact API double: knows people 0–199 (name "P<i>"), records each call's ids, fails as told. */
function source(fail?: (ids: string[]) => Error | undefined): NameSource & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    async usersByOpenId(ids: string[]): Promise<ContactUser[]> {
      calls.push(ids);
      const err = fail?.(ids);
      if (err) throw err;
      return ids.filter((x) => Number(x.slice(3)) < 200).map((x) => ({ openId: x, name: `P${Number(x.slice(3))}`, enName: `E${x}` }));
    },
  };
}

function clock() {
  let now = 1_000_000;
  return { now: () => now, sleep: async () => undefined, advance: (ms: number) => { now += ms; } };
}

describe('UserNames', () => {
  it('asks in chunks of at most 50 and answers names by open_id', async () => {
    const s = source();
    const names = new UserNames(s, silentLogger, clock());
    const ids = Array.from({ length: 120 }, (_, i) => id(i));
    const { names: got, noPermission } = await names.lookup([...ids, id(3)]);
    expect(noPermission).toBe(false);
    expect(s.calls.map((c) => c.length)).toEqual([50, 50, 20]);
    expect(new Set(s.calls.flat()).size).toBe(120);
    expect(got[id(0)]).toBe('P0');
    expect(got[id(119)]).toBe('P119');
    expect(Object.keys(got)).toHaveLength(120);
  });

  it('keeps names (and people left out) for an hour, then asks again', async () => {
    const s = source();
    const c = clock();
    const names = new UserNames(s, silentLogger, c);
    await names.lookup([id(1), id(500)]);
    const again = await names.lookup([id(1), id(500)]);
    expect(s.calls).toHaveLength(1);
    expect(again.names).toEqual({ [id(1)]: 'P1' });
    c.advance(NAME_TTL_MS - 1000);
    await names.lookup([id(1), id(2)]);
    expect(s.calls[1]).toEqual([id(2)]);
    c.advance(2000);
    await names.lookup([id(1)]);
    expect(s.calls[2]).toEqual([id(1)]);
  });

  it('reports a missing scope after one call and never throws', async () => {
    const s = source(() => new UpstreamError('contact.user.batch', 99991672, 'Access denied', 400));
    const names = new UserNames(s, silentLogger, clock());
    const res = await names.lookup(Array.from({ length: 150 }, (_, i) => id(i)));
    expect(res).toEqual({ names: {}, noPermission: true });
    expect(s.calls).toHaveLength(1);
  });

  it('leaves out the people of a chunk that failed otherwise, without caching the failure', async () => {
    let broken = true;
    const s = source((ids) => (broken && ids.includes(id(60)) ? new UpstreamError('contact.user.batch', 'NETWORK', 'socket hang up', undefined, undefined, true) : undefined));
    const names = new UserNames(s, silentLogger, clock());
    const ids = Array.from({ length: 80 }, (_, i) => id(i));
    const first = await names.lookup(ids);
    expect(first.noPermission).toBe(false);
    expect(Object.keys(first.names)).toHaveLength(50);
    expect(first.names[id(60)]).toBeUndefined();
    broken = false;
    const second = await names.lookup(ids);
    expect(second.names[id(60)]).toBe('P60');
    expect(s.calls.at(-1)).toHaveLength(30);
  });
});
