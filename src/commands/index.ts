import { ActionRegistry } from '../bot/actions.js';
import { helpCommand } from './help.js';
import { CommandRegistry } from './registry.js';

/** Every command. A feature adds its file's declarations here. */
export function buildCommands(): CommandRegistry {
  const registry = new CommandRegistry();
  registry.add(helpCommand(registry));
  return registry;
}

/** Every card-button action. */
export function buildActions(): ActionRegistry {
  return new ActionRegistry();
}
