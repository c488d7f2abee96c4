import { joinText, t, type Text } from '../../src/i18n.js';
import { displayScore } from '../../src/okr/score.js';
import type { KeyResult, Objective, Okr } from '../../src/okr/types.js';
import { button, buttonRow, card, hr, md, panel, personList, type Card, type Element } from '../kit.js';
import { cardBytes, MAX_CARD_BYTES, MAX_ELEMENTS } from '../sizeGuard.js';
import { CONFIRM_STATUS, formatDeadline, formatWeight, okrText, overallPercent, percentOf, statusText } from './format.js';

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
  notes?: Text[];
  refresh?: Record<string, unknown>;
  periods?: PeriodButton[];
}

/** Room left under the 30 KB limit for what the platform adds (style tags count against it). */
const BYTE_BUDGET = MAX_CARD_BYTES - 2 * 1024;
const ELEMENT_BUDGET = MAX_ELEMENTS - 20;
/** Cards render up to about 5 charts well. */
const MAX_CHARTS = 5;
/** With more objectives than this, panels start collapsed. */
const EXPAND_UP_TO = 3;

const fill = (zh: string, en: string, vars: Record<string, string>): Text => {
  const sub = (s: string) => s.replace(/\{(\w+)\}/g, (_m, k: string) => vars[k] ?? '');
  return t(sub(zh), sub(en));
};

function krLine(kr: KeyResult, i: number, tz: string): Text {
  const status = statusText(kr.progress_rate);
  const vars = {
    n: String(i + 1),
    text: okrText(kr.content),
    pct: String(percentOf(kr.progress_rate)),
    score: displayScore(kr.score),
    weight: formatWeight(kr.kr_weight ?? kr.weight),
    due: formatDeadline(kr.deadline, tz),
  };
  return joinText([
    fill('- **KR{n}** {text}\n  进度 {pct}% · ', '- **KR{n}** {text}\n  Progress {pct}% · ', vars),
    status,
    fill(' · 得分 {score} · 权重 {weight} · 截止 {due}', ' · Score {score} · Weight {weight} · Due {due}', vars),
  ]);
}

function objectivePanel(o: Objective, i: number, tz: string, expanded: boolean): Element {
  const status = statusText(o.progress_rate);
  const vars = {
    n: String(i + 1),
    text: okrText(o.content, 120),
    pct: String(percentOf(o.progress_rate)),
    score: displayScore(o.score),
    weight: formatWeight(o.weight),
    due: formatDeadline(o.deadline, tz),
    aligned: String(o.aligned_objective_list?.length ?? 0),
    krs: String(o.kr_list?.length ?? 0),
  };
  const title = joinText([fill('**O{n}** {text} · {pct}% · ', '**O{n}** {text} · {pct}% · ', vars), status]);
  const lines: Text[] = [
    joinText([
      fill('进度 **{pct}%** · ', 'Progress **{pct}%** · ', vars),
      status,
      fill(' · 得分 **{score}** · 权重 {weight} · 截止 {due} · 对齐的目标 {aligned} 个', ' · Score **{score}** · Weight {weight} · Due {due} · Aligned objectives: {aligned}', vars),
    ]),
  ];
  if (o.content && o.content.length > 120) lines.push(t(okrText(o.content), okrText(o.content)));
  if (o.progress_report) lines.push(fill('进展：{r}', 'Progress notes: {r}', { r: okrText(o.progress_report, 200) }));
  const krs = o.kr_list ?? [];
  lines.push(krs.length > 0 ? joinText(krs.map((kr, k) => krLine(kr, k, tz)), '\n') : t('（没有关键结果）', '(no key results)'));
  return panel(title, [md(joinText(lines, '\n'))], expanded);
}

function progressChart(objectives: Objective[]): Element {
  const n = objectives.length;
  return {
    tag: 'chart',
    aspect_ratio: n <= 3 ? '2:1' : n <= 6 ? '4:3' : '1:1',
    chart_spec: {
      type: 'linearProgress',
      data: { values: objectives.map((o, i) => ({ obj: `O${i + 1}`, value: Math.min(1, percentOf(o.progress_rate) / 100) })) },
      direction: 'horizontal',
      xField: 'value',
      yField: 'obj',
      seriesField: 'obj',
    },
  };
}

function sectionHead(s: OkrSection, many: boolean): Element[] {
  const objectives = s.okr.objective_list ?? [];
  const overall = overallPercent(objectives);
  const period = s.periodLabel ?? t(s.okr.name ?? s.okr.period_id ?? '–', s.okr.name ?? s.okr.period_id ?? '–');
  const confirm = CONFIRM_STATUS[s.okr.confirm_status ?? -1];
  const vars = { zh: okrText(period.zh_cn), en: okrText(period.en_us), n: String(objectives.length), pct: overall === undefined ? '–' : `${overall}%` };
  const line = joinText([
    fill('**周期** {zh} · **整体进度** {pct} · {n} 个目标', '**Period** {en} · **Overall progress** {pct} · Objectives: {n}', vars),
    confirm ? t(` · ${confirm.zh_cn}`, ` · ${confirm.en_us}`) : t('', ''),
  ]);
  return [...(many ? [hr()] : []), ...(s.owner ? [personList([s.owner])] : []), md(line)];
}

