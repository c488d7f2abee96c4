import { joinText, t, type RichText, type Text } from '../../../cards-kit/i18n.js';
import { displayScore } from '../score.js';
import type { KeyResult, Objective, OkrUserRef } from '../types.js';
import { md, panel, person, type Element } from '../../../cards-kit/kit.js';
import { fillMd, joinMd, m, type Inline, type Md } from '../../../cards-kit/markdown.js';
import { formatDeadline, formatWeight, okrText, percentOf, statusOf, statusText } from './format.js';
import { progressBars, toneLegend, type Tone } from '../../../cards-kit/charts.js';

/** Fills {name} placeholders of a bilingual plain text (header titles, tags, summaries). */
export const fill = (zh: string, en: string, vars: Record<string, string>): Text => {
  const sub = (s: string) => s.replace(/\{(\w+)\}/g, (_m, k: string) => vars[k] ?? '');
  return t(sub(zh), sub(en));
};

/** The same for bilingual markdown: the templates are markup, the values are data (escaped). */
export const fillRich = (zh: string, en: string, vars: Record<string, Inline>): RichText => t(fillMd(zh, vars), fillMd(en, vars));

const OPEN_ID = /^ou_[A-Za-z0-9]+$/;
const MAX_MENTIONS = 5;

/**
 * The people an objective or KR @mentions, as person tags (name and profile card on click, no notification).
 * The API already renders their names inside the text, but does not say which name is which id, so the text
 * keeps the names and this line adds the people. Only well-formed open_ids become tags: data never becomes markup.
 */
export function mentionsLine(refs: readonly OkrUserRef[] | undefined): Md | undefined {
  const ids = [...new Set((refs ?? []).map((r) => r.open_id ?? '').filter((id) => OPEN_ID.test(id)))];
  if (ids.length === 0) return undefined;
  const more = ids.length > MAX_MENTIONS ? ` +${ids.length - MAX_MENTIONS}` : '';
  return m`${joinMd(ids.slice(0, MAX_MENTIONS).map(person), ' ')}${more}`;
}

const withMentions = (refs: readonly OkrUserRef[] | undefined): RichText => {
  const line = mentionsLine(refs);
  return line ? t(m`\n  提及：${line}`, m`\n  Mentions: ${line}`) : t('', '');
};

export function krLine(kr: KeyResult, i: number, tz: string): RichText {
  const vars = {
    n: String(i + 1),
    text: okrText(kr.content),
    pct: String(percentOf(kr.progress_rate)),
    score: displayScore(kr.score),
    weight: formatWeight(kr.kr_weight ?? kr.weight),
    due: formatDeadline(kr.deadline, tz),
  };
  return joinText([
    fillRich('- **KR{n}** {text}', '- **KR{n}** {text}', vars),
    withMentions(kr.mentioned_user_list),
    fillRich('\n  进度 {pct}% · ', '\n  Progress {pct}% · ', vars),
    statusText(kr.progress_rate),
    fillRich(' · 得分 {score} · 权重 {weight} · 截止 {due}', ' · Score {score} · Weight {weight} · Due {due}', vars),
  ]);
}

/** One objective as a collapsible panel: title line with percent and status, details and its key results inside. */
export function objectivePanel(o: Objective, i: number, tz: string, expanded: boolean): Element {
  const status = statusText(o.progress_rate);
  const vars = {
    n: String(i + 1),
    text: okrText(o.content, 120),
    pct: String(percentOf(o.progress_rate)),
    score: displayScore(o.score),
    weight: formatWeight(o.weight),
    due: formatDeadline(o.deadline, tz),
    aligned: String(o.aligned_objective_list?.length ?? 0),
  };
  const title = joinText([fillRich('**O{n}** {text} · {pct}% · ', '**O{n}** {text} · {pct}% · ', vars), status]);
  const lines: RichText[] = [
    joinText([
      fillRich('进度 **{pct}%** · ', 'Progress **{pct}%** · ', vars),
      status,
      fillRich(' · 得分 **{score}** · 权重 {weight} · 截止 {due} · 对齐的目标 {aligned} 个', ' · Score **{score}** · Weight {weight} · Due {due} · Aligned objectives: {aligned}', vars),
    ]),
  ];
  if (o.content && o.content.length > 120) lines.push(t(okrText(o.content), okrText(o.content)));
  const mentions = mentionsLine(o.mentioned_user_list);
  if (mentions) lines.push(t(m`提及：${mentions}`, m`Mentions: ${mentions}`));
  if (o.progress_report) lines.push(fillRich('进展：{r}', 'Progress notes: {r}', { r: okrText(o.progress_report, 200) }));
  const krs = o.kr_list ?? [];
  lines.push(krs.length > 0 ? joinText(krs.map((kr, k) => krLine(kr, k, tz)), '\n') : t('（没有关键结果）', '(no key results)'));
  return panel(title, [md(joinText(lines, m`\n`))], expanded);
}

const TONE: Record<ReturnType<typeof statusOf>['color'], Tone> = { green: 'good', orange: 'warn', red: 'bad', grey: 'neutral' };

/**
 * One bar per objective (O1, O2 … as in the panels below), coloured by its status: people would rather look
 * at progress than read it. The legend names the colours in the reader's language.
 */
export function progressChart(objectives: Objective[]): Element | undefined {
  const statuses = objectives.map((o) => statusOf(o.progress_rate));
  const used = [...new Set(statuses)];
  const legend = toneLegend(used.map((s) => ({ tone: TONE[s.color], label: s.text })));
  return progressBars(
    objectives.map((o, i) => ({ key: `O${i + 1}`, share: percentOf(o.progress_rate) / 100, tone: TONE[statuses[i]!.color] })),
    t(m`${legend.zh_cn}\n条形为各目标（O1、O2…）的进度`, m`${legend.en_us}\nBars: each objective's progress (O1, O2 …)`),
  );
}
