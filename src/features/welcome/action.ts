import { t } from '../../cards-kit/i18n.js';
import type { Card } from '../../cards-kit/kit.js';
import { defineAction } from '../../framework/action.js';
import type { ButtonScope } from '../../framework/buttons.js';
import { welcomeCard } from './card.js';

/**
 * The welcome card's quick-start buttons: run the command line in the ref for whoever clicked, answered
 * privately. Anyone may click; the command's own preconditions apply when it runs.
 */
export const runCommandAction = defineAction({
  name: 'bot.run',
  preconditions: [],
  async run(ctx) {
    ctx.execute(ctx.ref);
    return { toast: { type: 'info', text: t('已私信发送给你', 'Sent to you privately') } };
  },
});

/** The welcome card, its buttons bound to where `scope` shows it. */
export const welcomeCardFor = (scope: ButtonScope): Card =>
  welcomeCard({ help: runCommandAction.value(scope, 'help'), okr: runCommandAction.value(scope, 'okr') });
