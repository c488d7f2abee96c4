import type { Card } from '../../cards-kit/kit.js';
import { okrEmptyPeriodCard, okrSeveralPeriodsCard, okrUnknownPeriodCard } from './cards/notices.js';
import { okrSummaryCard } from './cards/summary.js';
import type { Services } from '../../framework/context.js';
import { t } from '../../cards-kit/i18n.js';
import { assertMayReadOkrsOf, type OkrViewer } from './access.js';
import { listPeriods, listUserOkrs } from './client.js';
import { pickCurrentPeriod } from './currentPeriod.js';
import { buttonsFor, periodSelector, type UserOkrButton } from './periodButtons.js';
import { matchPeriods, periodLabel } from './periodName.js';
import type { Okr, OkrLang, OkrPeriod } from './types.js';

export interface UserOkrRequest {
  owner: string;
  /** A period name typed by the user (`--period`). */
  periodName?: string;
  /** A period id carried by a button. */
  periodId?: string;
  lang: OkrLang;
}

const hasContent = (okr: Okr) => okr.permission !== 0 && (okr.objective_list?.length ?? 0) > 0;

function choosePeriod(services: Services, periods: OkrPeriod[], req: UserOkrRequest): OkrPeriod | undefined {
  if (req.periodId) return periods.find((p) => p.id === req.periodId) ?? { id: req.periodId };
  if (req.periodName) {
    const matches = matchPeriods(periods, req.periodName);
    return matches.length === 1 ? matches[0] : undefined;
  }
  return pickCurrentPeriod(periods, services.clock.now(), services.config.BOT_TIMEZONE);
}

/**
 * `/okr`, `/okr @user`, `--period`, and their Refresh / period buttons: one person's OKRs for one period.
 * `button` signs the value of a button that shows another period (or the same one again).
 */
export async function userOkrCard(services: Services, viewer: OkrViewer, req: UserOkrRequest, button: UserOkrButton): Promise<Card> {
  assertMayReadOkrsOf(viewer, req.owner);
  const periods = await listPeriods(services.feishu);
  const period = choosePeriod(services, periods, req);
  if (!period) {
    const several = req.periodName ? matchPeriods(periods, req.periodName) : [];
    if (req.periodName && several.length > 1) {
      return okrSeveralPeriodsCard(req.periodName, several.map(periodLabel), buttonsFor(button, req.owner, several, req.lang));
    }
    if (req.periodName) return okrUnknownPeriodCard(req.periodName, periods.filter((p) => (p.status ?? 0) === 0).map(periodLabel));
    return okrEmptyPeriodCard({ owner: req.owner, period: t('当前周期', 'The current period'), periodsWithOkrs: [], buttons: [] });
  }
  const okrs = (await listUserOkrs(services.feishu, req.owner, req.lang, [period.id])).filter((o) => o.period_id === undefined || o.period_id === period.id);
  const shown = okrs.filter(hasContent);
  const label = period.zh_name || period.en_name ? periodLabel(period) : t(okrs[0]?.name ?? period.id, okrs[0]?.name ?? period.id);
  if (shown.length === 0) {
    const all = (await listUserOkrs(services.feishu, req.owner, req.lang)).filter(hasContent);
    const byId = new Map(periods.map((p) => [p.id, p]));
    const withOkrs: OkrPeriod[] = all.map((o) => byId.get(o.period_id ?? '') ?? { id: o.period_id ?? o.id, zh_name: o.name, en_name: o.name });
    return okrEmptyPeriodCard({
      owner: req.owner,
      period: label,
      periodsWithOkrs: withOkrs.map(periodLabel),
      buttons: buttonsFor(button, req.owner, withOkrs, req.lang),
    });
  }
  return okrSummaryCard({
    sections: shown.map((okr) => ({ okr, owner: req.owner, periodLabel: label })),
    owners: await services.names.lookup([req.owner]),
    tz: services.config.BOT_TIMEZONE,
    refresh: button(req.owner, period.id, req.lang),
    periods: periodSelector(button, req.owner, period, periods, req.lang),
  });
}
