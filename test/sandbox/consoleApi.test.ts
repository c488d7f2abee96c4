import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBotApp } from '../../src/app.js';
import { sandboxConfig } from '../../src/config.js';
import { silentLogger } from '../../src/observe/log.js';
import { BOT_OPEN_ID, SANDBOX_ADMIN, SANDBOX_MEMBER } from '../../src/sandbox/state.js';
import { startSandboxBot, type SandboxBot } from '../helpers/sandboxBot.js';
import request from 'supertest';

interface Item { id: string; kind: string; sender: string; text?: string; card?: { header?: { title?: { content?: string } }; body?: { elements?: unknown[] } }; mentions?: unknown[]; refusal?: { api: string; code: number; msg: string }; file?: { key: string; name: string } }
interface Poll { fingerprint: string; timeline: Item[]; calls: Array<{ api: string; method: string; path: string; status: number; code?: number; ms: number }>; files: Array<{ key: string; name: string }>; faults: unknown[]; latencyMs: number }

let s: SandboxBot;
const post = (path: string, body: unknown) => fetch(`${s.url}/console/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
const poll = (as = SANDBOX_ADMIN, chat = 'p2p') => json<Poll>(fetch(`${s.url}/console/api/poll?as=${as}&chat=${chat}`));
const until = async <T>(f: () => Promise<T | undefined>, what: string): Promise<T> => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
/** Every button value on a card by its English label. */
const buttons = (card: unknown): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.tag === 'button') out[(o.text as { content: string }).content] = (o.behaviors as Array<{ value: unknown }>)[0]?.value;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
};
const lastBotCard = async (as = SANDBOX_ADMIN, chat = 'p2p') => (await poll(as, chat)).timeline.filter((i) => i.card).at(-1);

beforeAll(async () => {
  s = await startSandboxBot();
});
afterAll(async () => {
  await s?.close();
});

describe('the console API (sandbox mode, webhook)', () => {
  it('serves the page, its modules and VChart from node_modules', async () => {
    const page = await fetch(`${s.url}/console`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/console/static/console.js');
    for (const path of ['/console/static/console.js', '/console/static/card/render.js', '/console/static/card/card.css', '/console/vendor/vchart.js']) {
      expect((await fetch(`${s.url}${path}`)).status, path).toBe(200);
    }
    expect((await fetch(`${s.url}/console/static/nope.js`)).status).toBe(404);
  });

  it('sends a group message with real mentions (@_user_N) that the bot reads: /status open for the mentioned people', async () => {
    const mentions = [{ key: '@_user_1', openId: BOT_OPEN_ID, name: 'Ops Bot' }, { key: '@_user_2', openId: SANDBOX_ADMIN, name: 'Ann Admin' }, { key: '@_user_3', openId: SANDBOX_MEMBER, name: 'Ming Member' }];
    const sent = await json<{ ok: boolean; detail: string }>(post('send', { as: SANDBOX_ADMIN, chat: 'group', text: '@_user_1 /status open 出差 @_user_2 @_user_3', mentions }));
    expect(sent).toMatchObject({ ok: true, detail: 'webhook answered 200' });
    const card = await until(async () => {
      const c = await lastBotCard(SANDBOX_ADMIN, 'group');
      return c && buttons(c.card)['Undo (2)'] ? c : undefined;
    }, 'the result card');
    const user = (await poll(SANDBOX_ADMIN, 'group')).timeline.find((i) => i.kind === 'user');
    expect(user?.mentions).toEqual(mentions);
    expect(JSON.stringify(card.card)).toContain('2 succeeded');
  });

  it('a click is a signed card.action.trigger: the answer toast comes back and a card in it replaces the message', async () => {
    const card = (await lastBotCard(SANDBOX_ADMIN, 'group')) as Item;
    const refused = await json<{ ok: boolean; body: { toast: { content: string } }; applied: boolean }>(post('click', { as: SANDBOX_MEMBER, message_id: card.id, value: buttons(card.card)['Undo (2)'] }));
    expect(refused.body.toast.content).toMatch(/admin/i);
    expect(refused.applied).toBe(false);
    const undo = await json<{ ok: boolean; body: { toast: { type: string } }; applied: boolean }>(post('click', { as: SANDBOX_ADMIN, message_id: card.id, value: buttons(card.card)['Undo (2)'] }));
    expect(undo.ok).toBe(true);
    expect(undo.body.toast.type).toBeDefined();
    await until(async () => {
      const now = (await poll(SANDBOX_ADMIN, 'group')).timeline.find((i) => i.id === card.id);
      return now && buttons(now.card).Undone !== undefined ? now : undefined;
    }, 'the clicked card to change');
  });

  it('lists the files the bot sent and serves them for download', async () => {
    const card = (await poll(SANDBOX_ADMIN, 'group')).timeline.filter((i) => i.card && buttons(i.card)['Export CSV']).at(0) as Item;
    await post('click', { as: SANDBOX_ADMIN, message_id: card.id, value: buttons(card.card)['Export CSV'] });
    const file = await until(async () => (await poll(SANDBOX_ADMIN, 'group')).files.at(0), 'a CSV');
    expect(file.name).toMatch(/\.csv$/);
    const res = await fetch(`${s.url}/console/api/files/${file.key}`);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect(await res.text()).toContain(SANDBOX_MEMBER);
    expect((await fetch(`${s.url}/console/api/files/file_v3_nope`)).status).toBe(404);
  });

  it('records every upstream call; a 5xx fault shows the failed call and its retry', async () => {
    expect((await post('faults', { api: 'im.message.reply', kind: '5xx', times: 1 })).status).toBe(200);
    await post('send', { as: SANDBOX_ADMIN, chat: 'p2p', text: '/help' });
    const calls = await until(async () => {
      const replies = (await poll()).calls.filter((c) => c.api === 'im.message.reply');
      return replies.some((c) => c.status === 503) && replies.at(-1)?.status === 200 ? replies : undefined;
    }, 'the retried reply');
    const failed = calls.findIndex((c) => c.status === 503);
    expect(calls[failed + 1]).toMatchObject({ method: 'POST', path: calls[failed]?.path, status: 200, code: 0 });
    expect((await poll()).faults).toEqual([]);
  });

  it('a dropped connection shows as a call with status 0, then its retry', async () => {
    await post('faults', { api: 'im.message.reply', kind: 'hang-up', times: 1 });
    await post('send', { as: SANDBOX_ADMIN, chat: 'p2p', text: '/whoami' });
    const calls = await until(async () => {
      const replies = (await poll()).calls.filter((c) => c.api === 'im.message.reply');
      const dropped = replies.findIndex((c) => c.status === 0);
      return dropped >= 0 && replies[dropped + 1]?.status === 200 ? replies.slice(dropped) : undefined;
    }, 'the dropped reply and its retry');
    expect(calls[0]).toMatchObject({ method: 'POST', status: 0 });
    expect(calls[0]?.code).toBeUndefined();
  });

  it('latency switch and clearing faults', async () => {
    expect(await json(post('faults/latency', { ms: 20 }))).toEqual({ latencyMs: 20 });
    expect(s.sandbox.emulator.state.latencyMs).toBe(20);
    await post('faults', { kind: '429', times: 5 });
    expect((await poll()).faults).toHaveLength(1);
    await fetch(`${s.url}/console/api/faults`, { method: 'DELETE' });
    expect(await poll()).toMatchObject({ faults: [], latencyMs: 0 });
  });

  it('shows a card the platform refused in its place, with the code and the path of the problem', async () => {
    const { state } = s.sandbox.emulator;
    const msg = state.userMessage(SANDBOX_ADMIN, state.p2pChat(SANDBOX_ADMIN), '/x');
    const token = await json<{ tenant_access_token: string }>(fetch(`${s.sandbox.emulator.url}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ app_id: s.sandbox.config.FEISHU_APP_ID, app_secret: s.sandbox.config.FEISHU_APP_SECRET }),
    }));
    const bad = { schema: '2.0', body: { elements: [{ tag: 'markdown', content: 'x', colour: 'red' }] } };
    const res = await fetch(`${s.sandbox.emulator.url}/open-apis/im/v1/messages/${msg.message_id}/reply`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token.tenant_access_token}` }, body: JSON.stringify({ msg_type: 'interactive', content: JSON.stringify(bad) }),
    });
    expect(res.status).toBe(400);
    const refusal = (await poll()).timeline.find((i) => i.kind === 'refused');
    expect(refusal?.refusal).toMatchObject({ api: 'im.message.reply' });
    expect(refusal?.refusal?.msg).toContain('colour');
  });

  it('checks a pasted card with the emulator\'s card rules (the card preview)', async () => {
    expect(await json(post('check-card', { card: { schema: '2.0', body: { elements: [{ tag: 'hr' }] } } }))).toEqual({ ok: true });
    const refused = await json<{ ok: boolean; code: number; msg: string }>(post('check-card', { card: { schema: '2.0', body: { elements: [{ tag: 'hr', colour: 1 }] } } }));
    expect(refused.ok).toBe(false);
    expect(refused.msg).toContain('colour');
    expect((await fetch(`${s.url}/console/preview`)).status).toBe(200);
  });

  it('group events and the menu reach the bot', async () => {
    expect(await json(post('event', { as: SANDBOX_ADMIN, kind: 'bot-added' }))).toMatchObject({ ok: true });
    expect(await json(post('event', { as: SANDBOX_MEMBER, kind: 'menu', key: 'whoami' }))).toMatchObject({ ok: true });
    await until(async () => ((await poll(SANDBOX_MEMBER)).timeline.some((i) => JSON.stringify(i.card ?? '').includes(SANDBOX_MEMBER)) ? true : undefined), 'the whoami card');
  });

  it('answers bad input with a 400 in both languages, never a 5xx', async () => {
    const cases: Array<[string, unknown]> = [
      ['send', { as: 'ou_nobody', text: '/help' }],
      ['send', { as: SANDBOX_ADMIN, text: '' }],
      ['send', { as: SANDBOX_ADMIN, text: 'x'.repeat(5000) }],
      ['send', { as: SANDBOX_ADMIN, text: '/help', mentions: [{ key: 'user1', openId: SANDBOX_ADMIN, name: 'x' }] }],
      ['send', { as: SANDBOX_ADMIN, text: '/help', mentions: [{ key: '@_user_1', openId: 'ou_ghost', name: 'x' }] }],
      ['send', { as: SANDBOX_ADMIN, text: '/help', mentions: 'nope' }],
      ['click', { as: SANDBOX_ADMIN, message_id: 'om_nope', value: {} }],
      ['event', { as: SANDBOX_ADMIN, kind: 'explode' }],
      ['event', { as: SANDBOX_ADMIN, kind: 'menu', key: 'a b' }],
      ['faults', { api: 'no.such.api', kind: '5xx' }],
      ['faults', { kind: 'teapot' }],
      ['faults', { kind: '5xx', times: 0 }],
      ['faults/latency', { ms: -1 }],
      ['faults/latency', { ms: 'slow' }],
      ['check-card', { card: 'not an object' }],
    ];
    for (const [path, body] of cases) {
      const res = await post(path, body);
      expect(res.status, `${path} ${JSON.stringify(body).slice(0, 80)}`).toBe(400);
      const b = (await res.json()) as { error: string; error_zh: string };
      expect(b.error).toBeTruthy();
      expect(b.error_zh).toMatch(/[\u4e00-\u9fff]/);
    }
    const notJson = await fetch(`${s.url}/console/api/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(notJson.status).toBe(400);
    expect((await fetch(`${s.url}/console/api/poll?as=ou_nobody`)).status).toBe(400);
    expect((await fetch(`${s.url}/console/api/nothing`)).status).toBe(404);
  });
});

