import { renderCardText } from '../../src/cards-kit/render.js';

/** Labels that open a line ("What to do: …"): the advice is what follows them. */
const LABEL = /^(?:[-•]\s*)?(?:原因|怎么办|用法|示例|What it means|What to do|Usage|Example)\s*[:：]\s*/i;

/** Whether a card is an error or warning notice (red or orange header), the cards where advice is given. */
export function isNoticeCard(card: unknown): boolean {
  const template = (card as { header?: { template?: string } } | undefined)?.header?.template;
  return template === 'red' || template === 'orange';
}

/**
 * The first piece of advice a card says twice, in either language, or undefined. Lines are cut into
 * sentences (after their label), so that "What it means: X" and "What to do: X." count as one thing said twice.
 */
export function repeatedAdvice(card: unknown): string | undefined {
  for (const locale of ['en_us', 'zh_cn'] as const) {
    const seen = new Set<string>();
    for (const line of renderCardText(card, locale).split('\n')) {
      const body = line.trim().replace(LABEL, '');
      for (const sentence of body.split(/(?<=[.!?;])\s+|(?<=[。；！？])/)) {
        const key = sentence.replace(/[\s.。；;!！?？*`]/g, '').toLowerCase();
        if (key.length < 6 || /^[─-]+$/.test(key)) continue;
        if (seen.has(key)) return `${locale}: "${sentence.trim()}"`;
        seen.add(key);
      }
    }
  }
  return undefined;
}
