/**
 * One side of the webhook benchmark, in its own process: `ours` is the bot's real app as main.ts serves it
 * (createBotApp's listener, the real registry, a pino logger at info on stdout) against an in-process emulator; `sdk-express`
 * and `sdk-http` are the official SDK's stock paths, an EventDispatcher behind adaptExpress (Express with
 * express.json()) or adaptDefault (Node's http server), with autoChallenge as the SDK's examples have it
 * (the bot answers the challenge too), the same keys and a handler that does nothing. Prints `port <n>` once listening, then `handled <n>` on
 * each line it reads from stdin (how many message events reached the handler, as a sanity check).
 * `ours <STORE_URL>` runs the bot on that store (memory: by default).
 */
import * as lark from '@larksuiteoapi/node-sdk';
import express from 'express';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { createBotApp } from '../src/app.js';
import { SANDBOX_APP_ID, sandboxConfig } from '../src/config.js';
import { createLogger } from '../src/observe/log.js';
import { startEmulator } from '../src/sandbox/emulator.js';
import { openStore } from '../src/store/openStore.js';
import { parseStoreUrl } from '../src/store/storeUrl.js';

const side = process.argv[2];
const emulator = await startEmulator({ appId: SANDBOX_APP_ID, appSecret: 'sandbox-secret' });
const config = sandboxConfig(emulator.url);
let handled = async (): Promise<number> => 0;

let listener: RequestListener;
if (side === 'ours') {
  // An optional STORE_URL (the durability bench compares memory: with sqlite:<file>); memory by default.
  const location = parseStoreUrl(process.argv[3] ?? 'memory:');
  if (!location.ok) throw new Error(location.problem);
  const bot = createBotApp({ config: { ...config, STORE_URL: process.argv[3] ?? 'memory:' }, log: createLogger('info'), store: await openStore(location.location) });
  listener = bot.listener;
  handled = async () => {
    const events = await bot.metrics.registry.getSingleMetric('opsbot_events_total')?.get();
    return (events?.values ?? []).filter((v) => v.labels.outcome === 'taken').reduce((n, v) => n + v.value, 0);
  };
  await bot.services.feishu.botOpenId(); // the bot's own open_id is fetched once, before any message
} else if (side === 'sdk-express' || side === 'sdk-http') {
  let count = 0;
  const dispatcher = new lark.EventDispatcher({
    encryptKey: config.FEISHU_ENCRYPT_KEY,
    verificationToken: config.FEISHU_VERIFICATION_TOKEN,
    loggerLevel: lark.LoggerLevel.info,
  }).register({
    'im.message.receive_v1': async () => {
      count++;
    },
  });
  if (side === 'sdk-express') {
    const app = express();
    app.use(express.json({ limit: '10mb' }));
    app.use('/webhook/event', lark.adaptExpress(dispatcher, { autoChallenge: true }));
    listener = app;
  } else {
    listener = lark.adaptDefault('/webhook/event', dispatcher, { autoChallenge: true });
  }
  handled = async () => count;
} else {
  throw new Error('usage: webhookServer.ts ours|sdk-express|sdk-http');
}

const server = createServer(listener);
// Longer than a round of the other sides: an idle keep-alive socket closed under the client resets a request.
server.keepAliveTimeout = 120_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`port ${(server.address() as AddressInfo).port}\n`);
});
createInterface({ input: process.stdin }).on('line', () => void handled().then((n) => process.stdout.write(`handled ${n}\n`)));
process.stdin.on('end', () => process.exit(0));
