import { joinText, t, type RichText, type Text } from '../../../cards-kit/i18n.js';
import type { Okr } from '../types.js';
import { button, buttonRow, card, hr, md, panel, personList, type Card, type Element } from '../../../cards-kit/kit.js';
import { cardBytes, countCardElements, MAX_CARD_BYTES, MAX_ELEMENTS } from '../../../cards-kit/sizeGuard.js';
import { m } from '../../../cards-kit/markdown.js';
import { nameOrId, namesHint } from '../../../cards-kit/names.js';
import { CONFIRM_STATUS, okrText, overallPercent } from './format.js';
import { fill, fillRich, objectivePanel, progressChart } from './objective.js';

export interface OkrSection {
  okr: Okr;
  /** The owner's open_id when known (batch_get does not say who owns an OKR). */
  owner?: string;
  periodLabel?: Text;
}

export interface PeriodButton {
  label: Text;
  value: Record<string, unknown>;
  current: boolean;
}

export interface OkrSummaryInput {
  sections: OkrSection[];
  /** BOT_TIMEZONE, for deadlines. */
  tz: string;
  /** Extra lines: OKRs withheld, ids not found, chunks that failed. */
  notes?: RichText[];
  refresh?: Record<string, unknown>;
  periods?: PeriodButton[];
  /** The owners' names by open_id; `noPermission`: the app may not read names (the card says how to get them). */
  owners?: { names: Readonly<Record<string, string>>; noPermission: boolean };
}

/** Room left under the 30 KB limit for what the platform adds (style tags count against it). */
const BYTE_BUDGET = MAX_CARD_BYTES - 2 * 1024;
const ELEMENT_BUDGET = MAX_ELEMENTS - 20;
/** Cards render up to about 5 charts well. */
const MAX_CHARTS = 5;
/** With more objectives than this, panels start collapsed. */
const EXPAND_UP_TO = 3;
/** Objectives of one OKR shown one by one; the rest wait in one folded panel. */
const OBJECTIVES_IN_VIEW = 5;

function sectionHead(s: OkrSection, many: boolean, names: Readonly<Record<string, string>>): Element[] {
  const objectives = s.okr.objective_list ?? [];
  const overall = overallPercent(objectives);
  const period = s.periodLabel ?? t(s.okr.name ?? s.okr.period_id ?? '–', s.okr.name ?? s.okr.period_id ?? '–');
  const confirm = CONFIRM_STATUS[s.okr.confirm_status ?? -1];
  const vars = { zh: okrText(period.zh_cn), en: okrText(period.en_us), n: String(objectives.length), pct: overall === undefined ? '–' : `${overall}%` };
  const line = joinText([
    fillRich('**周期** {zh} · **整体进度** {pct} · {n} 个目标', '**Period** {en} · **Overall progress** {pct} · Objectives: {n}', vars),
    confirm ? t(` · ${confirm.zh_cn}`, ` · ${confirm.en_us}`) : t('', ''),
  ]);
  const owner = s.owner ? [personList([s.owner]), md(t(m`**负责人** ${nameOrId(s.owner, names)}`, m`**Owner** ${nameOrId(s.owner, names)}`))] : [];
  return [...(many ? [hr()] : []), ...owner, md(line)];
}

/** What one build of the card left out, for the notes. */
interface Cut {
  okrsShown: number;
  objectivesShown: number;
  /** Ids of the OKRs left out entirely (only digits: they go into a command to copy). */
  leftOutIds: string[];
}

function cutNotes(input: OkrSummaryInput, cut: Cut, totalObjectives: number): RichText[] {
  const notes: RichText[] = [];
  const okrsLeft = input.sections.length - cut.okrsShown;
  const objectivesLeft = String(totalObjectives - cut.objectivesShown);
  if (okrsLeft > 0) {
    const rest = cut.leftOutIds.join(' ');
    const vars = { k: String(okrsLeft), n: String(input.sections.length), m: objectivesLeft, shown: String(cut.okrsShown), rest };
    notes.push(fillRich(
      '⚠️ 卡片已满：{n} 份 OKR 中有 **{k}** 份（{m} 个目标）未显示。一次少查几个（这张卡片能放约 {shown} 份），或按人查看：`/okr @某人`。其余的：`/okr {rest}`',
      '⚠️ The card is full: **{k}** of {n} OKRs ({m} objectives) are not shown. Ask for fewer at a time (about {shown} fit on a card), or by person: `/okr @someone`. The rest: `/okr {rest}`',
      vars,
    ));
  } else if (cut.objectivesShown < totalObjectives) {
    notes.push(fillRich('…另有 **{n}** 个目标因卡片大小限制未显示，请在飞书 OKR 中查看全部。', '…**{n}** more objectives left out to fit the card size limit; open Feishu OKR to see them all.', { n: objectivesLeft }));
  }
  return notes;
}

/**
 * The card with at most `maxUnits` units shown, where each OKR's head and each objective is one unit: OKRs
 * and objectives are left out from the end, and the notes say what and how to see it.
 */
