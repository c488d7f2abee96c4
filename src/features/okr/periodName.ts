import type { OkrPeriod } from './types.js';

/** Case- and space-insensitive form of a period name: "2026 年 11 月" and "2026年11月" are the same. */
export const normalizePeriodName = (name: string): string =>
  name.normalize('NFKC').toLowerCase().replace(/\s+/g, '').replace(/[–—~～]/g, '-');

export function periodLabel(p: OkrPeriod): { zh_cn: string; en_us: string } {
  const zh = p.zh_name || p.en_name || p.id;
  const en = p.en_name || p.zh_name || p.id;
  return { zh_cn: zh, en_us: en };
}

/** Finds a period by its Chinese or English name (or its id). */
export function findPeriod(periods: readonly OkrPeriod[], query: string): OkrPeriod | undefined {
  const q = normalizePeriodName(query);
  if (!q) return undefined;
  return (
    periods.find((p) => p.id === query.trim()) ??
    periods.find((p) => [p.zh_name, p.en_name].some((n) => n !== undefined && normalizePeriodName(n) === q))
  );
}

const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZH_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/**
 * What a period name says, as keys: `y2026`, `m12`, `q4`, `h1`. "2026 年 12 月", "Dec 2026", "十二月", "Q4",
 * "第四季度", "2026 H1", "上半年" all read the same way whichever language they were written in.
 */
export function periodKeys(name: string): Set<string> {
  const s = name.normalize('NFKC').toLowerCase();
  const keys = new Set<string>();
  for (const y of s.matchAll(/(?<!\d)(\d{4})(?!\d)/g)) keys.add(`y${y[1]}`);
  const rest = s.replace(/(?<!\d)\d{4}(?!\d) ?年?/g, ' ');
  for (const mo of rest.matchAll(/(?<!\d)(\d{1,2}) ?月/g)) keys.add(`m${Number(mo[1])}`);
  for (const mo of rest.matchAll(/(十[一二]?|[一二三四五六七八九])月/g)) keys.add(`m${ZH_DIGITS.indexOf(mo[1] as string)}`);
  for (const mo of rest.matchAll(/\b([a-z]{3})[a-z]*\b/g)) if (EN_MONTHS.includes(mo[1] as string)) keys.add(`m${EN_MONTHS.indexOf(mo[1] as string) + 1}`);
  for (const q of rest.matchAll(/q ?([1-4])|第? ?([1-4一二三四]) ?季度?/g)) keys.add(`q${q[1] ?? (/\d/.test(q[2] as string) ? q[2] : ZH_DIGITS.indexOf(q[2] as string))}`);
  for (const h of rest.matchAll(/\bh([12])\b|([上下])半年/g)) keys.add(`h${h[1] ?? (h[2] === '上' ? 1 : 2)}`);
  return keys;
}

/**
 * The periods `query` names: an exact name or id gives that one period; otherwise every normal period
 * whose name says all the query says (`十二月`, `Dec`, `Q4`, `2026 Q4`). Empty when none does.
 */
export function matchPeriods(periods: readonly OkrPeriod[], query: string): OkrPeriod[] {
  const exact = findPeriod(periods, query);
  if (exact) return [exact];
  const wanted = [...periodKeys(query)];
  if (wanted.length === 0) return [];
  return periods.filter((p) => {
    if ((p.status ?? 0) !== 0) return false;
    const has = new Set([...periodKeys(p.zh_name ?? ''), ...periodKeys(p.en_name ?? '')]);
    return wanted.every((k) => has.has(k));
  });
}
