import express, { type Express } from 'express';
import type { RequestListener } from 'node:http';
import type { ActionRegistry } from './framework/action.js';
import { ButtonSigner } from './framework/buttons.js';
import { Inbox } from './inbox/inbox.js';
import type { Services } from './framework/context.js';
import { buildActions, buildCommands, buildEvents } from './features/index.js';
import type { CommandRegistry } from './framework/registry.js';
import type { Config } from './config.js';
import type { Logger } from './observe/log.js';
import { Metrics } from './observe/metrics.js';
import { Readiness } from './observe/readiness.js';
import { MemoryStore } from './store/memoryStore.js';
import type { Store } from './store/store.js';
import { createWebhook, newRejections } from './transport/webhook.js';
import type { RetryPolicy } from './upstream/callUpstream.js';
import { chengxunFromConfig } from './features/cx/client.js';
import { Feishu } from './upstream/feishu.js';
import { jingsocialFromConfig } from './features/jing/client.js';
import { realClock, type Clock } from './upstream/rateLimiter.js';

export interface AppDeps {
  config: Config;
  log: Logger;
  store?: Store;
  clock?: Clock;
  random?: () => number;
  retry?: RetryPolicy;
  /** Sandbox mode: where the emulator runs (shown on /healthz for `npm run say`). */
  emulatorUrl?: string;
  /** Tests may run the bot with their own commands and actions (defaults: the real registry). */
  commands?: CommandRegistry;
  actions?: ActionRegistry;
}

export interface BotApp {
  app: Express;
  /** What the HTTP server runs: webhook requests go straight to the transport, the rest to the Express app. */
  listener: RequestListener;
  /** The inbox every transport hands its deliveries to. */
  bot: Inbox;
  services: Services;
  metrics: Metrics;
  /** GET /readyz: the store's check is registered here; a transport may add its own. */
  readiness: Readiness;
}

/** Wires config → store → clients → bot → transport. Used by main.ts and by every integration test. */
export function createBotApp(deps: AppDeps): BotApp {
  const { config, log } = deps;
  const clock = deps.clock ?? realClock;
  const random = deps.random ?? Math.random;
  const metrics = new Metrics();
  const feishu = new Feishu({
    appId: config.FEISHU_APP_ID, appSecret: config.FEISHU_APP_SECRET, baseUrl: config.FEISHU_BASE_URL, log, clock, random, retry: deps.retry, metrics,
  });
  const store = deps.store ?? new MemoryStore({ now: () => clock.now() });
  const services: Services = {
    config,
    log,
    metrics,
    store,
    feishu,
    clock,
    random,
    buttons: new ButtonSigner(config.FEISHU_APP_SECRET, config.FEISHU_APP_ID, () => clock.now()),
    jingsocial: jingsocialFromConfig(config, { log, clock, random, retry: deps.retry, metrics }),
    chengxun: chengxunFromConfig(config, { log, clock, random, retry: deps.retry, metrics }),
  };
  const bot = new Inbox(services, { commands: deps.commands ?? buildCommands(), actions: deps.actions ?? buildActions(), events: buildEvents() });
  metrics.watchQueue(() => bot.queue.size);
  const readiness = new Readiness(log);
  readiness.addCheck('store', () => store.ping());
  const rejections = newRejections();
  const app = express();
  app.disable('x-powered-by');
  // First: every event comes this way, so it does not wait for the other routes to be matched.
  const webhook = createWebhook({
    verificationToken: config.FEISHU_VERIFICATION_TOKEN,
    encryptKey: config.FEISHU_ENCRYPT_KEY,
    log,
    now: () => clock.now(),
    sink: bot,
    rejections,
    metrics,
  });
  app.use(webhook.middleware);
  app.get('/healthz', (_req, res) => {
    res.json({
      ok: true, mode: config.mode, version: config.version, transport: config.FEISHU_TRANSPORT, store: store.kind,
      queued: bot.queue.size, rejected: rejections,
      ...(deps.emulatorUrl ? { emulator: deps.emulatorUrl } : {}),
    });
  });
  app.get('/readyz', async (_req, res) => {
    const report = await readiness.run();
    res.status(report.ready ? 200 : 503).json(report);
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.text());
  });
  app.use((_req, res) => res.status(404).json({ error: 'not found' }));
  const listener: RequestListener = (req, res) => (webhook.matches(req) ? webhook.handle(req, res) : app(req, res));
  return { app, listener, bot, services, metrics, readiness };
}
