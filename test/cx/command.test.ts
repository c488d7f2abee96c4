import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cxState, type CxState } from '../../src/sandbox/chengxun/routes.js';
import { CX_API } from '../../src/features/cx/client.js';
import { MemoryStore } from '../../src/store/memoryStore.js';
import { ADMIN, MEMBER, startHarness, type Harness } from '../helpers/harness.js';
import { button, clickTogether, SECOND_ADMIN, callbackText, lastText, replyId, toastText } from '../helpers/vendors.js';

let h: Harness;
let cx: CxState;
const calls = () => h.emulator.state.calls.get(CX_API.sameData) ?? 0;
const accounts = (n: number) => Array.from({ length: n }, (_, i) => String(1_000_001 + i));
const URL = 'https://example.com/r';

beforeAll(async () => {
  h = await startHarness({ overrides: { BOT_ADMINS: [ADMIN, SECOND_ADMIN] } });
  cx = cxState(h.emulator.state);
});
afterAll(() => h.close());
beforeEach(() => {
  h.emulator.state.calls.clear();
  cx.requests.length = 0;
  cx.rejectAccounts.clear();
});

describe('/cx card validation', () => {
  const x = (n: number) => 'x'.repeat(n);
  const cases: Array<[string, string[]]> = [
    [`/cx card --all-orgs --item "a|${URL}"`, ['<type>', 'is missing: LIST or KEYDATA']],
    [`/cx card --all-orgs 1 --item "a|${URL}"`, ['<type>', 'must be LIST or KEYDATA; got “1”']],
    [`/cx card IMAGE --all-orgs 1 --item "a|${URL}"`, ['<type>', 'IMAGE is not supported by Chengxun yet']],
    [`/cx card webview --all-orgs 1 --item "a|${URL}"`, ['<type>', 'WEBVIEW is not supported by Chengxun yet']],
    [`/cx card TABLE --all-orgs 1 --item "a|${URL}"`, ['<type>', 'must be LIST or KEYDATA; got “TABLE”']],
    [`/cx card LIST --all-orgs --org 20001 1 --item "a|${URL}"`, ['--org', 'and --all-orgs cannot be used together']],
    [`/cx card LIST 1 --item "a|${URL}"`, ['--org', 'or --all-orgs is required']],
    [`/cx card LIST --all-orgs --item "a|${URL}"`, ['<account_id>', 'needs at least one Chengxun account_id']],
    ['/cx card LIST --all-orgs ou_abc 1', ['<account_id>', 'is a Feishu user (open_id)']],
    ['/cx card LIST --all-orgs 1', ['--item', 'is required at least once: --item "text|jump_url[|action]"']],
    [`/cx card LIST --all-orgs 1 ${Array.from({ length: 4 }, () => `--item "a|${URL}"`).join(' ')}`, ['--item', 'LIST takes at most 3 items; got 4']],
    [`/cx card KEYDATA --all-orgs 1 ${Array.from({ length: 5 }, () => `--item "k|1|${URL}"`).join(' ')}`, ['--item', 'KEYDATA takes at most 4 items; got 5']],
    [`/cx card LIST --all-orgs 1 --item "${x(101)}|${URL}"`, ['--item', '1: text is 101 characters; the limit is 100']],
    [`/cx card LIST --all-orgs 1 --item "a|${URL}" --item "b|https://e.com/${x(290)}"`, ['--item', '2: jump_url is 304 characters; the limit is 300']],
    [`/cx card LIST --all-orgs 1 --item "a|${URL}|${x(301)}"`, ['--item', '1: action is 301 characters; the limit is 300']],
    [`/cx card KEYDATA --all-orgs 1 --item "${x(21)}|1|${URL}"`, ['--item', '1: key is 21 characters; the limit is 20']],
    [`/cx card KEYDATA --all-orgs 1 --item "k|${x(21)}|${URL}"`, ['--item', '1: value is 21 characters; the limit is 20']],
    [`/cx card KEYDATA --all-orgs 1 --item "k|1|${URL}|${x(301)}"`, ['--item', '1: action is 301 characters; the limit is 300']],
    [`/cx card KEYDATA --all-orgs 1 --item "k|1|ftp://example.com"`, ['--item', '1: jump_url must be an http:// or https:// URL; got “ftp://example.com”']],
    [`/cx card LIST --all-orgs 1 --item "${URL}"`, ['--item', '1 must be "text|jump_url[|action]" (2 or 3 parts separated by |); it has 1']],
    [`/cx card KEYDATA --all-orgs 1 --item "k|${URL}"`, ['--item', '1 must be "key|value|jump_url[|action]" (3 or 4 parts separated by |); it has 2']],
    [`/cx card LIST --all-orgs 1 --item "|${URL}"`, ['--item', '1: text is empty']],
    [`/cx card KEYDATA --all-orgs 1 --item "k|1|https://e.com/${x(290)}"`, ['--item', '#1: jump_url is 304 characters; the limit is 300']],
    [`/cx card KEYDATA --all-orgs 1 --item "|1|${URL}"`, ['--item', '#1: key is empty']],
    [`/cx card LIST --org "a b" 1 --item "a|${URL}"`, ['--org', '“a b” is not a valid organisation id']],
    [`/cx card LIST --all-orgs 1,x<y> --item "a|${URL}"`, ['<account_id>', '“x<y>” is not a valid Chengxun account_id']],
  ];
  it.each(cases)('%s', async (line, expected) => {
    const text = lastText(await h.say(line));
    for (const e of expected) expect(text).toContain(e);
    expect(calls()).toBe(0);
  });

  it('shows a usage line that says --item is required and --org / --all-orgs is one of two', async () => {
    const text = lastText(await h.say('/cx card LIST --all-orgs 1'));
    expect(text).toContain('Usage: `/cx card <LIST|KEYDATA> (--all-orgs | --org <enterprise_id>) <account_id…> --item "…" [--item "…"]`');
    expect(lastText(await h.say('/help cx card'))).toContain('(--all-orgs | --org <enterprise_id>)');
  });

  it('counts characters the way the limit does: 100 Chinese characters pass, 101 do not', async () => {
    expect(lastText(await h.say(`/cx card LIST --all-orgs 1 --item "${'字'.repeat(101)}|${URL}"`), 'zh_cn')).toContain('第 1 项的 text 有 101 个字符，上限是 100');
    const one = lastText(await h.say(`/cx card LIST --all-orgs 1 --item "${'字'.repeat(100)}|${URL}"`));
    expect(one).toContain('**1**\naccounts set');
    // One account, one item: no "accounts 1–1, 1" or "item(s)".
    expect(one).toContain('· 1 item ·');
    expect(one).toContain('✅ Chunk 1 (account 1): set');
  });
});

