import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { infoCard } from '../../cards-kit/common.js';
import { t, type RichText } from '../../cards-kit/i18n.js';
import type { Card } from '../../cards-kit/kit.js';
import { m } from '../../cards-kit/markdown.js';
import { nameOrId, namesHint } from '../../cards-kit/names.js';
import type { AuditRecord } from '../../observe/audit.js';

dayjs.extend(utc);
dayjs.extend(timezone);

const RESULT = {
  done: t('完成', 'done'),
  refused: t('被拒绝', 'refused'),
  failed: t('失败', 'failed'),
} as const;

const outcomesOf = (o: Record<string, number>): string => Object.entries(o).map(([k, n]) => `${k} ${n}`).join(', ') || '-';

function row(r: AuditRecord, tz: string, names: Readonly<Record<string, string>>): RichText {
  const when = dayjs(r.at).tz(tz).format('YYYY-MM-DD HH:mm:ss');
  const who = nameOrId(r.actor, names);
  const outcomes = outcomesOf(r.outcomes);
  const job = r.jobId ?? '-';
  return t(
    m`${when} · ${who} · ${r.kind === 'click' ? '点击' : '命令'} ${r.what} · ${r.people} 人 · ${outcomes} · ${RESULT[r.result].zh_cn} · 任务 ${job}`,
    m`${when} · ${who} · ${r.kind} ${r.what} · ${r.people} people · ${outcomes} · ${RESULT[r.result].en_us} · job ${job}`,
  );
}

/** Who did it, by name where known; `noPermission`: the app may not read names (the card says how to get them). */
export interface AuditNames {
  names: Readonly<Record<string, string>>;
  noPermission: boolean;
}

/** The newest audit records, one row each, times in the bot's time zone (`tz`). */
export function auditCard(records: readonly AuditRecord[], tz: string, who: AuditNames = { names: {}, noPermission: false }): Card {
  const title = t('操作记录', 'Audit trail');
  if (records.length === 0) {
    return infoCard(title, [t(
      '还没有记录：写操作（/status open|close、/jing status、/cx card 及其按钮）执行后会记录在这里，保留 90 天。',
      'Nothing recorded yet: writes (/status open|close, /jing status, /cx card and their buttons) are recorded here once run, and kept for 90 days.',
    )]);
  }
  return infoCard(title, [
    t(`最近 ${records.length} 条（最新在前，时区 ${tz}）`, `The newest ${records.length} (newest first, time zone ${tz})`),
    ...records.map((r) => row(r, tz, who.names)),
  ], 'blue', who.noPermission ? [namesHint()] : []);
}
