import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import seed from './seed-batch-get.json' with { type: 'json' };
import { SANDBOX_ADMIN, SANDBOX_MEMBER, type SandboxState } from '../../state.js';
import { PERIOD_STATUS } from './facts.js';
import type { KeyResult, Objective, Okr, OkrPeriod } from './types.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The sandbox tenant's OKR calendar runs on the sandbox bot's zone. */
const TZ = 'Asia/Shanghai';

export interface OkrRecord {
  owner: string;
  okr: Okr;
  /** The caller may see only the id (`permission: 0`), as for OKRs hidden from the app. */
  restricted?: boolean;
}

/** The emulator's OKR world, in `state.ext.okr`. Tests add to it through the helpers below. */
export interface OkrData {
  periods: OkrPeriod[];
  records: OkrRecord[];
  seq: number;
}

/** A period's span as the list API gives it: ms timestamps as strings (feishu-apis.md §6.1). */
function span(startMs: number, endMs: number): Pick<OkrPeriod, 'period_start_time' | 'period_end_time'> {
  return { period_start_time: String(startMs), period_end_time: String(endMs) };
}

/** UNCONFIRMED whether the end is the last millisecond or the next period's start: the emulator says the last millisecond. */
function monthSpan(year: number, month1: number) {
  const start = dayjs.tz(`${year}-${String(month1).padStart(2, '0')}-01`, TZ);
  return span(start.valueOf(), start.endOf('month').valueOf());
}

/** The real batch_get example of seeds/002: its OKR belongs to the sandbox member, in its own period. */
export const SEED_OKR = (seed as { data: { okr_list: Okr[] } }).data.okr_list[0] as Okr;
export const SEED_PERIOD: OkrPeriod = { id: SEED_OKR.period_id as string, zh_name: '2022 年 3 月', en_name: 'Mar 2022', status: PERIOD_STATUS.normal, ...monthSpan(2022, 3) };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const monthPeriodId = (d: dayjs.Dayjs) => `73${d.format('YYYYMM')}00000000001`;

/** Monthly periods from 11 months ago to next month, named like Feishu names them. */
function monthlyPeriods(nowMs: number): OkrPeriod[] {
  const now = dayjs(nowMs).tz(TZ).startOf('month');
  return Array.from({ length: 13 }, (_, i) => {
    const d = now.add(i - 11, 'month');
    return {
      id: monthPeriodId(d),
      zh_name: `${d.year()} 年 ${d.month() + 1} 月`,
      en_name: `${MONTHS[d.month()]} ${d.year()}`,
      status: PERIOD_STATUS.normal,
      ...monthSpan(d.year(), d.month() + 1),
    };
  });
}

/**
 * Periods that also contain now but are not current: one per non-normal status (1 not handled, 2 marked
 * invalid, 3 hidden), each shorter than a month, so that a client which ignores the status picks one of them.
 */
function nonNormalPeriods(nowMs: number): OkrPeriod[] {
  const around = span(nowMs - 3 * 24 * 3600_000, nowMs + 3 * 24 * 3600_000);
  return [
    { id: '7300000000000000097', zh_name: '暂不处理的周期', en_name: 'Not handled period', status: PERIOD_STATUS.notHandled, ...around },
    { id: '7300000000000000098', zh_name: '已失效的周期', en_name: 'Invalid period', status: PERIOD_STATUS.invalid, ...around },
    { id: '7300000000000000099', zh_name: '已隐藏的周期', en_name: 'Hidden period', status: PERIOD_STATUS.hidden, ...around },
  ];
}

/** The monthly period `offset` months from now (0 the current month) of the sandbox calendar. */
export function sandboxMonthPeriod(state: SandboxState, offset = 0): OkrPeriod {
  const id = monthPeriodId(dayjs(state.now()).tz(TZ).startOf('month').add(offset, 'month'));
  return okrData(state).periods.find((p) => p.id === id) as OkrPeriod;
}

/** The current month's period of the sandbox calendar. */
export function sandboxCurrentPeriod(state: SandboxState): OkrPeriod {
  return sandboxMonthPeriod(state, 0);
}

