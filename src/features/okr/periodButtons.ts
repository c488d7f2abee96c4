import type { PeriodButton } from './cards/summary.js';
import type { ButtonValue } from '../../framework/buttons.js';
import { parsePeriodTime } from './currentPeriod.js';
import { periodLabel } from './periodName.js';
import type { OkrLang, OkrPeriod } from './types.js';

/** Buttons in the period selector, the shown period included. */
const SELECTOR_SIZE = 4;

/** The value of a button that shows `owner`'s OKRs for one period (Refresh is the same for the shown one). */
export type UserOkrButton = (owner: string, periodId: string, lang: OkrLang) => ButtonValue;

/** Periods in time order when the API gives times, else in the order the API lists them. */
function ordered(periods: readonly OkrPeriod[]): OkrPeriod[] {
  const visible = periods.filter((p) => (p.status ?? 0) === 0);
  const withTimes = visible.every((p) => parsePeriodTime(p.period_start_time) !== undefined);
  if (!withTimes) return visible;
  return [...visible].sort((a, b) => (parsePeriodTime(a.period_start_time) as number) - (parsePeriodTime(b.period_start_time) as number));
}

/** A few periods around the shown one (the shown one disabled), for quick switching. */
export function periodSelector(button: UserOkrButton, owner: string, shown: OkrPeriod, periods: readonly OkrPeriod[], lang: OkrLang): PeriodButton[] {
  const list = ordered(periods);
  if (!list.some((p) => p.id === shown.id)) list.unshift(shown);
  const at = list.findIndex((p) => p.id === shown.id);
  const start = Math.max(0, Math.min(at - Math.floor(SELECTOR_SIZE / 2), list.length - SELECTOR_SIZE));
  return list.slice(start, start + SELECTOR_SIZE).map((p) => ({
    label: periodLabel(p),
    value: button(owner, p.id, lang),
    current: p.id === shown.id,
  }));
}

export function buttonsFor(button: UserOkrButton, owner: string, periods: readonly OkrPeriod[], lang: OkrLang): PeriodButton[] {
  return periods.slice(0, SELECTOR_SIZE).map((p) => ({ label: periodLabel(p), value: button(owner, p.id, lang), current: false }));
}
