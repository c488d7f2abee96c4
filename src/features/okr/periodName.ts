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
