import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/sandbox/emulator.js';
import { SEED_OKR } from '../../src/sandbox/feishu/okr/data.js';
import { SANDBOX_MEMBER } from '../../src/sandbox/state.js';

let emu: Emulator;
let token: string;
beforeAll(async () => {
  emu = await startEmulator({ appId: 'cli_sandbox0000000001', appSecret: 'sandbox-secret' });
  const res = await fetch(`${emu.url}/open-apis/auth/v3/tenant_access_token/internal`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ app_id: 'cli_sandbox0000000001', app_secret: 'sandbox-secret' }),
  });
  token = ((await res.json()) as { tenant_access_token: string }).tenant_access_token;
});
afterAll(() => emu.close());

async function get(path: string): Promise<{ status: number; body: { code: number; data?: Record<string, unknown> } }> {
  const res = await fetch(`${emu.url}/open-apis/okr/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { code: number; data?: Record<string, unknown> } };
}

describe('OKR emulator', () => {
  it('pages periods with page_token / has_more', async () => {
    const first = await get('/periods');
    expect(first.body.data?.has_more).toBe(true);
    const second = await get(`/periods?page_token=${String(first.body.data?.page_token)}`);
    expect((second.body.data?.items as unknown[]).length).toBeGreaterThan(0);
    expect(second.body.data?.has_more).toBe(false);
    expect((await get('/periods?page_token=nope')).body.code).toBe(1001001);
  });

  it('validates the user OKR list like the docs and serves the seed OKR', async () => {
    expect((await get(`/users/${SANDBOX_MEMBER}/okrs?offset=0`)).body.code).toBe(1001001);
    expect((await get(`/users/${SANDBOX_MEMBER}/okrs?offset=0&limit=11`)).body.code).toBe(1001001);
    const tooMany = Array.from({ length: 11 }, (_, i) => `period_ids=${i}`).join('&');
    expect((await get(`/users/${SANDBOX_MEMBER}/okrs?offset=0&limit=10&${tooMany}`)).body.code).toBe(1001001);
    expect((await get('/users/ou_nobody/okrs?offset=0&limit=10')).body).toMatchObject({ code: 1001003 });
    const seed = await get(`/users/${SANDBOX_MEMBER}/okrs?offset=0&limit=10&period_ids=${String(SEED_OKR.period_id)}`);
    expect(seed.body.data?.total).toBe(1);
    expect(seed.body.data?.okr_list).toEqual([SEED_OKR]);
  });

  it('batch_get takes at most 10 ids and answers 1001004 for an unknown one', async () => {
    const ids = (n: number) => Array.from({ length: n }, () => `okr_ids=${String(SEED_OKR.id)}`).join('&');
    expect((await get(`/okrs/batch_get?${ids(11)}`)).status).toBe(400);
    expect((await get(`/okrs/batch_get?${ids(11)}`)).body.code).toBe(1001001);
    expect((await get(`/okrs/batch_get?${ids(1)}&okr_ids=1`)).body.code).toBe(1001004);
    expect((await get(`/okrs/batch_get?${ids(1)}&lang=fr`)).body.code).toBe(1001001);
    expect((await get(`/okrs/batch_get?${ids(1)}`)).body.data?.okr_list).toEqual([SEED_OKR]);
  });

  it('enforces 100 calls a minute per OKR API', async () => {
    const answers = await Promise.all(Array.from({ length: 105 }, () => fetch(`${emu.url}/open-apis/okr/v1/okrs/batch_get?okr_ids=${String(SEED_OKR.id)}`, { headers: { authorization: `Bearer ${token}` } })));
    const limited = answers.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(5);
    expect(limited[0]?.headers.get('x-ogw-ratelimit-reset')).toMatch(/^\d+$/);
    expect(((await limited[0]?.json()) as { code: number }).code).toBe(99991400);
  });
});
