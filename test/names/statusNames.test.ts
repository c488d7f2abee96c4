import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contactData } from '../../src/sandbox/feishu/contact/routes.js';
import { buttons, cardText, startHarness, type Harness } from '../helpers/harness.js';
import { addPeople, lastCard, uid } from '../status/helpers.js';

const NOBODY = 'ou_nobody000000000000000000000001';
const HINT_EN = 'Showing open_ids: grant the app `contact:contact.base:readonly` and `contact:user.base:readonly`';
const HINT_ZH = '显示的是 open_id：为应用开通 `contact:contact.base:readonly` 和 `contact:user.base:readonly` 权限';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  contactData(h.emulator.state).granted = true;
});

const resign = (id: string) => h.emulator.state.users.set(id, { ...h.emulator.state.users.get(id)!, resigned: true });

describe('/status shows people by name', () => {
  it('names the people who did not succeed in the failure table, in both languages; an unknown id stays an id', async () => {
    resign(uid(5));
    await h.say(`/status open 出差 ${uid(5)} ${uid(6)} ${NOBODY}`);
    const card = lastCard(h);
    for (const locale of ['en_us', 'zh_cn'] as const) {
      const text = cardText(card, locale);
      expect(text).toContain(`同事5 \`${uid(5)}\``);
      expect(text).toMatch(new RegExp(`\n  \`${NOBODY}\``));
      expect(text).not.toContain('同事6');
      expect(text).not.toContain('open_id：为应用开通');
      expect(text).not.toContain('Showing open_ids');
    }
  });

  it('fills the CSV name column, also for those who succeeded', async () => {
    await h.say(`/status open 出差 ${uid(7)} ${uid(8)} ${NOBODY}`);
    const card = lastCard(h);
    h.mark();
    await h.click(buttons(card)['Export CSV'], { messageId: card.message_id, chatId: card.chat_id });
    const csv = h.sent().find((r) => r.file)!.file!.content.toString('utf8').replace(/^\uFEFF/, '').trim().split('\n');
    expect(csv[0]).toMatch(/^open_id,name,/);
    expect(csv.find((l) => l.startsWith(uid(7)))).toContain(`${uid(7)},同事7,`);
    expect(csv.find((l) => l.startsWith(uid(8)))).toContain(`${uid(8)},同事8,`);
    expect(csv.find((l) => l.startsWith(NOBODY))).toContain(`${NOBODY},,`);
  });

  it('names the sample of a preview (Confirm card), escaped', async () => {
    const people = addPeople(h, 210, 'ou_nmpv');
    h.emulator.state.users.set(people[0]!, { ...h.emulator.state.users.get(people[0]!)!, name: '**Bold** <at id=all>' });
    const sent = await h.say(`/status open 出差 ${people.join(' ')}`);
    const raw = JSON.stringify(sent[0]!.card);
    expect(raw).not.toContain('<at id=all>');
    expect(raw).not.toContain('**Bold**');
    expect(cardText(sent[0], 'en_us')).toContain(`Including: **Bold** <at id=all>, P${people[1]!.slice(-4)}, P${people[2]!.slice(-4)}`);
    expect(cardText(sent[0], 'zh_cn')).toContain(`包括：**Bold** <at id=all>、P${people[1]!.slice(-4)}`);
  });

  it('without the contact scope, shows open_ids with one line saying which scopes to grant, and still runs', async () => {
    contactData(h.emulator.state).granted = false;
    resign(uid(9));
    await h.say(`/status open 出差 ${uid(9)} ${uid(10)}`);
    const card = lastCard(h);
    const en = cardText(card, 'en_us');
    expect(en).toContain('Partly failed');
    expect(en).toContain(`Has left the company\n  \`${uid(9)}\``);
    expect(en.split(HINT_EN)).toHaveLength(2);
    expect(cardText(card, 'zh_cn').split(HINT_ZH)).toHaveLength(2);

    const people = addPeople(h, 201, 'ou_nmnp');
    const sent = await h.say(`/status open 出差 ${people.join(' ')}`);
    expect(cardText(sent[0], 'en_us')).toContain(`Including: \`${people[0]}\`, \`${people[1]}\``);
    expect(cardText(sent[0], 'en_us').split(HINT_EN)).toHaveLength(2);
    expect(cardText(sent[0], 'zh_cn').split(HINT_ZH)).toHaveLength(2);
  });

  it('a failing name lookup never fails the batch', async () => {
    h.emulator.state.injectFault({ api: 'contact.user.batch', status: 500, times: 10 });
    resign(uid(11));
    await h.say(`/status open 出差 ${uid(11)} ${uid(12)}`);
    const en = cardText(lastCard(h), 'en_us');
    expect(en).toContain('Partly failed');
    expect(en).toMatch(new RegExp(`\n  \`${uid(11)}\``));
    expect(en).not.toContain('Showing open_ids');
    h.emulator.state.faults.length = 0;
  });
});
