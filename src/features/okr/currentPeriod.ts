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

/**
 * UNCONFIRMED rule for "the current period" (the API has no such notion):
 * 1. the period whose start/end times contain now, when the API gives times (their format is unconfirmed);
 * 2. else a period whose name is the current month, then the current quarter, in BOT_TIMEZONE;
 * 3. else the first period in normal status (status 0), else the first period.
 * Hidden or invalid periods (status 2, 3) are only chosen by rule 3's last fallback.
 */
export function pickCurrentPeriod(periods: readonly OkrPeriod[], nowMs: number, tz: string): OkrPeriod | undefined {
  const usable = periods.filter((p) => p.status === undefined || p.status === 0 || p.status === 1);
  const byTime = usable.find((p) => {
    const start = parsePeriodTime(p.period_start_time);
    const end = parsePeriodTime(p.period_end_time);
    return start !== undefined && end !== undefined && start <= nowMs && nowMs < end;
  });
  if (byTime) return byTime;
  for (const name of candidateNames(nowMs, tz)) {
    const hit = usable.find((p) => [p.zh_name, p.en_name].some((n) => n !== undefined && normalizePeriodName(n) === name));
    if (hit) return hit;
  }
  return periods.find((p) => (p.status ?? 0) === 0) ?? periods[0];
}
