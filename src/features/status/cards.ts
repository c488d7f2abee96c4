import { t, type RichText, type Text } from '../../cards-kit/i18n.js';
import { button, buttonRow, card, hr, md, person, statRow, table, type Card, type Element, type TagColor, type Template } from '../../cards-kit/kit.js';
import { pieChart, type Tone } from '../../cards-kit/charts.js';
import { reasonPanels, resumedNote, type ReasonGroup } from '../../cards-kit/fragments.js';
import { code, joinMd, m } from '../../cards-kit/markdown.js';
import { nameOrId, namesHint } from '../../cards-kit/names.js';

export type StatusOpView = 'open' | 'close';

export interface StatusRow {
  id: string;
  title: string;
  zh_cn?: string;
  en_us?: string;
  priority?: number;
}

/** A header title (plain text: the status title is shown as it is). */
const opTitle = (op: StatusOpView, s: string, purpose: 'run' | 'retry' | 'undo' = 'run'): Text => {
  const base = op === 'open' ? t(`开启系统状态「${s}」`, `Turn on status “${s}”`) : t(`关闭系统状态「${s}」`, `Turn off status “${s}”`);
  if (purpose === 'retry') return t(`重试 · ${base.zh_cn}`, `Retry · ${base.en_us}`);
  if (purpose === 'undo') return t(`撤销 · ${base.zh_cn}`, `Undo · ${base.en_us}`);
  return base;
};

function statusTable(rows: StatusRow[]): Element {
  // The default title is nearly always one of the two translations: a column of its own only when it is not.
  const titleColumn = rows.some((r) => r.title !== (r.zh_cn ?? r.title) && r.title !== (r.en_us ?? r.title));
  return table(
    [
      ...(titleColumn ? [{ name: 'title', display: t('名称', 'Title'), type: 'text' as const }] : []),
      { name: 'zh', display: t('中文', 'Chinese'), type: 'text' },
      { name: 'en', display: t('英文', 'English'), type: 'text' },
      { name: 'id', display: t('状态 ID', 'Status ID'), type: 'text' },
    ],
    rows.map((r) => ({ ...(titleColumn ? { title: r.title } : {}), zh: r.zh_cn ?? r.title, en: r.en_us ?? r.title, id: r.id })),
  );
}

export function statusListCard(rows: StatusRow[]): Card {
  const title = t('系统状态', 'System statuses');
  if (rows.length === 0) {
    return card({ title, template: 'grey', summary: title, elements: [md(t('本租户还没有系统状态。请在管理后台创建。', 'This tenant has no system statuses yet. Create them in the admin console.'))] });
  }
  return card({
    title,
    subtitle: t(`共 ${rows.length} 个`, `${rows.length} in all`),
    template: 'blue',
    summary: title,
    elements: [
      statusTable(rows),
      md(t(m`用法：\`/status open 出差 @某人 --until 18:00\`（名称或 ID 都可以）`, m`Usage: \`/status open "On business trip" @someone --until 18:00\` (title or ID)`), { text_size: 'notation' }),
    ],
  });
}

export function unknownStatusCard(input: string, rows: StatusRow[]): Card {
  const title = t('找不到这个系统状态', 'No such system status');
  const s = input;
  return card({
    title,
    template: 'orange',
    summary: title,
    elements: [
      md(t(m`没有名称或 ID 为 **${s}** 的系统状态。现有的状态如下（名称不区分大小写，中英文均可）：`, m`There is no system status with the title or ID **${s}**. These exist (titles match in any language, ignoring case):`)),
      ...(rows.length > 0 ? [statusTable(rows)] : [md(t('本租户还没有系统状态。', 'This tenant has no system statuses yet.'))]),
      md(t(
        m`名称里有空格时请加引号，例如 \`/status open "On leave" @某人\`；也可以直接用状态 ID。`,
        m`Quote a title that has spaces, e.g. \`/status open "On leave" @someone\`, or use the status ID.`,
      ), { text_size: 'notation' }),
    ],
  });
}

