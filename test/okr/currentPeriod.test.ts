import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSandboxPeriod, okrData, sandboxCurrentPeriod } from '../../src/sandbox/feishu/okr/data.js';
import { cardText, MEMBER, startHarness, type Harness } from '../helpers/harness.js';

dayjs.extend(utc);
dayjs.extend(timezone);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** A normal period of the sandbox calendar (Asia/Shanghai): `months` long from `start`. */
function normalPeriod(id: string, name: string, start: dayjs.Dayjs, months: number) {
  const end = start.add(months, 'month').subtract(1, 'millisecond');
  return { id, zh_name: name, en_name: name, status: 0, period_start_time: String(start.valueOf()), period_end_time: String(end.valueOf()) };
}
const thisMonth = () => dayjs(Date.now()).tz('Asia/Shanghai').startOf('month');

describe('/okr picks the current period the way the platform defines it', () => {
  it('skips the not-handled period that contains now and takes the month over its quarter and year', async () => {
    const state = h.emulator.state;
    // Listed first, so that a client taking the first period that contains now would take them.
    addSandboxPeriod(state, normalPeriod('7300000000000000201', 'This quarter', thisMonth().subtract(thisMonth().month() % 3, 'month'), 3));
    addSandboxPeriod(state, normalPeriod('7300000000000000202', 'This year', thisMonth().startOf('year'), 12));
    expect(okrData(state).periods.find((p) => p.status === 1)).toBeDefined();
    const text = cardText((await h.say('/okr', { as: MEMBER }))[0]);
    expect(text).toContain(`**Period** ${sandboxCurrentPeriod(state).en_name}`);
    expect(text).toContain('成员目标 Member goal O1');
  });

  it('takes the quarter once the month is no longer normal', async () => {
    sandboxCurrentPeriod(h.emulator.state).status = 1;
    const text = cardText((await h.say('/okr', { as: MEMBER }))[0]);
    expect(text).toContain('There are no OKRs for **This quarter** yet');
  });
});
