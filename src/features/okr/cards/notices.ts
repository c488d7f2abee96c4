import { t, type Text } from '../../../cards-kit/i18n.js';
import { button, buttonRow, card, escapeMd, hr, md, personList, type Card, type Element } from '../../../cards-kit/kit.js';
import type { PeriodButton } from './summary.js';

const list = (names: Text[], locale: keyof Text): string => names.map((n) => `- ${escapeMd(n[locale])}`).join('\n');

function periodButtons(periods: PeriodButton[]): Element[] {
  if (periods.length === 0) return [];
  return [hr(), buttonRow(periods.map((p) => button({ text: p.label, value: p.value, disabled: p.current })))];
}

/** A period with no OKRs for this person: says so and names the periods that do have OKRs. */
export function okrEmptyPeriodCard(input: { owner: string; period: Text; periodsWithOkrs: Text[]; buttons: PeriodButton[] }): Card {
  const p = { zh: escapeMd(input.period.zh_cn), en: escapeMd(input.period.en_us) };
  const lines: Text[] = [t(`**${p.zh}** 还没有 OKR。`, `There are no OKRs for **${p.en}** yet.`)];
  if (input.periodsWithOkrs.length > 0) {
    lines.push(t(`这些周期有 OKR：\n${list(input.periodsWithOkrs, 'zh_cn')}`, `These periods have OKRs:\n${list(input.periodsWithOkrs, 'en_us')}`));
    lines.push(t('点击下方周期查看，或发送 `/okr --period <周期名>`。', 'Click a period below, or send `/okr --period <period name>`.'));
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
  const q = escapeMd(query);
  const shown = periods.slice(0, 30);
  const more = periods.length - shown.length;
  const lines: Text[] = [
    t(`没有名为 **${q}** 的 OKR 周期。`, `There is no OKR period named **${q}**.`),
    shown.length > 0
      ? t(`可用的周期：\n${list(shown, 'zh_cn')}${more > 0 ? `\n…另有 ${more} 个` : ''}`, `Periods you can use:\n${list(shown, 'en_us')}${more > 0 ? `\n…and ${more} more` : ''}`)
      : t('租户里还没有任何 OKR 周期。', 'The tenant has no OKR periods yet.'),
    // The example names a period that exists, so that copying it works.
    ...(shown[0] ? [t(`示例：\`/okr --period "${shown[0].zh_cn}"\`（空格和大小写不影响匹配）`, `Example: \`/okr --period "${shown[0].en_us}"\` (spaces and case do not matter)`)] : []),
  ];
  return card({ title: t('找不到这个周期', 'Unknown period'), template: 'orange', summary: t('找不到这个周期', 'Unknown period'), elements: lines.map((l) => md(l)) });
}

/** Nothing to show for `/okr <id…>`: none found, none accessible, or none the member owns. */
export function okrNothingCard(lines: Text[]): Card {
  return card({ title: t('没有可显示的 OKR', 'No OKRs to show'), template: 'orange', summary: t('没有可显示的 OKR', 'No OKRs to show'), elements: lines.map((l) => md(l)) });
}