export interface PreviewView {
  op: StatusOpView;
  statusTitle: string;
  count: number;
  sample: string[];
  /** Display names by open_id, where known. */
  names: Readonly<Record<string, string>>;
  namesUnavailable?: boolean;
  endText?: string;
  ranBy: string;
}

export function previewCard(v: PreviewView, buttons: { confirm: Record<string, unknown>; cancel: Record<string, unknown> }): Card {
  const title = opTitle(v.op, v.statusTitle);
  const more = v.count - v.sample.length;
  const shown = v.sample.map((id) => nameOrId(id, v.names));
  return card({
    title: t(`确认：${title.zh_cn}`, `Confirm: ${title.en_us}`),
    template: 'yellow',
    summary: t(`待确认：${v.count} 人`, `Waiting for confirmation: ${v.count} people`),
    elements: [
      md(t(m`将为 **${v.count}** 人${v.op === 'open' ? '开启' : '关闭'}系统状态「${v.statusTitle}」。人数超过 200，需要管理员确认后才会执行。`, m`This will turn ${v.op === 'open' ? 'on' : 'off'} “${v.statusTitle}” for **${v.count}** people. Batches over 200 people run only after an admin confirms.`)),
      ...(v.endText ? [md(t(m`结束时间：**${v.endText}**`, m`Until: **${v.endText}**`))] : []),
      // "等 N 人" would read as N in all: the Chinese says how many others.
      md(t(m`包括：${joinMd(shown, '、')}${more > 0 ? `，另有 ${more} 人` : ''}`, m`Including: ${joinMd(shown, ', ')}${more > 0 ? ` and ${more} more` : ''}`)),
      ...(v.namesUnavailable ? [namesHint()] : []),
      md(t(m`发起人：${person(v.ranBy)}`, m`Requested by: ${person(v.ranBy)}`), { text_size: 'notation' }),
      buttonRow([
        button({ text: t(`确认执行（${v.count} 人）`, `Confirm (${v.count} people)`), value: buttons.confirm, type: 'primary_filled' }),
        button({ text: t('取消', 'Cancel'), value: buttons.cancel }),
      ]),
    ],
  });
}

export function cancelledCard(op: StatusOpView, statusTitle: string, count: number, by: string): Card {
  const title = opTitle(op, statusTitle);
  return card({
    title: t(`已取消：${title.zh_cn}`, `Cancelled: ${title.en_us}`),
    template: 'grey',
    summary: t('已取消', 'Cancelled'),
    elements: [md(t(m`${person(by)} 取消了操作，${count} 人的状态没有任何改变。`, m`${person(by)} cancelled it; nothing was changed for the ${count} people.`))],
  });
}

export interface ProgressView {
  op: StatusOpView;
  purpose: 'run' | 'retry' | 'undo';
  statusTitle: string;
  done: number;
  total: number;
  ok: number;
  failed: number;
}

export function progressCard(v: ProgressView): Card {
  const pct = v.total === 0 ? 100 : Math.floor((v.done / v.total) * 100);
  return card({
    title: opTitle(v.op, v.statusTitle, v.purpose),
    template: 'wathet',
    tag: { text: t('进行中', 'Running'), color: 'blue' },
    summary: t(`进行中 ${v.done}/${v.total}`, `Running ${v.done}/${v.total}`),
    elements: [
      md(t(m`已处理 **${v.done} / ${v.total}**（${pct}%）`, m`Done **${v.done} / ${v.total}** (${pct}%)`)),
      statRow([t(m`**成功**\n${v.ok}`, m`**Succeeded**\n${v.ok}`), t(m`**失败**\n${v.failed}`, m`**Failed**\n${v.failed}`)]),
    ],
  });
}