describe('/cx card runs', () => {
  it('sends 450 accounts in 3 calls (200, 200, 50) to every organisation, with the items', async () => {
    const sent = await h.say(`/cx card KEYDATA --all-orgs ${accounts(450).join(' ')} --item "今日开启|47|${URL}" --item "失败|3|${URL}#failed|open"`);
    expect(calls()).toBe(3);
    expect(cx.requests.map((r) => (r.account_id_list as string[]).length).sort()).toEqual([200, 200, 50]);
    expect(cx.requests[0]).toMatchObject({
      show_on_all_enterprise: true, type: 'KEYDATA',
      data: { items: [{ key: '今日开启', data: '47', jump_url: URL, action: '' }, { key: '失败', data: '3', jump_url: `${URL}#failed`, action: 'open' }] },
    });
    expect(cx.requests[0]).not.toHaveProperty('enterprise_id');
    const text = lastText(sent);
    expect(text).toContain('**450**\naccounts set');
    expect(text).toContain('**3/3**\nchunks OK');
    expect(text).toContain('✅ Chunk 3 (accounts 401–450): set');
  });

  it('sends LIST items with a millisecond timestamp to one organisation', async () => {
    const before = Date.now();
    await h.say(`/cx card list --org 20001 1008611 --item "出差状态已开启|https://example.com/me"`);
    const r = cx.requests[0] as { enterprise_id: string; show_on_all_enterprise: boolean; data: { items: Array<{ timestamp: number }> } };
    expect(r).toMatchObject({ enterprise_id: '20001', show_on_all_enterprise: false, type: 'LIST' });
    expect(r.data.items[0]?.timestamp).toBeGreaterThanOrEqual(before);
    expect(r.data.items[0]?.timestamp).toBeLessThanOrEqual(Date.now());
  });

  it('reports a failed chunk with its accounts, and Retry failed re-sends only those, once', async () => {
    cx.rejectAccounts.add('1000300');
    const sent = await h.say(`/cx card KEYDATA --all-orgs ${accounts(450).join(' ')} --item "k|1|${URL}"`);
    const text = lastText(sent);
    expect(text).toContain('**250**\naccounts set');
    expect(text).toContain('**200**\naccounts failed');
    expect(text).toContain('❌ Chunk 2 (accounts 201–400): failed · 40000: account');
    expect(text).toContain('What to do: Check the account ids');
    // The first accounts of the chunk; the CSV export has all 200.
    expect(text).toContain('1000201');
    expect(text).toContain('1000210');
    expect(text).not.toContain('1000211');
    expect(text).toContain('…and 190 more (Export CSV for all)');

    cx.rejectAccounts.clear();
    cx.requests.length = 0;
    const retry = button(sent, 'Retry failed');
    const res = await h.click(retry, { messageId: replyId(sent) });
    expect(cx.requests).toHaveLength(1);
    expect(cx.requests[0]?.account_id_list).toEqual(accounts(450).slice(200, 400));
    const after = callbackText(res);
    expect(after).toContain('This retry re-sent 200 accounts.');
    expect(after).toContain('**450**\naccounts set');
    expect(after).toContain('✅ Chunk R1·1 (accounts 201–400): set');
    expect(toastText(res)).toContain('every account is set');

    expect(toastText(await h.click(retry, { messageId: replyId(sent) }))).toContain('Already done');
    expect(cx.requests).toHaveLength(1);
  });

  it('gives the advice of an error once when a few chunks failed with it', async () => {
    for (const a of ['1000001', '1000201', '1000401']) cx.rejectAccounts.add(a);
    const text = lastText(await h.say(`/cx card KEYDATA --all-orgs ${accounts(600).join(' ')} --item "k|1|${URL}"`));
    for (const n of [1, 2, 3]) expect(text).toContain(`❌ Chunk ${n} (accounts`);
    expect(text.split('What to do: Check the account ids')).toHaveLength(2);
    expect(lastText(await h.say(`/cx card KEYDATA --all-orgs ${accounts(600).join(' ')} --item "k|1|${URL}"`), 'zh_cn').split('怎么办：')).toHaveLength(2);
  });

  it('two admins clicking Retry failed at the same moment re-send once', async () => {
    cx.rejectAccounts.add('1000002');
    const sent = await h.say(`/cx card LIST --org 20001 ${accounts(3).join(' ')} --item "a|${URL}"`);
    cx.rejectAccounts.clear();
    cx.requests.length = 0;
    h.emulator.state.latencyMs = 40;
    try {
      const answers = await clickTogether(h, button(sent, 'Retry failed'), replyId(sent), ADMIN);
      expect(cx.requests).toHaveLength(1);
      expect(cx.requests[0]?.account_id_list).toEqual(accounts(3));
      const texts = answers.map(callbackText).filter(Boolean);
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain('This retry re-sent 3 accounts.');
      expect(texts[0]).toContain('✅ Chunk R1·1 (accounts 1–3): set');
      const toasts = answers.map(toastText);
      expect(toasts.filter((x) => x === 'Retry done: every account is set')).toHaveLength(1);
      // Usually "running" (40 ms of latency keeps the first retry busy); "done" if a loaded machine delays the second click.
      expect(toasts.find((x) => x !== 'Retry done: every account is set')).toMatch(/^(Already running \(perhaps someone else clicked\); please wait|Already done; it will not run twice)$/);
    } finally {
      h.emulator.state.latencyMs = 0;
    }
  });

  it('refuses members on the buttons', async () => {
    cx.rejectAccounts.add('1');
    const sent = await h.say(`/cx card LIST --all-orgs 1 --item "a|${URL}"`);
    cx.rejectAccounts.clear();
    cx.requests.length = 0;
    const res = await h.click(button(sent, 'Retry failed'), { as: MEMBER, messageId: replyId(sent) });
    expect(toastText(res)).toContain('only bot admins');
    expect(cx.requests).toHaveLength(0);
    expect(toastText(await h.click(button(sent, 'Export CSV'), { as: MEMBER, messageId: replyId(sent) }))).toContain('only bot admins');
  });

  it('exports a CSV with one row per account', async () => {
    cx.rejectAccounts.add('1000002');
    const sent = await h.say(`/cx card LIST --org 20001 ${accounts(3).join(',')} --item "a|${URL}"`);
    const res = await h.click(button(sent, 'Export CSV'), { messageId: replyId(sent), chatId: h.emulator.state.p2pChat(ADMIN) });
    expect(toastText(res)).toContain('CSV sent');
    const file = h.emulator.state.outbox.at(-1)?.file;
    expect(file?.name).toMatch(/^chengxun-card-\d{12}\.csv$/);
    const lines = (file?.content.toString('utf8') ?? '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('1000001,failed,1,LIST,20001,40000');
  });

  it('refuses members', async () => {
    expect(lastText(await h.say(`/cx card LIST --all-orgs 1 --item "a|${URL}"`, { as: MEMBER }))).toContain('Not allowed');
    expect(calls()).toBe(0);
  });
});

describe('/cx card without configuration', () => {
  it('names the environment variables to set', async () => {
    const bare = await startHarness({ overrides: { CHENGXUN_APP_KEY: undefined, CHENGXUN_CORP_SECRET: undefined } });
    try {
      const text = lastText(await bare.say(`/cx card LIST --all-orgs 1 --item "a|${URL}"`));
      expect(text).toContain('Chengxun is not configured');
      expect(text).toContain('`CHENGXUN_APP_KEY` · `CHENGXUN_CORP_SECRET`');
    } finally {
      await bare.close();
    }
  });
});

describe('/cx Retry that cannot start', () => {
  it('a store refusing the retry job gives the card back with its Retry, which works once there is room', async () => {
    const store = new MemoryStore({ bounds: { unfinished: 1 } });
    const own = await startHarness({ store });
    try {
      const state = cxState(own.emulator.state);
      state.rejectAccounts.add('1000002');
      const sent = await own.say(`/cx card LIST --org 20001 ${accounts(3).join(' ')} --item "a|${URL}"`);
      state.rejectAccounts.clear();
      state.requests.length = 0;
      // Another job holds the only room for unfinished jobs: the retry's job cannot be stored.
      await store.set('unfinished', 'job:cx_other', { id: 'cx_other', state: 'running' });
      const refused = await own.click(button(sent, 'Retry failed'), { messageId: replyId(sent) });
      expect(toastText(refused)).toBe('The retry failed; the card is back as it was, so you can click again');
      expect(callbackText(refused)).toContain('**3**\naccounts failed');
      expect(callbackText(refused)).toContain('Retry failed');
      expect(state.requests).toHaveLength(0);

      await store.delete('unfinished', 'job:cx_other');
      const res = await own.click(button(sent, 'Retry failed'), { messageId: replyId(sent) });
      expect(toastText(res)).toBe('Retry done: every account is set');
      expect(callbackText(res)).toContain('**3**\naccounts set');
      expect(state.requests).toHaveLength(1);
    } finally {
      await own.close();
    }
  });
});
