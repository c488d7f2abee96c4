import { ActionRegistry } from '../framework/action.js';
import type { Feature } from '../framework/feature.js';
import { CommandRegistry } from '../framework/registry.js';
import { acsFeature } from './acs/index.js';
import { cxFeature } from './cx/index.js';
import { helpCommand } from './help/command.js';
import { jingFeature } from './jing/index.js';
import { okrFeature } from './okr/index.js';
import { statusFeature } from './status/index.js';

/** Every feature, one line each. /help is built from the registry they fill. */
export const features: Feature[] = [
  okrFeature,
  jingFeature,
  cxFeature,
  statusFeature,
  acsFeature,
];

/** Every command of `list`, plus /help over them. */
export function buildCommands(list: Feature[] = features): CommandRegistry {
  const registry = new CommandRegistry();
  registry.add(helpCommand(registry));
  for (const feature of list) for (const c of feature.commands) registry.add(c);
  return registry;
}

/** Every card-button action of `list`. */
export function buildActions(list: Feature[] = features): ActionRegistry {
  const actions = new ActionRegistry();
  for (const feature of list) for (const a of feature.actions) actions.add(a);
  return actions;
}