export interface ResultView {
  op: StatusOpView;
  purpose: 'run' | 'retry' | 'undo';
  statusTitle: string;
  endText?: string;
  total: number;
  /** People whose request may have been applied (the answer was lost): counted as not succeeded, undone by Undo. */
  unknown?: number;
  /** How many times the run was resumed after a restart of the bot. */
  resumed?: number;
  counts: Array<{ result: string; label: Text; n: number; success: boolean; retryable?: boolean; unknown?: boolean }>;
  failures: Array<{ id: string; name?: string; label: Text; reason?: string }>;
  /** The failures show open_ids for want of the contact scopes: say how to get names. */
  namesUnavailable?: boolean;
  requestErrors: Array<{ code: string; msg: string; n: number; help?: { meaning: Text; action: Text } }>;
  ranBy: string;
  finishedText: string;
  durationText: string;
  /** A Retry or Undo card: which run it follows up. */
  origin?: Text;
  /** What was done from this card since (Retry, Undo), so everyone looking at it sees it. */
  followUps?: RichText[];
}

export interface FollowUpButton {
  value: Record<string, unknown>;
  n: number;
  /** Set once the follow-up started: the button shows this, disabled. */
  done?: Text;
}

export interface ResultButtons {
  retry?: FollowUpButton;
  undo?: FollowUpButton;
  export?: Record<string, unknown>;
}

function outcome(ok: number, total: number): { template: Template; tag: Text; color: TagColor } {
  if (ok === total) return { template: 'green', tag: t('全部成功', 'All succeeded'), color: 'green' };
  if (ok === 0) return { template: 'red', tag: t('全部失败', 'All failed'), color: 'red' };
  return { template: 'orange', tag: t('部分失败', 'Partly failed'), color: 'orange' };
}

/** Opened is green, retryable failures orange, other failures red, results the reference does not list grey. */
const toneOf = (c: ResultView['counts'][number]): Tone => (c.success ? 'good' : c.unknown ? 'neutral' : c.retryable ? 'warn' : 'bad');

/**
 * One group per result and error code: a long list reads as "2,970 people · Not a valid user ID". The
 * request errors above already give each code: a group names its code only to tell apart two groups of
 * one result (a request that failed with 500 for some and 1 for others).
 */
function failureGroups(failures: ResultView['failures']): ReasonGroup[] {
  const codesOf = new Map<string, Set<string>>();
  for (const f of failures) if (f.reason) codesOf.set(f.label.en_us, (codesOf.get(f.label.en_us) ?? new Set()).add(f.reason));
  const groups = new Map<string, ReasonGroup>();
  for (const f of failures) {
    const key = `${f.label.en_us}|${f.reason ?? ''}`;
    const named = (codesOf.get(f.label.en_us)?.size ?? 0) > 1 ? f.reason : undefined;
    const g = groups.get(key) ?? {
      reason: named ? t(m`${f.label.zh_cn}（错误码 ${named}）`, m`${f.label.en_us} (code ${named})`) : f.label,
      ids: [],
      names: {},
    };
    g.ids.push(f.id);
    if (f.name && g.names) g.names[f.id] = f.name;
    groups.set(key, g);
  }
  return [...groups.values()];
}

