import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import type { KeyResult, Objective, Okr, OkrPeriod } from '../../../features/okr/types.js';
import seed from './seed-batch-get.json' with { type: 'json' };
import { SANDBOX_ADMIN, SANDBOX_MEMBER, type SandboxState } from '../../state.js';

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

/** The real batch_get example of seeds/002: its OKR belongs to the sandbox member, in its own period. */
export const SEED_OKR = (seed as { data: { okr_list: Okr[] } }).data.okr_list[0] as Okr;
export const SEED_PERIOD: OkrPeriod = { id: SEED_OKR.period_id as string, zh_name: '2022 年 3 月', en_name: 'Mar 2022', status: 0 };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Monthly periods from 11 months ago to next month, named like Feishu names them. */
function monthlyPeriods(nowMs: number): OkrPeriod[] {
  const now = dayjs(nowMs).tz(TZ).startOf('month');
  return Array.from({ length: 13 }, (_, i) => {
    const d = now.add(i - 11, 'month');
    return {
      id: `73${d.format('YYYYMM')}00000000001`,
      zh_name: `${d.year()} 年 ${d.month() + 1} 月`,
      en_name: `${MONTHS[d.month()]} ${d.year()}`,
      status: 0,
    };
  });
}

/** The current month's period of the sandbox calendar. */
export function sandboxCurrentPeriod(state: SandboxState): OkrPeriod {
  return okrData(state).periods.find((p) => p.id === `73${dayjs(state.now()).tz(TZ).format('YYYYMM')}00000000001`) as OkrPeriod;
}

function periodEnd(p: OkrPeriod): string {
  const m = /^73(\d{4})(\d{2})/.exec(p.id);
  if (!m) return '0';
  return String(dayjs.tz(`${m[1]}-${m[2]}-01`, TZ).endOf('month').startOf('day').valueOf());
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
  data.periods = [...months.slice().reverse(), SEED_PERIOD, { id: '7300000000000000099', zh_name: '已隐藏的周期', en_name: 'Hidden period', status: 3 }];
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
