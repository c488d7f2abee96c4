import type { ActionRegistry } from '../framework/action.js';
import { actionsOf, commandsOf, configProblemsOf, type Env, type Feature } from '../framework/feature.js';
import type { CommandRegistry } from '../framework/registry.js';
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
];

/** Every command of `list`, plus /help over them. */
export function buildCommands(list: readonly Feature[] = features): CommandRegistry {
  return commandsOf(list, (registry) => [helpCommand(registry)]);
}

/** Every card-button action of `list`, plus the welcome card's (the inbox sends that card whatever the list). */
export function buildActions(list: readonly Feature[] = features): ActionRegistry {
  return actionsOf([welcomeFeature, ...list]);
}

/** Start-up checks of every feature's part of the environment (live mode). */
export const featureConfigProblems = (env: Env): string[] => configProblemsOf(features, env);
