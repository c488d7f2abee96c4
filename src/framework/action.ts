import type { Role } from './command.js';
import type { ActionContext, ActionResult } from './context.js';

/** A card button's server side. `role` is checked against the person who clicked, on every click. */
export interface ActionDef {
  name: string;
  role: Role;
  run(ctx: ActionContext): Promise<ActionResult>;
}

export const defineAction = (def: ActionDef): ActionDef => def;

export class ActionRegistry {
  private readonly byName = new Map<string, ActionDef>();

  add(def: ActionDef): this {
    if (this.byName.has(def.name)) throw new Error(`action ${def.name} is declared twice`);
    this.byName.set(def.name, def);
    return this;
  }

  get(name: string): ActionDef | undefined {
    return this.byName.get(name);
  }
}

/** Buttons that run a command line for whoever clicks them (the welcome card's quick starts), answered privately. */
export const RUN_COMMAND_ACTION = 'bot.run';
