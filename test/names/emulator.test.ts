import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/sandbox/emulator.js';
import { contactData } from '../../src/sandbox/feishu/contact/routes.js';
import { SANDBOX_ADMIN, SANDBOX_MEMBER } from '../../src/sandbox/state.js';

const EXTERNAL = 'ou_external0000000000000000000001';
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

type Body = { code: number; msg: string; data?: { items?: Array<{ open_id: string; name: string; en_name: string }> } };
async function batch(ids: string[], extra = 'user_id_type=open_id'): Promise<{ status: number; body: Body }> {
  const qs = [...ids.map((id) => `user_ids=${encodeURIComponent(id)}`), extra].filter(Boolean).join('&');
  const res = await fetch(`${emu.url}/open-apis/contact/v3/users/batch?${qs}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Body };
}

describe('contact users batch emulator (feishu-apis.md §8.1)', () => {
  it('serves name and en_name of known people and silently leaves out unknown and external ids', async () => {
    const { status, body } = await batch([SANDBOX_ADMIN, 'ou_nobody', EXTERNAL, SANDBOX_MEMBER]);
    expect(status).toBe(200);
    expect(body.code).toBe(0);
    expect(body.data?.items?.map((u) => [u.open_id, u.name, u.en_name])).toEqual([
      [SANDBOX_ADMIN, '管理员小安', 'Ann Admin'],
      [SANDBOX_MEMBER, '成员小明', 'Ming Member'],
    ]);
  });

  it('takes at most 50 ids, and needs a token', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `ou_user${String(i + 1).padStart(26, '0')}`);
    expect((await batch(ids(50))).body.data?.items).toHaveLength(30);
    const over = await batch(ids(51));
    expect(over.status).toBe(400);
    expect(over.body.code).toBe(99992402);
    expect((await batch([], 'user_id_type=open_id')).status).toBe(400);
    expect((await batch([SANDBOX_ADMIN], 'user_id_type=email')).body.code).toBe(99992402);
    const anonymous = await fetch(`${emu.url}/open-apis/contact/v3/users/batch?user_ids=${SANDBOX_ADMIN}`);
    expect(anonymous.status).toBe(400);
  });

  it('answers 99991672 naming the scopes when the app has no contact permission', async () => {
    contactData(emu.state).granted = false;
    try {
      const { status, body } = await batch([SANDBOX_ADMIN]);
      expect(status).toBe(400);
      expect(body.code).toBe(99991672);
      expect(body.msg).toContain('contact:user.base:readonly');
    } finally {
      contactData(emu.state).granted = true;
    }
  });

  it('enforces 50 calls a second', async () => {
    const answers = await Promise.all(Array.from({ length: 60 }, () => fetch(`${emu.url}/open-apis/contact/v3/users/batch?user_ids=${SANDBOX_ADMIN}`, { headers: { authorization: `Bearer ${token}` } })));
    const limited = answers.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(((await limited[0]?.json()) as { code: number }).code).toBe(99991400);
  });
});
