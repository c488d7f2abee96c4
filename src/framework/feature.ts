import type { JobResumer } from '../batch/resume.js';
import { ActionRegistry, type RunnableAction } from './action.js';
import type { CommandDef } from './command.js';
import type { EventHandler } from './event.js';
import { CommandRegistry } from './registry.js';
import type { Services, SetupDeps } from './services.js';

/** Environment variables as read at start-up (blank ones already removed). */
export type Env = Record<string, string | undefined>;

/**
 * One feature: its commands, the actions behind its buttons, the platform events it reacts to, and the
 * services it brings. A feature is one folder under `src/features/` whose `index.ts` exports one of these;
 * `src/features/index.ts` lists them.
 */
export interface Feature {
  name: string;
  commands: CommandDef[];
  actions: RunnableAction[];
  /** Handlers of other platform events, by event type (`im.chat.member.bot.added_v1`…). */
  events?: Record<string, EventHandler>;
  /** Builds the services the feature declares on `Services` (by module augmentation) from the core ones. */
  setup?(deps: SetupDeps): Partial<Services>;
  /** Problems with the feature's part of the environment that must stop a live start (a half-set-up platform). */
  configProblems?(env: Env): string[];
  /** How each kind of the feature's batch jobs (by `Job.kind`) is run again after a restart. */
  resumers?: Record<string, JobResumer>;
}

export const defineFeature = (feature: Feature): Feature => feature;

/** Every command of `features`, plus whatever `extra` adds (e.g. /help, which reads the registry back). */
export function commandsOf(features: readonly Feature[], extra: (registry: CommandRegistry) => CommandDef[] = () => []): CommandRegistry {
  const registry = new CommandRegistry();
  for (const c of extra(registry)) registry.add(c);
  for (const feature of features) for (const c of feature.commands) registry.add(c);
  return registry;
}

export function actionsOf(features: readonly Feature[]): ActionRegistry {
  const actions = new ActionRegistry();
  for (const feature of features) for (const a of feature.actions) actions.add(a);
  return actions;
}

/** The core services with every feature's own added. */
export function servicesOf(features: readonly Feature[], core: Services, deps: SetupDeps): Services {
  const services: Services = { ...core };
  for (const feature of features) Object.assign(services, feature.setup?.(deps));
  return services;
}

/** Every feature's start-up configuration problems. */
export const configProblemsOf = (features: readonly Feature[], env: Env): string[] => features.flatMap((f) => f.configProblems?.(env) ?? []);

/** The handlers of other platform events, by event type; one handler per type. */
export function eventsOf(features: readonly Feature[]): Map<string, EventHandler> {
  const events = new Map<string, EventHandler>();
  for (const feature of features) {
    for (const [type, handler] of Object.entries(feature.events ?? {})) {
      if (events.has(type)) throw new Error(`event ${type} is handled twice`);
      events.set(type, handler);
    }
  }
  return events;
}

/** Every feature's job resumers, by job kind; one resumer per kind. */
export function resumersOf(features: readonly Feature[]): Map<string, JobResumer> {
  const out = new Map<string, JobResumer>();
  for (const feature of features) {
    for (const [kind, resume] of Object.entries(feature.resumers ?? {})) {
      if (out.has(kind)) throw new Error(`jobs of kind ${kind} have two resumers`);
      out.set(kind, resume);
    }
  }
  return out;
}
