import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { normalizePeriodName } from './periodName.js';
import type { OkrPeriod } from './types.js';

dayjs.extend(utc);
dayjs.extend(timezone);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const QUARTER_ZH = ['一', '二', '三', '四'];

/** Period times are strings of unknown format (UNCONFIRMED): ms or s timestamps, or ISO dates. */
export function parsePeriodTime(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) {
    const n = Number(raw);
    if (n <= 0) return undefined;
    return n < 1e11 ? n * 1000 : n;
  }
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Names the current month and quarter may carry, normalised, month names first. */
function candidateNames(nowMs: number, tz: string): string[] {
  const d = dayjs(nowMs).tz(tz);
  const y = d.year();
  const m = d.month() + 1;
  const mm = String(m).padStart(2, '0');
  const mon = MONTHS[m - 1] as string;
  const q = Math.floor((m - 1) / 3) + 1;
  const qs = (q - 1) * 3 + 1;
  const qe = qs + 2;
  const short = (i: number) => (MONTHS[i - 1] as string).slice(0, 3);
  const month = [`${y}年${m}月`, `${y}年${mm}月`, `${mon}${y}`, `${mon.slice(0, 3)}${y}`, `${y}-${mm}`, `${y}/${mm}`, `${y}${mon}`];
  const quarter = [
    `${y}q${q}`, `q${q}${y}`, `${y}年q${q}`, `${y}年第${QUARTER_ZH[q - 1]}季度`, `${y}年第${q}季度`,
    `${y}年${qs}月-${qe}月`, `${y}年${qs}月-${y}年${qe}月`, `${short(qs)}-${short(qe)}${y}`, `${MONTHS[qs - 1]}-${MONTHS[qe - 1]}${y}`,
  ];
  return [...month, ...quarter].map(normalizePeriodName);
}

/** Only a normal period can be current; a period without a status is taken as normal. */
const isNormal = (p: OkrPeriod) => (p.status ?? 0) === 0;

/**
 * The current period (feishu-apis.md §6.1): a period in normal status (0) whose span contains now, as the
 * official larksuite/cli picks it; status 1 (not handled), 2 (invalid) and 3 (hidden) are never current.
 * When several contain now (a year and a quarter, say), the shortest span wins. Only when no normal period
 * carries times (older answers lack them) does the name decide: the current month, then the current quarter,
 * in BOT_TIMEZONE. No match: there is no current period.
 */
export function pickCurrentPeriod(periods: readonly OkrPeriod[], nowMs: number, tz: string): OkrPeriod | undefined {
  const normal = periods.filter(isNormal);
  const timed = normal.flatMap((p) => {
    const start = parsePeriodTime(p.period_start_time);
    const end = parsePeriodTime(p.period_end_time);
    return start !== undefined && end !== undefined ? [{ p, start, end }] : [];
  });
  if (timed.length > 0) {
    const containing = timed.filter(({ start, end }) => start <= nowMs && nowMs <= end);
    return containing.sort((a, b) => a.end - a.start - (b.end - b.start))[0]?.p;
  }
  for (const name of candidateNames(nowMs, tz)) {
    const hit = normal.find((p) => [p.zh_name, p.en_name].some((n) => n !== undefined && normalizePeriodName(n) === name));
    if (hit) return hit;
  }
  return undefined;
}
