import type { JobControl } from '../batch/jobControl.js';
import type { JobQueue } from '../batch/jobQueue.js';
import type { Config } from '../config.js';
import type { AuditTrail } from '../observe/audit.js';
import type { Logger } from '../observe/log.js';
import type { Metrics } from '../observe/metrics.js';
import type { Store } from '../store/store.js';
import type { RetryPolicy } from '../upstream/callUpstream.js';
import type { Feishu } from '../upstream/feishu.js';
import type { Clock, RateLimiters } from '../upstream/rateLimiter.js';
import type { UserNames } from '../upstream/userNames.js';
import type { ButtonSigner } from './buttons.js';

/**
 * Long-lived dependencies every command and action may use. A feature adds its own (a platform's client)
 * by augmenting this interface from its own folder, and builds them in its `setup`:
 *
 *   declare module '../../framework/services.js' { interface Services { jingsocial?: Jingsocial } }
 *
 * so the framework never imports a feature. Optional members exist only when their platform is configured.
 */
export interface Services {
  config: Config;
  log: Logger;
  metrics: Metrics;
  store: Store;
  feishu: Feishu;
  clock: Clock;
  random: () => number;
  buttons: ButtonSigner;
  /** Who did which write, when (/audit). */
  audit: AuditTrail;
  /** People's display names by open_id (contact API, cached); never throws. */
  names: UserNames;
  /** The batch jobs this process runs, and whether it is stopping (they then checkpoint and pause). */
  jobs: JobControl;
  /** Where jobs run: in this process, or (Redis) on exactly one of the instances, taken over when it dies. */
  queue: JobQueue;
  /**
   * The recorded delivery (durable inbox) this work came from, when there is one. `handOff()` says the work
   * is now durable elsewhere (a job that resumes by itself after a crash), so the delivery's record can go:
   * replaying the event as well would run the work twice.
   */
  delivery?: { handOff(): void };
}

/** What a feature's `setup` builds its services from. */
export interface SetupDeps {
  config: Config;
  log: Logger;
  metrics?: Metrics;
  clock: Clock;
  random: () => number;
  retry?: RetryPolicy;
  /** Where the outgoing rate limits are kept (shared through Redis when the store is Redis). */
  limiters?: RateLimiters;
}

/** The keys of the services that may be absent (platforms that are not configured). */
export type OptionalService = { [K in keyof Services]-?: undefined extends Services[K] ? K : never }[keyof Services];

/**
 * A service a precondition (`serviceConfigured`) has already vouched for. Its absence here is a bug
 * (a command or action that forgot the precondition), not a user error.
 */
export function serviceOf<K extends OptionalService>(services: Services, key: K): NonNullable<Services[K]> {
  const service = services[key];
  if (service === undefined || service === null) throw new Error(`service ${String(key)} is not configured; add serviceConfigured('${String(key)}', …) to the preconditions`);
  return service as NonNullable<Services[K]>;
}
