import express, { type Express } from 'express';
import { ButtonSigner } from './framework/buttons.js';
import { Bot } from './inbox/inbox.js';
import type { Services } from './framework/context.js';
import type { Feature } from './framework/feature.js';
import { servicesOf } from './framework/feature.js';
import { buildActions, buildCommands, features as allFeatures } from './features/index.js';
import type { Config } from './config.js';
import type { Logger } from './observe/log.js';
import { MemoryStore } from './store/memoryStore.js';
import type { Store } from './store/store.js';
import { newRejections, webhookRouter } from './transport/webhook.js';
import type { RetryPolicy } from './upstream/callUpstream.js';
import { Feishu } from './upstream/feishu.js';
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
  /** The features to run (default: every feature of src/features/index.ts); /help and the welcome card are always there. */
  features?: Feature[];
}

export interface BotApp {
  app: Express;
  bot: Bot;
  services: Services;
}

/** Wires config → store → clients → bot → transport. Used by main.ts and by every integration test. */
export function createBotApp(deps: AppDeps): BotApp {
  const { config, log } = deps;
  const clock = deps.clock ?? realClock;
  const random = deps.random ?? Math.random;
  const feishu = new Feishu({
    appId: config.FEISHU_APP_ID, appSecret: config.FEISHU_APP_SECRET, baseUrl: config.FEISHU_BASE_URL, log, clock, random, retry: deps.retry,
  });
  const features = deps.features ?? allFeatures;
  const core: Services = {
    config,
    log,
    store: deps.store ?? new MemoryStore({ now: () => clock.now() }),
    feishu,
    clock,
    random,
    buttons: new ButtonSigner(config.FEISHU_APP_SECRET, config.FEISHU_APP_ID, () => clock.now()),
  };
  const services = servicesOf(features, core, { config, log, clock, random, retry: deps.retry });
  const bot = new Bot(services, buildCommands(features), buildActions(features));
  const rejections = newRejections();
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({
      ok: true, mode: config.mode, version: config.version, queued: bot.queue.size, rejected: rejections,
      ...(deps.emulatorUrl ? { emulator: deps.emulatorUrl } : {}),
    });
  });
  app.use(webhookRouter({
    verificationToken: config.FEISHU_VERIFICATION_TOKEN,
    encryptKey: config.FEISHU_ENCRYPT_KEY,
    log,
    now: () => clock.now(),
    sink: bot,
    rejections,
  }));
  app.use((_req, res) => res.status(404).json({ error: 'not found' }));
  return { app, bot, services };
}
