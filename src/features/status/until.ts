import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { t, type Text } from '../../cards-kit/i18n.js';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** batch_open refuses an end_time more than 365 days from now (feishu-apis.md §5.2). */
export const MAX_AHEAD_MS = 365 * DAY;

export type UntilResult = { ok: true; endMs: number } | { ok: false; problem: Text };

export const UNTIL_FORMATS = '2h, 90m, 3d, 18:00, tomorrow 09:00, 2026-12-01, 2026-12-01 18:00';
export const UNTIL_FORMATS_ZH = '2小时、30分钟、3天、18点、18点30、今天18:00、明天9点、明天 09:00、2026-12-01、2026-12-01 18:00（也可写 2h、90m、3d）';

const notUnderstood = (raw: string): UntilResult => ({
  ok: false,
  problem: t(
    `无法识别时间「${raw}」。可用格式：${UNTIL_FORMATS_ZH}`,
    `"${raw}" is not a time I understand. Use one of: ${UNTIL_FORMATS}`,
  ),
});

/** Wall-clock time `hh:mm[:ss]` on `date` (YYYY-MM-DD) in `tz`, as epoch ms; undefined when it does not exist. */
function at(date: string, time: string, tz: string): number | undefined {
  const text = `${date} ${time}`;
  const fmt = time.length > 5 ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm';
  if (!dayjs(text, fmt, true).isValid()) return undefined;
  return dayjs.tz(text, fmt, tz).valueOf();
}

const dayOf = (ms: number, tz: string, plusDays = 0): string => dayjs(ms).tz(tz).add(plusDays, 'day').format('YYYY-MM-DD');
const endOfDay = (date: string, tz: string): number => at(date, '23:59:59', tz) as number;
const pad = (hhmm: string): string => hhmm.padStart(5, '0');

/** Formats an end time for people, in the bot's time zone. */
export function formatEnd(ms: number, tz: string): string {
  return dayjs(ms).tz(tz).format('YYYY-MM-DD HH:mm');
}

/** When --until is left out: end of today, or end of tomorrow when less than an hour of today is left. */
export function defaultUntil(nowMs: number, tz: string): number {
  const today = endOfDay(dayOf(nowMs, tz), tz);
  return today - nowMs < HOUR ? endOfDay(dayOf(nowMs, tz, 1), tz) : today;
}

const CN_UNITS: Array<[RegExp, string]> = [[/^(\d+) ?(?:个)?(?:小时|钟头)$/, '$1h'], [/^(\d+) ?分钟?$/, '$1m'], [/^(\d+) ?(?:天|日)$/, '$1d']];

/**
 * Rewrites the ways people write a time into the forms `parse` reads: `2小时`, `30分钟`, `3天` as durations;
 * `18点`, `18点30`, `9点半`, `下午6点` as clock times; `今天18:00` and `明天9点` with the day word apart.
 */
export function canonicalTime(raw: string): string {
  let s = raw.normalize('NFKC').trim().toLowerCase().replace(/：/g, ':').replace(/\s+/g, ' ');
  for (const [re, to] of CN_UNITS) s = s.replace(re, to);
  s = s.replace(/(?:(上午|早上|中午|下午|晚上) ?)?(\d{1,2}) ?[点時时](?:(半)|(\d{1,2}) ?分?)?$/, (_, partOfDay: string | undefined, h: string, isHalf, min: string | undefined) => {
    const afternoon = partOfDay !== undefined && ['下午', '晚上'].includes(partOfDay) && Number(h) < 12;
    return `${afternoon ? Number(h) + 12 : h}:${isHalf ? '30' : (min ?? '00').padStart(2, '0')}`;
  });
  return s.replace(/^(今天|明天)(?=\d)/, '$1 ');
}

