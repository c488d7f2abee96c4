import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactData } from '../../src/sandbox/feishu/contact/routes.js';
import { ADMIN, cardText, MEMBER, startHarness, type Harness } from '../helpers/harness.js';
import { uid } from '../status/helpers.js';

const HINT_EN = 'Showing open_ids: grant the app `contact:contact.base:readonly` and `contact:user.base:readonly`';
const HINT_ZH = '显示的是 open_id：为应用开通 `contact:contact.base:readonly` 和 `contact:user.base:readonly` 权限';

describe('the audit card and OKR owners by name', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('/audit names who did each write, in both languages', async () => {
    await h.say(`/status open 出差 ${uid(1)}`);
    const card = (await h.say('/audit'))[0];
    expect(cardText(card, 'en_us')).toMatch(/ · 管理员小安 · command status\.open · 1 people/);
    expect(cardText(card, 'zh_cn')).toMatch(/ · 管理员小安 · 命令 status\.open · 1 人/);
    expect(cardText(card, 'en_us')).not.toContain(ADMIN);
    expect(cardText(card, 'en_us')).not.toContain('Showing open_ids');
  });

  it('/okr names the owner, in both languages', async () => {
    const card = (await h.say('/okr', { as: MEMBER }))[0];
    expect(cardText(card, 'en_us')).toContain('**Owner** 成员小明');
    expect(cardText(card, 'zh_cn')).toContain('**负责人** 成员小明');
    expect(cardText(card, 'en_us')).not.toContain('Showing open_ids');
  });
});

describe('without the contact scope', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    contactData(h.emulator.state).granted = false;
  });
  afterAll(() => h.close());

  it('/audit shows open_ids and one line saying how to get names', async () => {
    await h.say(`/status open 出差 ${uid(2)}`);
    const card = (await h.say('/audit'))[0];
    expect(cardText(card, 'en_us')).toContain(` · \`${ADMIN}\` · command status.open`);
    expect(cardText(card, 'en_us').split(HINT_EN)).toHaveLength(2);
    expect(cardText(card, 'zh_cn').split(HINT_ZH)).toHaveLength(2);
  });

  it('/okr shows the owner as an open_id and one line saying how to get names', async () => {
    const card = (await h.say('/okr', { as: MEMBER }))[0];
    expect(cardText(card, 'en_us')).toContain(`**Owner** \`${MEMBER}\``);
    expect(cardText(card, 'en_us')).toContain('Member goal O1');
    expect(cardText(card, 'en_us').split(HINT_EN)).toHaveLength(2);
    expect(cardText(card, 'zh_cn').split(HINT_ZH)).toHaveLength(2);
  });
});
