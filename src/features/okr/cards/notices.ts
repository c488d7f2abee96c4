import { t, type RichText, type Text } from '../../../cards-kit/i18n.js';
import { button, buttonRow, card, hr, md, personList, type Card, type Element } from '../../../cards-kit/kit.js';
import { code, linesMd, m } from '../../../cards-kit/markdown.js';
import type { PeriodButton } from './summary.js';

const list = (names: Text[], locale: keyof Text) => linesMd(names.map((n) => m`- ${n[locale]}`));

function periodButtons(periods: PeriodButton[]): Element[] {
  if (periods.length === 0) return [];
  return [hr(), buttonRow(periods.map((p) => button({ text: p.label, value: p.value, disabled: p.current })))];
}

/** A period with no OKRs for this person: says so and names the periods that do have OKRs. */
export function okrEmptyPeriodCard(input: { owner: string; period: Text; periodsWithOkrs: Text[]; buttons: PeriodButton[] }): Card {
  const p = input.period;
  const lines: RichText[] = [t(m`**${p.zh_cn}** 还没有 OKR。`, m`There are no OKRs for **${p.en_us}** yet.`)];
  if (input.periodsWithOkrs.length > 0) {
    lines.push(t(m`这些周期有 OKR：\n${list(input.periodsWithOkrs, 'zh_cn')}`, m`These periods have OKRs:\n${list(input.periodsWithOkrs, 'en_us')}`));
    lines.push(t(m`点击下方周期查看，或发送 \`/okr --period <周期名>\`。`, m`Click a period below, or send \`/okr --period <period name>\`.`));
  } else {
    lines.push(t('其他周期也没有 OKR。可以在飞书 OKR 中创建。', 'No other period has OKRs either. They can be created in Feishu OKR.'));
  }
  return card({
    title: t('没有 OKR', 'No OKRs'),
    subtitle: input.period,
    template: 'wathet',
    summary: t(`${input.period.zh_cn} 没有 OKR`, `No OKRs for ${input.period.en_us}`),
    elements: [personList([input.owner]), ...lines.map((l) => md(l)), ...periodButtons(input.buttons)],
  });
}

/** `--period` named no known period: lists the periods there are. */
export function okrUnknownPeriodCard(query: string, periods: Text[]): Card {
  const shown = periods.slice(0, 30);
  const more = periods.length - shown.length;
  const lines: RichText[] = [
    t(m`没有名为 **${query}** 的 OKR 周期。`, m`There is no OKR period named **${query}**.`),
    shown.length > 0
      ? t(m`可用的周期：\n${list(shown, 'zh_cn')}${more > 0 ? m`\n…另有 ${more} 个` : ''}`, m`Periods you can use:\n${list(shown, 'en_us')}${more > 0 ? m`\n…and ${more} more` : ''}`)
      : t('租户里还没有任何 OKR 周期。', 'The tenant has no OKR periods yet.'),
    // The example names a period that exists, so that copying it works (as code only when its name can be).
    ...(shown[0] ? [t(m`示例：${code(`/okr --period "${shown[0].zh_cn}"`)}（空格和大小写不影响匹配）`, m`Example: ${code(`/okr --period "${shown[0].en_us}"`)} (spaces and case do not matter)`)] : []),
  ];
  return card({ title: t('找不到这个周期', 'Unknown period'), template: 'orange', summary: t('找不到这个周期', 'Unknown period'), elements: lines.map((l) => md(l)) });
}

/** Nothing to show for `/okr <id…>`: none found, none accessible, or none the member owns. */
export function okrNothingCard(lines: RichText[]): Card {
  return card({ title: t('没有可显示的 OKR', 'No OKRs to show'), template: 'orange', summary: t('没有可显示的 OKR', 'No OKRs to show'), elements: lines.map((l) => md(l)) });
}
