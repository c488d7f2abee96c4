import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactData } from '../../src/sandbox/feishu/contact/routes.js';
import { ADMIN, MEMBER, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('names through the Feishu wrapper (real client vs emulator)', () => {
  it('looks up 70 people in two calls of contact users batch and leaves out the unknown', async () => {
    const ids = [ADMIN, MEMBER, ...Array.from({ length: 30 }, (_, i) => `ou_user${String(i + 1).padStart(26, '0')}`), ...Array.from({ length: 38 }, (_, i) => `ou_ghost${i}`)];
    const before = h.emulator.state.calls.get('contact.user.batch') ?? 0;
    const { names, noPermission } = await h.bot.services.names.lookup(ids);
    expect(noPermission).toBe(false);
    expect(names[ADMIN]).toBe('管理员小安');
    expect(names[`ou_user${String(30).padStart(26, '0')}`]).toBe('同事30');
    expect(Object.keys(names)).toHaveLength(32);
    expect((h.emulator.state.calls.get('contact.user.batch') ?? 0) - before).toBe(2);
  });

  it('reports the missing scope instead of failing', async () => {
    contactData(h.emulator.state).granted = false;
    try {
      expect(await h.bot.services.names.lookup(['ou_user_nobody_cached'])).toEqual({ names: {}, noPermission: true });
    } finally {
      contactData(h.emulator.state).granted = true;
    }
  });
});