function countElements(elements: Element[]): number {
  let n = 0;
  for (const e of elements) {
    n++;
    if (Array.isArray(e.elements)) n += countElements(e.elements as Element[]);
    if (e.tag === 'column_set') for (const c of e.columns as Array<{ elements?: Element[] }>) n += 1 + countElements(c.elements ?? []);
  }
  return n;
}

function build(input: OkrSummaryInput, maxObjectives: number): Card {
  const many = input.sections.length > 1;
  const totalObjectives = input.sections.reduce((a, s) => a + (s.okr.objective_list?.length ?? 0), 0);
  const expanded = totalObjectives <= EXPAND_UP_TO;
  const elements: Element[] = [];
  let shown = 0;
  let charts = 0;
  // Several OKRs: charts for the first few only, so that the objectives themselves keep the room.
  const maxCharts = input.sections.length <= MAX_CHARTS ? MAX_CHARTS : 1;
  for (const s of input.sections) {
    const room = maxObjectives - shown;
    const objectives = (s.okr.objective_list ?? []).slice(0, Math.max(0, room));
    if (room <= 0 && objectives.length === 0 && (s.okr.objective_list?.length ?? 0) > 0) break;
    elements.push(...sectionHead(s, many));
    if (objectives.length > 0 && charts < maxCharts) {
      elements.push(progressChart(objectives));
      charts++;
    }
    objectives.forEach((o, i) => elements.push(objectivePanel(o, i, input.tz, expanded)));
    shown += objectives.length;
  }
  const notes = [...(input.notes ?? [])];
  if (many && input.sections.some((s) => !s.owner)) notes.push(t('按 ID 查询时接口不返回 OKR 负责人。', 'The API does not name the owners of OKRs read by id.'));
  if (shown < totalObjectives) {
    const left = String(totalObjectives - shown);
    notes.push(fill('…另有 **{n}** 个目标因卡片大小限制未显示，请在飞书 OKR 中查看全部。', '…**{n}** more objectives left out to fit the card size limit; open Feishu OKR to see them all.', { n: left }));
  }
  elements.push(...notes.map((n) => md(n, { text_size: 'notation' })));
  const buttons: Element[] = [];
  if (input.refresh) buttons.push(button({ text: t('刷新', 'Refresh'), value: input.refresh, type: 'primary' }));
  for (const p of input.periods ?? []) buttons.push(button({ text: p.label, value: p.value, disabled: p.current }));
  if (buttons.length > 0) elements.push(hr(), buttonRow(buttons));
  elements.push(md(t('得分按 0–100 折算为 0–1 显示；截止日期按机器人时区显示。', 'Scores: the API’s 0–100 shown on the 0–1 scale; deadlines in the bot’s time zone.'), { text_size: 'notation' }));

  const first = input.sections[0];
  const period = !many && first ? (first.periodLabel ?? t(first.okr.name ?? '', first.okr.name ?? '')) : undefined;
  return card({
    title: t('OKR 概览', 'OKR summary'),
    subtitle: period ?? (many ? fill('{n} 份 OKR', '{n} OKRs', { n: String(input.sections.length) }) : undefined),
    template: 'blue',
    tag: { text: fill('{n} 个目标', 'Objectives: {n}', { n: String(totalObjectives) }), color: 'blue' },
    summary: period ? fill('OKR · {zh}', 'OKR · {en}', { zh: period.zh_cn, en: period.en_us }) : t('OKR 概览', 'OKR summary'),
    elements,
  });
}

/**
 * The OKR summary: per OKR its owner, period and overall progress, a progress chart, and one panel per
 * objective with its key results. Objectives that do not fit under the card limits are left out from the
 * end, and the card says how many.
 */
export function okrSummaryCard(input: OkrSummaryInput): Card {
  const total = input.sections.reduce((a, s) => a + (s.okr.objective_list?.length ?? 0), 0);
  const fits = (c: Card) => cardBytes(c) <= BYTE_BUDGET && countElements(c.body.elements) <= ELEMENT_BUDGET;
  let c = build(input, total);
  if (fits(c)) return c;
  // Largest number of objectives that fits: binary search over the count.
  let lo = 0;
  let hi = total - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(build(input, mid))) lo = mid;
    else hi = mid - 1;
  }
  c = build(input, lo);
  return c;
}