/** Lists one more period, first (the API's order is not documented, so tests choose it). */
export function addSandboxPeriod(state: SandboxState, period: OkrPeriod): void {
  okrData(state).periods.unshift(period);
}

/** A deadline (ms string) on the last day of a period, as the seed example's objectives carry. */
function periodEnd(p: OkrPeriod): string {
  const end = Number(p.period_end_time);
  if (!Number.isFinite(end) || end <= 0) return '0';
  return String(dayjs(end).tz(TZ).startOf('day').valueOf());
}

export function newOkrId(state: SandboxState): string {
  const data = okrData(state);
  data.seq++;
  return `74${String(data.seq).padStart(17, '0')}`;
}

const STATUSES = ['0', '0', '1', '2', '-1'];

/** A plausible objective with `krs` key results; `n` varies the numbers. */
export function sampleObjective(state: SandboxState, n: number, text: string, deadline: string, krs = 2): Objective {
  const kr = (k: number): KeyResult => ({
    id: newOkrId(state),
    content: `${text} · KR${k + 1}`,
    score: (n * 17 + k * 29) % 101,
    weight: Math.round(100 / krs),
    kr_weight: Math.round(100 / krs),
    progress_rate: { percent: (n * 23 + k * 31) % 101, status: STATUSES[(n + k) % STATUSES.length] as string },
    deadline,
    mentioned_user_list: [],
  });
  return {
    id: newOkrId(state),
    permission: 1,
    content: text,
    progress_report: '',
    score: (n * 13) % 101,
    weight: 0,
    progress_rate: { percent: (n * 19) % 101, status: STATUSES[n % STATUSES.length] as string },
    kr_list: Array.from({ length: krs }, (_, k) => kr(k)),
    aligned_objective_list: [],
    aligning_objective_list: [],
    deadline,
    mentioned_user_list: [],
  };
}

/** Adds an OKR for `owner` in `period` with the given objectives; returns it. */
export function addSandboxOkr(state: SandboxState, owner: string, period: OkrPeriod, objectives: Objective[], restricted = false): Okr {
  const okr: Okr = { id: newOkrId(state), permission: 1, period_id: period.id, name: period.zh_name, confirm_status: 4, objective_list: objectives };
  okrData(state).records.push({ owner, okr, ...(restricted ? { restricted } : {}) });
  return okr;
}

/** Builds `count` sample objectives for a period. */
export function sampleObjectives(state: SandboxState, period: OkrPeriod, count: number, label: string, krs = 2): Objective[] {
  const deadline = periodEnd(period);
  const weight = Number((100 / count).toFixed(2));
  return Array.from({ length: count }, (_, i) => ({ ...sampleObjective(state, i + 1, `${label} O${i + 1}`, deadline, krs), weight }));
}

function seedWorld(state: SandboxState): OkrData {
  const data: OkrData = { periods: [], records: [], seq: 0 };
  state.ext.okr = data;
  const months = monthlyPeriods(state.now());
  const [notHandled, ...invalidAndHidden] = nonNormalPeriods(state.now());
  data.periods = [notHandled as OkrPeriod, ...months.slice().reverse(), SEED_PERIOD, ...invalidAndHidden];
  const current = months[11] as OkrPeriod;
  const previous = months[10] as OkrPeriod;
  data.records.push({ owner: SANDBOX_MEMBER, okr: structuredClone(SEED_OKR) });
  addSandboxOkr(state, SANDBOX_MEMBER, current, sampleObjectives(state, current, 2, '成员目标 Member goal'));
  addSandboxOkr(state, SANDBOX_ADMIN, current, sampleObjectives(state, current, 3, '管理员目标 Admin goal'));
  addSandboxOkr(state, SANDBOX_ADMIN, previous, sampleObjectives(state, previous, 1, '上月目标 Last month goal'));
  for (const u of state.users.values()) {
    if (!u.open_id.startsWith('ou_user')) continue;
    addSandboxOkr(state, u.open_id, current, sampleObjectives(state, current, 1, `${u.name} 目标`, 1));
  }
  return data;
}

export function okrData(state: SandboxState): OkrData {
  return (state.ext.okr as OkrData | undefined) ?? seedWorld(state);
}