describe('in live mode', () => {
  it('there is no console: /console is a 404', async () => {
    const config = sandboxConfig('http://127.0.0.1:9', { mode: 'live' });
    const http = request(createBotApp({ config, log: silentLogger }).app);
    expect((await http.get('/console')).status).toBe(404);
    expect((await http.get('/console/api/world')).status).toBe(404);
  });
});

describe('the console over the long connection (FEISHU_TRANSPORT=ws)', () => {
  it('pushes messages and clicks down the socket; the answer frame carries the toast', async () => {
    const ws = await startSandboxBot({ FEISHU_TRANSPORT: 'ws' });
    try {
      const sent = await json<{ ok: boolean; detail: string }>(fetch(`${ws.url}/console/api/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: SANDBOX_ADMIN, text: `/status open 出差 ${SANDBOX_MEMBER}` }) }));
      expect(sent).toMatchObject({ ok: true, detail: 'long connection answered code 200' });
      const view = () => json<Poll>(fetch(`${ws.url}/console/api/poll?as=${SANDBOX_ADMIN}`));
      const card = await until(async () => (await view()).timeline.find((i) => buttons(i.card)['Undo (1)']), 'the result card');
      const click = await json<{ ok: boolean; body: { toast: { content: string } } }>(fetch(`${ws.url}/console/api/click`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: SANDBOX_MEMBER, message_id: card.id, value: buttons(card.card)['Undo (1)'] }),
      }));
      expect(click.ok).toBe(true);
      expect(click.body.toast.content).toMatch(/admin/i);
    } finally {
      await ws.close();
    }
  }, 30_000);
});
