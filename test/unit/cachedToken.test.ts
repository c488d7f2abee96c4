import { describe, expect, it } from 'vitest';
import { CachedToken, keepForMs } from '../../src/upstream/cachedToken.js';
import { shiftableClock } from '../helpers/clock.js';

function counting(expiresInS = 7200) {
  const seen: Array<string | undefined> = [];
  let n = 0;
  const obtain = (refresh: string | undefined) => {
    seen.push(refresh);
    n++;
    return Promise.resolve({ token: `T${n}`, expiresInS, refreshToken: `R${n}`, refreshExpiresInS: 30 * 24 * 3600 });
  };
  return { obtain, seen };
}

describe('CachedToken', () => {
  it('keeps a token until 5 minutes before it expires (at least half its life)', () => {
    expect(keepForMs(7200)).toBe((7200 - 300) * 1000);
    expect(keepForMs(60)).toBe(30_000);
  });

  it('a refusal of an old token does not throw away the new one', async () => {
    const { obtain, seen } = counting();
    const token = new CachedToken(obtain, shiftableClock());
    expect(await token.get()).toBe('T1');
    token.invalidate('T1');
    expect(await token.get()).toBe('T2');
    token.invalidate('T1'); // a call that was sent with T1 comes back refused late
    expect(await token.get()).toBe('T2');
    expect(seen).toEqual([undefined, 'R1']);
  });

  it('renews with the refresh token while it lives, then from the credentials', async () => {
    const { obtain, seen } = counting();
    const clock = shiftableClock();
    const token = new CachedToken(obtain, clock);
    await token.get();
    clock.advance(7200 * 1000);
    await token.get();
    clock.advance(31 * 24 * 3600 * 1000);
    await token.get();
    expect(seen).toEqual([undefined, 'R1', undefined]);
  });

  it('callers at the same moment share one fetch', async () => {
    const { obtain, seen } = counting();
    const token = new CachedToken(obtain, shiftableClock());
    expect(await Promise.all([token.get(), token.get(), token.get()])).toEqual(['T1', 'T1', 'T1']);
    expect(seen).toHaveLength(1);
  });
});