function parse(raw: string, nowMs: number, tz: string): number | undefined | 'bad' {
  const s = canonicalTime(raw);
  const rel = /^(\d{1,6}) ?(m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days)$/.exec(s);
  if (rel) {
    const n = Number(rel[1]);
    const unit = (rel[2] as string)[0] === 'm' ? MINUTE : (rel[2] as string)[0] === 'h' ? HOUR : DAY;
    return n > 0 ? nowMs + n * unit : 'bad';
  }
  const clock = /^(\d{1,2}:\d{2})$/.exec(s);
  if (clock) {
    const today = at(dayOf(nowMs, tz), pad(clock[1] as string), tz);
    if (today === undefined) return 'bad';
    return today > nowMs ? today : at(dayOf(nowMs, tz, 1), pad(clock[1] as string), tz);
  }
  const named = /^(today|tomorrow|今天|明天)(?: (\d{1,2}:\d{2}))?$/.exec(s);
  if (named) {
    const date = dayOf(nowMs, tz, named[1] === 'today' || named[1] === '今天' ? 0 : 1);
    return named[2] ? at(date, pad(named[2]), tz) ?? 'bad' : endOfDay(date, tz);
  }
  const dated = /^(\d{4}-\d{2}-\d{2})(?:[ t](\d{1,2}:\d{2}))?$/.exec(s);
  if (dated) {
    if (!dayjs(dated[1], 'YYYY-MM-DD', true).isValid()) return 'bad';
    return dated[2] ? at(dated[1] as string, pad(dated[2]), tz) ?? 'bad' : endOfDay(dated[1] as string, tz);
  }
  return undefined;
}

/**
 * Reads `--until` in the bot's time zone: a duration (2h, 90m, 3d), a clock time (18:00: today, or
 * tomorrow if already past), `tomorrow 09:00`, a date (the end of that day) or a date and time.
 * The result must be in the future and at most 365 days ahead.
 */
export function parseUntil(raw: string | undefined, nowMs: number, tz: string): UntilResult {
  if (raw === undefined || raw.trim() === '') return { ok: true, endMs: defaultUntil(nowMs, tz) };
  const endMs = parse(raw, nowMs, tz);
  if (endMs === undefined || endMs === 'bad') return notUnderstood(raw);
  if (endMs <= nowMs) {
    const when = formatEnd(endMs, tz);
    return { ok: false, problem: t(`「${raw}」（${when} ${tz}）已经过去了，请给一个将来的时间`, `"${raw}" (${when} ${tz}) is in the past; give a later time`) };
  }
  if (endMs - nowMs > MAX_AHEAD_MS) {
    return { ok: false, problem: t(`「${raw}」超过 365 天；飞书只允许设置 365 天以内的结束时间`, `"${raw}" is more than 365 days ahead; Feishu allows at most 365 days`) };
  }
  return { ok: true, endMs };
}

/**
 * `--until tomorrow 09:00` arrives as the flag value `tomorrow` plus a loose word `09:00` among the
 * targets (only quotes keep them together). A clock time can never be a target, so rejoin them.
 */
export function rejoinUntil(until: string | undefined, targets: string[]): { until: string | undefined; targets: string[] } {
  if (until === undefined) return { until, targets };
  // `--until 2 hours`: the unit was split off the number.
  const unit = /^\d{1,6}$/.test(until.trim()) ? targets.findIndex((w) => /^(m|min|mins|minutes?|h|hrs?|hours?|d|days?|小时|个小时|分钟|天)$/i.test(w)) : -1;
  if (unit >= 0) return { until: `${until} ${targets[unit]}`, targets: targets.filter((_, j) => j !== unit) };
  if (!/^(today|tomorrow|今天|明天|\d{4}-\d{2}-\d{2})$/i.test(until.trim())) return { until, targets };
  const i = targets.findIndex((w) => /^(\d{1,2}[:：]\d{2}|(上午|下午|晚上)?\d{1,2}[点时](半|\d{1,2}分?)?)$/.test(w));
  if (i < 0) return { until, targets };
  return { until: `${until} ${targets[i]}`, targets: targets.filter((_, j) => j !== i) };
}
