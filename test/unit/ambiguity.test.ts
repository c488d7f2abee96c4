import { describe, expect, it } from 'vitest';
import { callUpstream, type Outcome } from '../../src/upstream/callUpstream.js';
import { mayHaveApplied, UpstreamError } from '../../src/upstream/errors.js';
import { fromRejected, fromResolved } from '../../src/upstream/feishuOutcome.js';

const API = 'personal_settings.system_status.batch_open';
const deps = { clock: { now: () => 0, sleep: async () => undefined }, random: () => 0.5, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 } };

describe('which failures may have been applied', () => {
  it.each([
    ['ECONNRESET', true], ['ECONNABORTED', true], ['ETIMEDOUT', true], ['EPIPE', true], ['ERR_SOMETHING_NEW', true],
    ['ECONNREFUSED', false], ['ENOTFOUND', false], ['EAI_AGAIN', false],
  ])('a network failure %s: ambiguous %s', (code, ambiguous) => {
    const o = fromRejected(API, Object.assign(new Error('x'), { code }));
    expect(o.ok).toBe(false);
    if (!o.ok) expect([o.error.transient, o.error.ambiguous]).toEqual([true, ambiguous]);
  });

  it('an answer with a code (4xx, 5xx, non-zero code under 200) is not ambiguous', () => {
    const answered = fromRejected(API, { response: { status: 500, data: { code: 1, msg: 'internal' }, headers: {} } });
    const refused = fromResolved(API, { code: 2005001, msg: 'bad' });
    for (const o of [answered, refused]) expect(!o.ok && o.error.ambiguous).toBe(false);
  });

  it('the retry loop keeps a lost answer in mind: a later clean failure is still "may have been applied"', async () => {
    const outcomes: Array<Outcome<never>> = [
      fromRejected(API, Object.assign(new Error('reset'), { code: 'ECONNRESET' })),
      fromRejected(API, { response: { status: 503, data: { code: 1, msg: 'busy' }, headers: {} } }),
      fromRejected(API, { response: { status: 503, data: { code: 1, msg: 'busy' }, headers: {} } }),
    ];
    const err = await callUpstream(API, async () => outcomes.shift()!, deps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(mayHaveApplied(err)).toBe(true);
    expect((err as UpstreamError).code).toBe(1);
  });

  it('without a lost answer, the final failure is a plain one', async () => {
    const busy = () => fromRejected(API, { response: { status: 503, data: { code: 1, msg: 'busy' }, headers: {} } });
    const err = await callUpstream(API, async () => busy(), deps).catch((e: unknown) => e);
    expect(mayHaveApplied(err)).toBe(false);
  });
});
