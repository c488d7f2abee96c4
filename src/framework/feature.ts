import type { ActionDef } from './action.js';
import type { CommandDef } from './command.js';
import type { EventHandler } from './event.js';

/**
 * One feature: its commands, the actions behind its buttons and the platform events it reacts to.
 * A feature is one folder under `src/features/` whose `index.ts` exports one of these;
 * `src/features/index.ts` lists them.
 */
export interface Feature {
  name: string;
  commands: CommandDef[];
  actions: ActionDef[];
  /** Handlers of other platform events, by event type (`im.chat.member.bot.added_v1`…). */
  events?: Record<string, EventHandler>;
}

export const defineFeature = (feature: Feature): Feature => feature;