function build(input: OkrSummaryInput, maxUnits: number): Card {
  const many = input.sections.length > 1;
  const totalObjectives = input.sections.reduce((a, s) => a + (s.okr.objective_list?.length ?? 0), 0);
  const expanded = totalObjectives <= EXPAND_UP_TO;
  const elements: Element[] = [];
  const cut: Cut = { okrsShown: 0, objectivesShown: 0, leftOutIds: [] };
  let units = 0;
  let charts = 0;
  // Several OKRs: charts for the first few only, so that the objectives themselves keep the room.
  const maxCharts = input.sections.length <= MAX_CHARTS ? MAX_CHARTS : 1;
  for (const s of input.sections) {
    const all = s.okr.objective_list ?? [];
    const objectives = all.slice(0, Math.max(0, maxUnits - units - 1));
    // An OKR is shown with at least its first objective, or left out whole.
    if (units >= maxUnits || (all.length > 0 && objectives.length === 0)) {
      units = maxUnits;
      if (/^\d+$/.test(s.okr.id)) cut.leftOutIds.push(s.okr.id);
      continue;
    }
    elements.push(...sectionHead(s, many, input.owners?.names ?? {}));
    const chart = charts < maxCharts ? progressChart(objectives) : undefined;
    if (chart) {
      elements.push(chart);
      charts++;
    }
    const panels = objectives.map((o, i) => objectivePanel(o, i, input.tz, expanded));
    elements.push(...panels.slice(0, OBJECTIVES_IN_VIEW));
    const more = panels.length - OBJECTIVES_IN_VIEW;
    if (more > 0) elements.push(panel(fillRich('**另外 {k} 个目标**（O{from}–O{to}）', '**{k} more objectives** (O{from}–O{to})', { k: String(more), from: String(OBJECTIVES_IN_VIEW + 1), to: String(panels.length) }), panels.slice(OBJECTIVES_IN_VIEW)));
    units += 1 + objectives.length;
    cut.okrsShown++;
    cut.objectivesShown += objectives.length;
  }
  const notes = [...cutNotes(input, cut, totalObjectives), ...(input.notes ?? [])];
  if (many && input.sections.some((s) => !s.owner)) notes.push(t('按 ID 查询时，飞书不提供 OKR 的负责人。', 'Feishu does not say who owns an OKR read by its ID.'));
  elements.push(...notes.map((n) => md(n, { text_size: 'notation' })));
  if (input.owners?.noPermission && input.sections.some((s) => s.owner)) elements.push(namesHint());
  const buttons: Element[] = [];
  if (input.refresh) buttons.push(button({ text: t('刷新', 'Refresh'), value: input.refresh, type: 'primary' }));
  for (const p of input.periods ?? []) buttons.push(button({ text: p.label, value: p.value, disabled: p.current }));
  if (buttons.length > 0) elements.push(hr(), buttonRow(buttons));
  elements.push(md(t(`得分为 0–1 分（飞书记录的 0–100 分除以 100）；截止日期按 ${input.tz} 时间。`, `Scores run from 0 to 1 (Feishu’s 0–100 divided by 100); deadlines in ${input.tz} time.`), { text_size: 'notation' }));

  const first = input.sections[0];
  const period = !many && first ? (first.periodLabel ?? t(first.okr.name ?? '', first.okr.name ?? '')) : undefined;
  const n = String(input.sections.length);
  const okrCount = cut.okrsShown < input.sections.length
    ? fill('显示 {k}/{n} 份 OKR', '{k} of {n} OKRs shown', { k: String(cut.okrsShown), n })
    : fill('{n} 份 OKR', '{n} OKRs', { n });
  return card({
    title: t('OKR 概览', 'OKR summary'),
    subtitle: period ?? (many ? okrCount : undefined),
    template: 'blue',
    tag: { text: fill('{n} 个目标', 'Objectives: {n}', { n: String(totalObjectives) }), color: 'blue' },
    summary: period ? fill('OKR · {zh}', 'OKR · {en}', { zh: period.zh_cn, en: period.en_us }) : t('OKR 概览', 'OKR summary'),
    elements,
  });
}

/**
 * The OKR summary: per OKR its owner, period and overall progress, a progress chart, and one panel per
 * objective with its key results. OKRs and objectives that do not fit under the card limits are left out
 * from the end, and the card says how many and how to see them (the ids of whole OKRs left out, to ask again).
 */
export function okrSummaryCard(input: OkrSummaryInput): Card {
  const total = input.sections.reduce((a, s) => a + 1 + (s.okr.objective_list?.length ?? 0), 0);
  const fits = (c: Card) => cardBytes(c) <= BYTE_BUDGET && countCardElements(c) <= ELEMENT_BUDGET;
  const whole = build(input, total);
  if (fits(whole)) return whole;
  // Largest number of units that fits: binary search over the count.
  let lo = 0;
  let hi = total - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(build(input, mid))) lo = mid;
    else hi = mid - 1;
  }
  return build(input, lo);
}
