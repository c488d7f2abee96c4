import { z } from 'zod';
import { infoCard } from '../../src/cards-kit/common.js';
import { t } from '../../src/cards-kit/i18n.js';
import { button, buttonRow, type Card } from '../../src/cards-kit/kit.js';
import { defineAction } from '../../src/framework/action.js';
import type { ButtonScope, ButtonValue } from '../../src/framework/buttons.js';
import { defineCommand, zmsg } from '../../src/framework/command.js';
import { defineFeature } from '../../src/framework/feature.js';
import { groupOnly, ownerOrAdmin } from '../../src/framework/preconditions.js';

/**
 * A feature that exists only in the tests, declared exactly like the real ones: one command, one action
 * with typed button data, preconditions on both. Adding it to a bot is one line in its feature list.
 */

const MAX_TIMES = 5;

/** Pure, like every card builder: it gets the button's value, it does not sign it. */
function parrotCard(words: string, times: number, again: ButtonValue | undefined): Card {
  const said = Array.from({ length: times }, () => words).join(' ');
  const row = again ? [buttonRow([button({ text: t('再说一遍', 'Again'), value: again })])] : [];
  return infoCard(t('鹦鹉', 'Parrot'), [t(`鹦鹉说：${said}`, `The parrot says: ${said}`)], 'blue', row);
}

/** The next "Again" button, while there is one. */
function againButton(scope: ButtonScope, owner: string, words: string, n: number): ButtonValue | undefined {
  return n <= MAX_TIMES ? againAction.value(scope, owner, { words, n }) : undefined;
}

/** "Again" on a parrot card: says it once more. Only whoever asked (the ref), or an admin, may click. */
export const againAction = defineAction({
  name: 'parrot.again',
  extra: z.object({ words: z.string().min(1).max(200), n: z.number().int().min(1).max(MAX_TIMES) }),
  preconditions: [ownerOrAdmin((ctx) => ctx.ref)],
  async run(ctx) {
    const { words, n } = ctx.extra;
    return { card: parrotCard(words, n, againButton(ctx.buttons, ctx.ref, words, n + 1)), toast: { type: 'success', text: t('又说了一遍', 'Said it again') } };
  },
});

export const parrotCommand = defineCommand({
  name: 'parrot',
  preconditions: [],
  summary: t('鹦鹉学舌（测试用功能）', 'Repeats what you say (a test-only feature)'),
  positionals: [{ name: 'words', variadic: true, help: t('要重复的话', 'What to repeat') }],
  flags: [
    { name: 'times', kind: 'value', help: t(`重复几次，1–${MAX_TIMES}`, `How many times, 1–${MAX_TIMES}`) },
    { name: 'loud', kind: 'boolean', help: t('大声说（只在群里）', 'Say it loudly (groups only)'), requires: [groupOnly()] },
  ],
  args: z.object({
    words: z.array(z.string()).min(1, zmsg('缺失，需要提供', 'is missing')),
    times: z.coerce.number({ error: zmsg('必须是数字', 'must be a number') }).int().min(1).max(MAX_TIMES).default(1),
    loud: z.boolean().default(false),
  }),
  examples: ['/parrot hello --times 2'],
  async run(ctx, a) {
    const words = a.loud ? a.words.join(' ').toUpperCase() : a.words.join(' ');
    await ctx.show(parrotCard(words, a.times, againButton(ctx.buttons, ctx.actor.openId, words, a.times + 1)));
  },
});

export const echoFeature = defineFeature({ name: 'parrot', commands: [parrotCommand], actions: [againAction] });
