/** Long result lists: read as charts and reasons, in each reader's language, within the card limits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttons, cardText, startHarness, type Harness } from '../helpers/harness.js';
import { addPeople, lastCard } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('/status result for a long list', () => {
  it('shows a long failure list as a donut by outcome and one panel per reason, each in the reader\'s language', async () => {
    const people = addPeople(h, 40, 'ou_okay');
    const nobody = Array.from({ length: 260 }, (_, i) => `ou_nobody${String(i).padStart(23, '0')}`);
    const sent = await h.say(`/status open 出差 ${[...people, ...nobody].join(' ')}`);
    const ok = await h.click(buttons(sent[0])['Confirm (300 people)'], { messageId: sent[0]!.message_id, chatId: sent[0]!.chat_id });
    expect(ok.body.toast.content).toBe('Done');
    const result = lastCard(h);
    const en = cardText(result);
    const zh = cardText(result, 'zh_cn');
    expect(en).toContain('[chart: pie]');
    expect(en).toMatch(/●<\/font> ① On and shown \(`success_show`\): \*\*40\*\* \(13\.3%\)/);
    expect(en).toMatch(/●<\/font> ② Not a valid user ID \(`invalid_user_id`\): \*\*260\*\* \(86\.7%\)/);
    expect(zh).toMatch(/●<\/font> ② 无效的用户 ID（`invalid_user_id`）：\*\*260\*\*（86\.7%）/);
    expect(en).toContain('▸ ❌ **260** people · Not a valid user ID');
    expect(zh).toContain('▸ ❌ **260** 人 · 无效的用户 ID');
    expect(en).toContain('…and 250 more (Export CSV for all)');
    expect(zh).toContain('…另有 250 个（导出 CSV 查看全部）');
    expect(en).toContain(`\`${nobody[0]}\``);
    expect(en).not.toContain(nobody[10] as string);
    const chart = JSON.stringify(result.card).match(/"tag":"chart"/g) ?? [];
    expect(chart).toHaveLength(1);
  });

});
