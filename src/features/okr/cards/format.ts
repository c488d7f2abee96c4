import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { t, type RichText, type Text } from '../../../cards-kit/i18n.js';
import { m } from '../../../cards-kit/markdown.js';
import type { Objective, ProgressRate } from '../types.js';

dayjs.extend(utc);
dayjs.extend(timezone);

interface StatusStyle {
  color: 'green' | 'orange' | 'red' | 'grey';
  text: Text;
}

const STATUS: Record<string, StatusStyle> = {
  '0': { color: 'green', text: t('正常', 'Normal') },
  '1': { color: 'orange', text: t('有风险', 'At risk') },
  '2': { color: 'red', text: t('已延期', 'Behind') },
};
const NO_STATUS: StatusStyle = { color: 'grey', text: t('未设置', 'No status') };

export const statusOf = (rate: ProgressRate | undefined): StatusStyle => STATUS[rate?.status ?? '-1'] ?? NO_STATUS;

/** The coloured status word, e.g. <font color='orange'>At risk</font>. */
export function statusText(rate: ProgressRate | undefined): RichText {
  const s = statusOf(rate);
  return t(m`<font color='${s.color}'>${s.text.zh_cn}</font>`, m`<font color='${s.color}'>${s.text.en_us}</font>`);
}

export const percentOf = (rate: ProgressRate | undefined): number => Math.max(0, Math.round(rate?.percent ?? 0));

/** Deadlines are ms timestamps as strings; "0" or nothing means none. Shown as a date in the bot's zone. */
export function formatDeadline(raw: string | undefined, tz: string): string {
  const ms = raw && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(ms) || ms <= 0) return '–';
  return dayjs(ms).tz(tz).format('YYYY-MM-DD');
}

/** Weights are floats 0–100; shown without trailing zeros. */
export const formatWeight = (w: number | undefined): string => (w === undefined || !Number.isFinite(w) ? '–' : `${Number(w.toFixed(2))}%`);

/** OKR text as one line of plain text (escaped where it lands in markdown); @mentions arrive already rendered as names. */
export const okrText = (s: string | undefined, max = 300): string => {
  const line = (s ?? '').replace(/\s+/g, ' ').trim();
  return (line.length > max ? `${line.slice(0, max)}…` : line) || '–';
};

/**
 * Overall progress of an OKR: the weight-weighted mean of its objectives' percents (plain mean when no
 * weights are set). Feishu does not return an overall figure; this is ours.
 */
export function overallPercent(objectives: readonly Objective[]): number | undefined {
  if (objectives.length === 0) return undefined;
  const weights = objectives.map((o) => (o.weight && o.weight > 0 ? o.weight : 0));
  const total = weights.reduce((a, b) => a + b, 0);
  const sum = objectives.reduce((acc, o, i) => acc + percentOf(o.progress_rate) * (total > 0 ? (weights[i] as number) : 1), 0);
  return Math.round(sum / (total > 0 ? total : objectives.length));
}

export const CONFIRM_STATUS: Record<number, Text> = {
  0: t('初始', 'Draft'),
  1: t('未提交', 'Not submitted'),
  2: t('待确认', 'Pending confirmation'),
  3: t('已驳回', 'Returned'),
  4: t('已确认', 'Confirmed'),
};
