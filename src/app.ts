import express, { type Express, type RequestHandler } from 'express';
import type { RequestListener } from 'node:http';
import { JobControl } from './batch/jobControl.js';
import { ButtonSigner } from './framework/buttons.js';
import { Inbox } from './inbox/inbox.js';
import type { Services } from './framework/context.js';
import { servicesOf, type Feature } from './framework/feature.js';
import { buildActions, buildCommands, buildEvents, buildResumers, features as allFeatures } from './features/index.js';
import type { TakeOver } from './batch/jobQueue.js';
import { queueFor } from './batch/queueChoice.js';
import { takeOverWith } from './batch/resume.js';
import type { Config } from './config.js';
import type { Logger } from './observe/log.js';
import { AuditTrail } from './observe/audit.js';
import { Metrics } from './observe/metrics.js';
import { MemoryStore } from './store/memoryStore.js';
import type { Store, StoreHealth } from './store/store.js';
import { createWebhook, newRejections } from './transport/webhook.js';
import { selectTransport } from './transport/select.js';
import type { Transport } from './transport/transport.js';
import type { LongConnectionTuning } from './transport/ws/longConnection.js';
import { Readiness, readinessRoute } from './observe/readiness.js';
import type { RetryPolicy } from './upstream/callUpstream.js';
import { Feishu } from './upstream/feishu.js';
import { limitersFor } from './upstream/limiterChoice.js';
import { realClock, type Clock } from './upstream/rateLimiter.js';
import { UserNames } from './upstream/userNames.js';

export interface AppDeps {
  config: Config;
  log: Logger;
  store?: Store;
  clock?: Clock;
  random?: () => number;
  retry?: RetryPolicy;
  /** Feishu's per-request timeout (default 10 s; tests make it short). */
  feishuTimeoutMs?: number;
  /** Sandbox mode: where the emulator runs (shown on /healthz for `npm run say`). */
  emulatorUrl?: string;
  /** The features to run (default: every feature of src/features/index.ts); /help and the welcome card are always there. */
  features?: Feature[];
  /** Sandbox mode: the console's routes, mounted at /console (absent in live mode: /console is a 404 there). */
  consoleRoutes?: RequestHandler;
  /** Long-connection timings (tests use short ones). */
  longConnection?: Partial<LongConnectionTuning>;
}

export interface BotApp {
  app: Express;
  /** What the HTTP server runs: webhook requests go straight to the transport, the rest to the Express app. */
  listener: RequestListener;
  /** The inbox every transport hands its deliveries to. */
  bot: Inbox;
  services: Services;
  metrics: Metrics;
  /** Webhook, or the long connection: started by main.ts once the HTTP server listens, closed after the inbox drains. */
  transport: Transport;
  /** /readyz: named checks; add one with `readiness.addCheck(name, fn)`. */
  readiness: Readiness;
  /** Runs the jobs a stopped or killed process left unfinished (main.ts, once listening); how many it found. */
  resume(): Promise<number>;
}

/** Wires config → store → clients → bot → transport. Used by main.ts and by every integration test. */
export function createBotApp(deps: AppDeps): BotApp {
  const { config, log } = deps;
  const clock = deps.clock ?? realClock;
  const random = deps.random ?? Math.random;
  const metrics = new Metrics();
  const store = deps.store ?? new MemoryStore({ now: () => clock.now() });
  const limiters = limitersFor(store, clock);
  const feishu = new Feishu({
    appId: config.FEISHU_APP_ID, appSecret: config.FEISHU_APP_SECRET, baseUrl: config.FEISHU_BASE_URL, log, clock, random, retry: deps.retry, metrics, limiters, timeoutMs: deps.feishuTimeoutMs,
  });
  const features = deps.features ?? allFeatures;
  // The queue is called only once the app is built: it hands jobs to the features' resumers (which need
  // the finished services) and asks whether this process is stopping (services.jobs, which a test may swap).
  const queue = queueFor(store, log, {
    takeOver: (jobId, run) => takeOver(jobId, run),
    stopping: () => services.jobs.stopped,
  });
  const core: Services = {
    config,
    log,
    metrics,
    store,
    feishu,
    clock,
    random,
    buttons: new ButtonSigner(config.FEISHU_APP_SECRET, config.FEISHU_APP_ID, () => clock.now()),
    audit: new AuditTrail(store, log, random),
    names: new UserNames(feishu, log, clock),
    jobs: new JobControl(),
    queue,
  };
  const services = servicesOf(features, core, { config, log, metrics, clock, random, retry: deps.retry, limiters });
  const bot = new Inbox(services, { commands: buildCommands(features), actions: buildActions(features), events: buildEvents(features) });
  metrics.watchQueue(() => bot.queue.size);
  metrics.watchJobs(() => services.jobs.size);
  const rejections = newRejections();
  const transport = selectTransport({ config, log, sink: bot, now: () => clock.now(), random, tuning: deps.longConnection });
  const readiness = new Readiness();
  readiness.addCheck('transport', () => ({ ok: transport.ready(), detail: `${transport.kind} ${transport.status().state}` }));
  readiness.addCheck('store', async () => {
    const h = await storeHealth(store, log);
    return { ok: h.ok, detail: h.detail ? `${h.backend}: ${h.detail}` : h.backend };
  });
  const webhook = createWebhook({
    verificationToken: config.FEISHU_VERIFICATION_TOKEN,
    encryptKey: config.FEISHU_ENCRYPT_KEY,
    log,
    now: () => clock.now(),
    sink: bot,
    rejections,
    metrics,
  });
  const app = express();
  app.disable('x-powered-by');
  // First: every event comes this way, so it does not wait for the other routes to be matched.
  app.use(webhook.middleware);
  app.get('/healthz', async (_req, res) => {
    res.json({
      ok: true, mode: config.mode, version: config.version, transport: transport.status(), store: await storeHealth(store, log), jobs: queue.kind,
      queued: bot.queue.size, rejected: rejections,
      ...(deps.emulatorUrl ? { emulator: deps.emulatorUrl } : {}),
    });
  });
  app.get('/readyz', readinessRoute(readiness));
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.text());
  });
  if (deps.consoleRoutes) app.use('/console', deps.consoleRoutes);
  app.use((_req, res) => res.status(404).json({ error: 'not found' }));
  const listener: RequestListener = (req, res) => (webhook.matches(req) ? webhook.handle(req, res) : app(req, res));
  const takeOver: TakeOver = takeOverWith(services, buildResumers(features));
  return { app, listener, bot, services, metrics, transport, readiness, resume: () => services.queue.start() };
}

/** The store's kind and state, for /healthz and the `store` readiness check; a throwing ping is a failed one. */
async function storeHealth(store: Store, log: Logger): Promise<StoreHealth> {
  return store.ping().catch((err: unknown) => {
    // The cause may name hosts or credentials: logged, never answered.
    log.warn({ err }, 'the store did not answer its ping');
    return { backend: store.backend, ok: false, detail: 'the store does not answer' };
  });
}
