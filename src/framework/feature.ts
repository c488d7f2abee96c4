import type { ActionDef } from './action.js';
import type { CommandDef } from './command.js';

/**
 * One feature: its commands and the actions behind its buttons. A feature is one folder under
 * `src/features/` whose `index.ts` exports one of these; `src/features/index.ts` lists them.
 */
export interface Feature {
  name: string;
  commands: CommandDef[];
  actions: ActionDef[];
}

export const defineFeature = (feature: Feature): Feature => feature;
