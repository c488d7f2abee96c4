import { describe, expect, it } from 'vitest';
import { infoCard } from '../../src/cards-kit/common.js';
import { t } from '../../src/cards-kit/i18n.js';
import type { ActionContext, CommandContext } from '../../src/framework/context.js';
import { adminOnly, checkAll, groupOnly, needsAdmin, ownerOrAdmin, serviceConfigured, type Precondition } from '../../src/framework/preconditions.js';

/** Only the fields the checks read; the rest of a context does not matter to them. */
const ctx = (o: { admin?: boolean; openId?: string; chatType?: CommandContext['chatType']; chatId?: string; ref?: string; services?: object }) =>
  ({
    actor: { openId: o.openId ?? 'ou_me', isAdmin: o.admin ?? false },
    chatType: o.chatType ?? 'group',
    chatId: o.chatId ?? 'oc_1',
    ref: o.ref ?? 'ou_me',
    services: o.services ?? {},
  }) as unknown as CommandContext & ActionContext;

describe('preconditions', () => {
  it('adminOnly refuses members, in both languages', async () => {
    expect(await adminOnly.check(ctx({ admin: true }))).toEqual({ ok: true });
    expect(await adminOnly.check(ctx({}))).toEqual({ ok: false, reason: { zh_cn: '只有机器人管理员可以执行', en_us: 'only bot admins may do this' } });
  });

  it('groupOnly needs a group chat, with the caller’s own explanation when given', async () => {
    expect((await groupOnly().check(ctx({}))).ok).toBe(true);
    expect(await groupOnly().check(ctx({ chatType: 'p2p' }))).toMatchObject({ ok: false, reason: { en_us: 'only works in a group chat' } });
    expect(await groupOnly(t('群', 'groups only')).check(ctx({ chatType: 'menu' }))).toMatchObject({ reason: { en_us: 'groups only' } });
  });

  it('ownerOrAdmin reads the owner from the action’s data; an owner that cannot be found passes', async () => {
    const byRef = ownerOrAdmin<unknown>((c) => c.ref);
    expect((await byRef.check(ctx({ ref: 'ou_me' }))).ok).toBe(true);
    expect(await byRef.check(ctx({ ref: 'ou_other' }))).toMatchObject({ ok: false, reason: { en_us: 'only its owner or a bot admin may do this' } });
    expect((await byRef.check(ctx({ ref: 'ou_other', admin: true }))).ok).toBe(true);
    expect((await ownerOrAdmin<unknown>(async () => undefined).check(ctx({}))).ok).toBe(true);
  });

  it('serviceConfigured refuses with the card that says what to set', async () => {
    const card = infoCard(t('未配置', 'Not configured'), []);
    const p = serviceConfigured('jingsocial', 'Jingsocial', () => card);
    expect(await p.check(ctx({ services: { jingsocial: {} } }))).toEqual({ ok: true });
    expect(await p.check(ctx({}))).toEqual({ ok: false, reason: { zh_cn: 'Jingsocial 尚未配置', en_us: 'Jingsocial is not configured' }, card });
  });

  it('checkAll answers with the first refusal, in the declared order, and runs no later check', async () => {
    const seen: string[] = [];
    const spy = (name: string, ok: boolean): Precondition => ({ name, check: () => (seen.push(name), ok ? { ok: true } : { ok: false, reason: t(name, name) }) });
    expect(await checkAll([spy('a', true), spy('b', false), spy('c', false)], ctx({}))).toMatchObject({ ok: false, reason: { en_us: 'b' } });
    expect(seen).toEqual(['a', 'b']);
    expect(await checkAll([], ctx({}))).toEqual({ ok: true });
  });

  it('a declaration needs an admin exactly when it lists adminOnly (what /help shows)', () => {
    expect(needsAdmin([adminOnly])).toBe(true);
    expect(needsAdmin([groupOnly(), adminOnly])).toBe(true);
    expect(needsAdmin([groupOnly()])).toBe(false);
    expect(needsAdmin([])).toBe(false);
  });
});
