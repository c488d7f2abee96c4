import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type request from 'supertest';
import type { Recorded } from '../../src/sandbox/state.js';
import { ADMIN, startHarness, type Harness } from '../helpers/harness.js';
import { button, clickTogether, replyId, SECOND_ADMIN, toastText } from '../helpers/vendors.js';
import { uid } from '../status/helpers.js';

let h: Harness;
let now = Date.parse('2026-03-10T02:00:00Z');
beforeAll(async () => {
  h = await startHarness({ now: () => now, overrides: { BOT_ADMINS: [ADMIN, SECOND_ADMIN] } });
});
afterAll(() => h.close());

const zhToast = (res: request.Response) => String((res.body as { toast?: { i18n?: { zh_cn?: string } } }).toast?.i18n?.zh_cn ?? '');

/** A finished job of each batch kind, with its Export CSV button and the message it sits on. */
const runs: Array<[string, () => Promise<Recorded[]>]> = [
  ['status', () => h.say(`/status open 出差 ${uid(1)} ${uid(2)} --until 2h`)],
  ['jing', () => h.say('/jing status etDemoActivity0001 u1 u2 --signin 1')],
  ['cx', () => h.say('/cx card LIST --org 20001 1000001,1000002 --item "a|https://example.com/r"')],
];

describe.each(runs)('Export CSV again (%s)', (_kind, run) => {
  const exportOf = async () => {
    const sent = await run();
    // Status answers with a reply that is then patched; the vendors' cards are replies too.
    return { value: button(sent, 'Export CSV'), messageId: replyId(sent) };
  };
  const files = (from: number) => h.emulator.state.outbox.slice(from).filter((r) => r.file);
  const click = (value: unknown, messageId: string, as = ADMIN) => h.click(value, { as, messageId, chatId: h.emulator.state.p2pChat(ADMIN) });

  it('sends the file again a minute later', async () => {
    const { value, messageId } = await exportOf();
    const from = h.emulator.state.outbox.length;
    expect(toastText(await click(value, messageId))).toContain('CSV sent');
    now += 60_000;
    expect(toastText(await click(value, messageId))).toContain('CSV sent');
    expect(files(from)).toHaveLength(2);
  });

  it('inside the minute sends one file and says when it can be sent again, in both languages', async () => {
    const { value, messageId } = await exportOf();
    const from = h.emulator.state.outbox.length;
    await click(value, messageId);
    now += 20_000;
    const again = await click(value, messageId);
    expect(toastText(again)).toMatch(/^Sent at \d\d:\d\d:\d\d; it can be sent again from \d\d:\d\d:\d\d \(in 40 s\)$/);
    expect(zhToast(again)).toContain('40 秒后');
    expect(toastText(again)).not.toContain('will not run twice');
    expect(files(from)).toHaveLength(1);
    now += 60_000;
  });

  it('two admins clicking at once get one file', async () => {
    const { value, messageId } = await exportOf();
    const from = h.emulator.state.outbox.length;
    const answers = await clickTogether(h, value, messageId, ADMIN);
    expect(answers.map(toastText).filter((s) => s.includes('CSV sent'))).toHaveLength(1);
    expect(files(from)).toHaveLength(1);
    now += 60_000;
  });
});