export function resultCard(v: ResultView, b: ResultButtons): Card {
  const ok = v.counts.filter((c) => c.success).reduce((s, c) => s + c.n, 0);
  const failed = v.total - ok;
  const o = outcome(ok, v.total);
  const title = opTitle(v.op, v.statusTitle, v.purpose);
  const breakdown = pieChart(v.counts.map((c) => ({
    label: t(m`${c.label.zh_cn}（${code(c.result)}）`, m`${c.label.en_us} (${code(c.result)})`),
    value: c.n,
    tone: toneOf(c),
  })));
  const elements: Element[] = [
    ...(v.origin ? [md(v.origin, { text_size: 'notation' })] : []),
    statRow([t(m`**成功**\n<font color='green'>${ok}</font>`, m`**Succeeded**\n<font color='green'>${ok}</font>`), t(m`**失败**\n<font color='red'>${failed}</font>`, m`**Failed**\n<font color='red'>${failed}</font>`)]),
    ...(breakdown ? [breakdown] : []),
  ];
  if (v.unknown) {
    elements.push(md(t(
      `❓ ${v.unknown} 人的请求发出后没有收到答复（连接中断或超时），状态可能已经生效：「撤销」包括这些人，「重试」会再发一次。`,
      `❓ For ${v.unknown} ${v.unknown === 1 ? 'person' : 'people'} the request went out but no answer came back (connection lost or timed out), so the status may have been applied: Undo includes them, Retry sends it again.`,
    )));
  }
  if (v.resumed) elements.push(resumedNote(v.resumed));
  for (const e of v.requestErrors) {
    elements.push(md(t(
      m`⚠️ ${e.n} 人的请求失败，错误码 **${e.code}**：${e.msg}${e.help ? m`\n原因：${e.help.meaning.zh_cn}\n怎么办：${e.help.action.zh_cn}` : ''}`,
      m`⚠️ The request failed for ${e.n} ${e.n === 1 ? 'person' : 'people'} with code **${e.code}**: ${e.msg}${e.help ? m`\nWhat it means: ${e.help.meaning.en_us}\nWhat to do: ${e.help.action.en_us}` : ''}`,
    )));
  }
  if (v.failures.length > 0) {
    elements.push(hr(), md(t(m`**未成功的人（${v.failures.length}），按原因**`, m`**People who did not succeed (${v.failures.length}), by reason**`)));
    elements.push(...reasonPanels(failureGroups(v.failures), (n) => t('人', n === 1 ? 'person' : 'people')));
    if (v.namesUnavailable) elements.push(namesHint());
  }
  elements.push(hr(), md(t(
    m`${v.endText ? m`结束时间：${v.endText}\n` : ''}操作人：${person(v.ranBy)} · 完成于 ${v.finishedText} · 用时 ${v.durationText}`,
    m`${v.endText ? m`Until: ${v.endText}\n` : ''}Run by ${person(v.ranBy)} · finished ${v.finishedText} · took ${v.durationText}`,
  ), { text_size: 'notation' }));
  for (const note of v.followUps ?? []) elements.push(md(note));
  const actions: Element[] = [];
  if (b.retry?.done) actions.push(button({ text: b.retry.done, value: b.retry.value, disabled: true }));
  else if (b.retry && b.retry.n > 0) actions.push(button({ text: t(`重试失败项（${b.retry.n}）`, `Retry failed (${b.retry.n})`), value: b.retry.value, type: 'primary' }));
  if (b.undo?.done) actions.push(button({ text: b.undo.done, value: b.undo.value, disabled: true }));
  else if (b.undo && b.undo.n > 0) {
    actions.push(button({
      text: t(`撤销（${b.undo.n}）`, `Undo (${b.undo.n})`),
      value: b.undo.value,
      type: 'danger',
      confirm: { title: t('确认撤销？', 'Undo?'), text: v.unknown
        ? t(`将为 ${b.undo.n} 位成功（或可能已生效）的人关闭这个状态。`, `This turns the status off again for the ${b.undo.n} people who succeeded (or for whom it may have been applied).`)
        : t(`将为 ${b.undo.n} 位成功的人关闭这个状态。`, `This turns the status off again for the ${b.undo.n} people who succeeded.`) },
    }));
  }
  if (b.export) actions.push(button({ text: t('导出 CSV', 'Export CSV'), value: b.export }));
  if (actions.length > 0) elements.push(buttonRow(actions));
  return card({
    title,
    subtitle: t(`${v.total} 人`, `${v.total} ${v.total === 1 ? 'person' : 'people'}`),
    template: o.template,
    tag: { text: o.tag, color: o.color },
    summary: t(`${o.tag.zh_cn}：成功 ${ok}，失败 ${failed}`, `${o.tag.en_us}: ${ok} succeeded, ${failed} failed`),
    elements,
  });
}
