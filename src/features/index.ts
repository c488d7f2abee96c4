import type { ActionRegistry } from '../framework/action.js';
import type { EventHandler } from '../framework/event.js';
import { actionsOf, commandsOf, configProblemsOf, eventsOf, resumersOf, type Env, type Feature } from '../framework/feature.js';
import type { JobResumer } from '../batch/resume.js';
import type { CommandRegistry } from '../framework/registry.js';
import { acsFeature } from './acs/index.js';
import { auditFeature } from './audit/index.js';
import { cxFeature } from './cx/index.js';
import { helpCommand } from './help/command.js';
import { jingFeature } from './jing/index.js';
import { okrFeature } from './okr/index.js';
import { statusFeature } from './status/index.js';
import { welcomeFeature } from './welcome/index.js';
import { whoamiFeature } from './whoami/index.js';

/** Every feature, one line each. /help is built from the registry they fill. */
export const features: Feature[] = [
  okrFeature,
  jingFeature,
  cxFeature,
  statusFeature,
  acsFeature,
  whoamiFeature,
  auditFeature,
  welcomeFeature,
];

/**
 * The welcome feature is the bot's presence in a chat (its card, its menu), whatever else a test runs
 * with: it is always there.
 */
const withWelcome = (list: readonly Feature[]): readonly Feature[] => (list.includes(welcomeFeature) ? list : [...list, welcomeFeature]);

/** Every command of `list`, plus /help over them. */
export function buildCommands(list: readonly Feature[] = features): CommandRegistry {
  return commandsOf(withWelcome(list), (registry) => [helpCommand(registry)]);
}

/** Every card-button action of `list`. */
export function buildActions(list: readonly Feature[] = features): ActionRegistry {
  return actionsOf(withWelcome(list));
}

/** The handlers of other platform events of `list`, by event type. */
export function buildEvents(list: readonly Feature[] = features): Map<string, EventHandler> {
  return eventsOf(withWelcome(list));
}

/** Start-up checks of every feature's part of the environment (live mode). */
export const featureConfigProblems = (env: Env): string[] => configProblemsOf(features, env);

/** How the batch jobs of `list` are run again after a restart, by job kind. */
export const buildResumers = (list: readonly Feature[] = features): Map<string, JobResumer> => resumersOf(list);
