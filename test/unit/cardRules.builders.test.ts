/**
 * The card builders emit only what the reference documents, and a builder that starts emitting an undocumented
 * field is caught: the emulator refuses the card when the bot sends it, so the feature's tests fail.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as kitModule from '../../src/cards-kit/kit.js';
import { button, buttonRow, card, hr, md, panel, personList, statRow, table } from '../../src/cards-kit/kit.js';
import { progressChart } from '../../src/features/okr/cards/objective.js';
import { fitCard } from '../../src/cards-kit/sizeGuard.js';
import { t } from '../../src/cards-kit/i18n.js';
import { cardProblem } from '../../src/sandbox/feishu/im/cardRules.js';
import { memoryLogger } from '../helpers/memoryLog.js';
import { startHarness, type Harness } from '../helpers/harness.js';

/** When set, the kit's md() adds this undocumented property, as a careless edit of the builder would. */
const regression = vi.hoisted(() => ({ extra: undefined as Record<string, unknown> | undefined }));
vi.mock('../../src/cards-kit/kit.js', async (importOriginal) => {
  const kit = await importOriginal<typeof kitModule>();
  return { ...kit, md: (...args: Parameters<typeof kit.md>) => ({ ...kit.md(...args), ...regression.extra }) };
});

const x = t('中', 'x');

describe('every kit builder, with every option, gives a card the emulator accepts', () => {
  it('card with subtitle, tag and summary; markdown, hr, buttons, stats, table, panel, persons, chart', () => {
    const c = card({
      title: x, subtitle: x, template: 'orange', tag: { text: x, color: 'orange' }, summary: x,
      elements: [
        md(x, { text_size: 'notation', text_align: 'center' }),
        hr(),
        statRow([x, x, x]),
        buttonRow([
          button({ text: x, value: { op: 'a' }, type: 'primary', confirm: { title: x, text: x } }),
          button({ text: x, value: { op: 'b' }, type: 'danger_filled', disabled: true }),
        ]),
        table([
          { name: 'u', display: x, type: 'persons' }, { name: 'n', display: x, type: 'number' },
          { name: 'o', display: x, type: 'options' }, { name: 'r', display: x, type: 'markdown' },
        ], [{ u: 'ou_1', n: 1, o: [{ text: x, color: 'green' }], r: x }]),
        panel(x, [md(x), button({ text: x, value: { op: 'c' } })], true),
        personList(['ou_1', 'ou_2']),
        progressChart([{ progress_rate: { percent: 40 } }] as Parameters<typeof progressChart>[0])!,
      ],
    });
    expect(cardProblem(JSON.stringify(c))).toBeUndefined();
    expect(cardProblem(JSON.stringify(fitCard(c)))).toBeUndefined();
  });
});

describe('a builder regression is caught by the emulator', () => {
  let h: Harness;
  const logs = memoryLogger('debug');
  beforeAll(async () => {
    h = await startHarness({ log: logs.log });
  });
  afterAll(() => {
    regression.extra = undefined;
    return h.close();
  });

  it('sends /help normally, but not once md() emits an undocumented property', async () => {
    expect(await h.say('/help')).toHaveLength(1);
    regression.extra = { text_color: 'grey' };
    expect(await h.say('/help')).toHaveLength(0);
    expect(logs.text()).toContain('230099');
    expect(logs.text()).toContain('unknown property body.elements[0].text_color');
  });
});
