import { ActionRegistry } from '../framework/action.js';
import type { EventHandler } from '../framework/event.js';
import type { Feature } from '../framework/feature.js';
import { CommandRegistry } from '../framework/registry.js';
import { acsFeature } from './acs/index.js';
import { cxFeature } from './cx/index.js';
import { helpCommand } from './help/command.js';
import { jingFeature } from './jing/index.js';
import { okrFeature } from './okr/index.js';
import { statusFeature } from './status/index.js';
import { welcomeFeature } from './welcome/index.js';

/** Every feature, one line each. /help is built from the registry they fill. */
export const features: Feature[] = [
  okrFeature,
  jingFeature,
  cxFeature,
  statusFeature,
  acsFeature,
  welcomeFeature,
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

/** The handlers of other platform events, by event type; one handler per type. */
export function buildEvents(list: Feature[] = features): Map<string, EventHandler> {
  const events = new Map<string, EventHandler>();
  for (const feature of list) {
    for (const [type, handler] of Object.entries(feature.events ?? {})) {
      if (events.has(type)) throw new Error(`event ${type} is handled twice`);
      events.set(type, handler);
    }
  }
  return events;
}
