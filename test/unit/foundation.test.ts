import { AxiosError, AxiosHeaders } from 'axios';
import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../src/inbox/chatQueue.js';
import { backoffMs, callUpstream, type Outcome } from '../../src/upstream/callUpstream.js';
import { UpstreamError } from '../../src/upstream/errors.js';
import { fromRejected, fromResolved } from '../../src/upstream/feishuOutcome.js';

describe('KeyedQueue', () => {
  it('runs one key in order, keys in parallel, and survives a failing task', async () => {
    const errors: unknown[] = [];
    const q = new KeyedQueue((err) => errors.push(err));
    const log: string[] = [];
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    q.push('a', async () => { await wait(40); log.push('a1'); });
    q.push('a', async () => { throw new Error('a2 failed'); });
    q.push('a', async () => { log.push('a3'); });
    q.push('b', async () => { log.push('b1'); });
    expect(q.size).toBe(4);
    await q.idle();
    expect(log).toEqual(['b1', 'a1', 'a3']);
    expect(errors).toHaveLength(1);
    expect(q.size).toBe(0);
  });
});

describe('Feishu outcome mapping', () => {
  const rejected = (status: number, data: unknown, headers: Record<string, string> = {}) => {
    const h = new AxiosHeaders(headers);
    return new AxiosError('fail', 'ERR_BAD_RESPONSE', undefined, undefined, { status, data, headers: h, statusText: '', config: { headers: h } });
  };

  it('maps HTTP 429 and code 99991400 to a transient error that waits for x-ogw-ratelimit-reset', () => {
    const o = fromRejected('im.message.reply', rejected(429, { code: 99991400, msg: 'limit' }, { 'x-ogw-ratelimit-reset': '3', 'x-tt-logid': 'log-1' }));
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect(o.retryAfterMs).toBe(3000);
    expect(o.error).toMatchObject({ api: 'im.message.reply', code: 99991400, msg: 'limit', httpStatus: 429, logId: 'log-1', transient: true });
  });

  it('maps token codes to authExpired, business errors to permanent ones, 5xx and network errors to transient', () => {
    const expired = fromRejected('x', rejected(400, { code: 99991663, msg: 'tenant token invalid' }));
    expect(!expired.ok && expired.authExpired).toBe(true);
    const business = fromRejected('x', rejected(400, { code: 230002, msg: 'bot not in chat' }));
    expect(!business.ok && business.error.transient).toBe(false);
    const server = fromRejected('x', rejected(502, 'Bad Gateway'));
    expect(!server.ok && server.error).toMatchObject({ code: 502, transient: true });
    const net = fromRejected('x', Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    expect(!net.ok && net.error).toMatchObject({ code: 'ECONNRESET', transient: true });
    const timeout = fromRejected('x', Object.assign(new Error('t'), { code: 'ECONNABORTED' }));
    expect(!timeout.ok && timeout.error.msg).toBe('request timed out');
  });

  it('treats a 200 with a non-zero code as a failure', () => {
    const o = fromResolved('x', { code: 230020, msg: 'frequency limit' });
    expect(!o.ok && o.error).toMatchObject({ code: 230020, transient: true });
    expect(fromResolved('x', { code: 0, data: { a: 1 } }).ok).toBe(true);
  });
});

describe('callUpstream', () => {
  const clock = () => {
    const c = { t: 0, slept: [] as number[], now: () => c.t, sleep: async (ms: number) => { c.slept.push(ms); c.t += ms; } };
    return c;
  };
  const fail = (transient: boolean, extra: Partial<Extract<Outcome<never>, { ok: false }>> = {}): Outcome<never> => ({ ok: false, error: new UpstreamError('x', 1, 'm', 500, undefined, transient), ...extra });

  it('retries transient failures with bounded jittered backoff, then gives up with the typed error', async () => {
    const c = clock();
    let n = 0;
    await expect(callUpstream('x', async () => { n++; return fail(true); }, { clock: c, random: () => 1, retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 250 } })).rejects.toBeInstanceOf(UpstreamError);
    expect(n).toBe(4);
    expect(c.slept).toEqual([100, 200, 250]);
    expect(backoffMs(0, { attempts: 1, baseDelayMs: 100, maxDelayMs: 1000 }, () => 0)).toBe(50);
  });

  it('waits the server-given time instead of the backoff', async () => {
    const c = clock();
    let n = 0;
    const v = await callUpstream('x', async () => (n++ === 0 ? fail(true, { retryAfterMs: 2000 }) : { ok: true, value: 'ok' }), { clock: c, random: () => 0, retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 10 } });
    expect(v).toBe('ok');
    expect(c.slept).toEqual([2000]);
  });

  it('refreshes an expired credential once per call and does not retry permanent errors', async () => {
    const c = clock();
    let refreshed = 0;
    let n = 0;
    await expect(callUpstream('x', async () => { n++; return fail(false, { authExpired: true }); }, { clock: c, random: () => 0, retry: { attempts: 5, baseDelayMs: 1, maxDelayMs: 1 } }, { refreshAuth: () => refreshed++ })).rejects.toBeInstanceOf(UpstreamError);
    expect(refreshed).toBe(1);
    expect(n).toBe(2);
  });
});
