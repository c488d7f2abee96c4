import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { registerAcs } from './feishu/acs/routes.js';
import { registerChengxun } from './chengxun/routes.js';
import { registerChatMembers } from './feishu/chat/members.js';
import { registerContact } from './feishu/contact/routes.js';
import { registerCore } from './feishu/im/routes.js';
import { registerJingsocial } from './jingsocial/routes.js';
import { registerOkr } from './feishu/okr/routes.js';
import { PLATFORM_CODES } from './feishu/facts.js';
import { registerSystemStatus } from './feishu/status/routes.js';
import { ServerRateLimits } from './route.js';
import { SANDBOX_GROUP, SandboxState } from './state.js';
import { longConnectionControls, registerEndpoint } from './feishu/ws/routes.js';
import { LongConnectionServer, type LongConnectionOptions } from './feishu/ws/server.js';

export interface EmulatorOptions {
  appId: string;
  appSecret: string;
  latencyMs?: number;
  now?: () => number;
  /** Long connection tuning (ping and reconnect intervals, fragment size, response timeout). */
  ws?: Omit<LongConnectionOptions, 'appId' | 'appSecret' | 'now'>;
}

export interface Emulator {
  url: string;
  state: SandboxState;
  /** The long connection: push envelopes to the connected bot, play faults. */
  ws: LongConnectionServer;
  close(): Promise<void>;
}

/** Feature modules add their emulated APIs here (system statuses, OKR, ACS, Jingsocial, Chengxun, contacts). */
const FEATURES: Array<(router: express.Router, state: SandboxState, limits: ServerRateLimits) => void> = [
  registerSystemStatus,
  registerChatMembers,
  registerAcs,
  registerJingsocial,
  registerChengxun,
  registerOkr,
  registerContact,
];

export function emulatorApp(state: SandboxState, opts: EmulatorOptions, ws?: LongConnectionServer): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '10mb' }));
  const router = express.Router();
  const limits = new ServerRateLimits();
  registerCore(router, state, limits, opts);
  for (const register of FEATURES) register(router, state, limits);
  if (ws) registerEndpoint(router, ws);
  app.use(router);
  if (ws) app.use('/_sandbox/ws', longConnectionControls(ws));
  app.use('/_sandbox', controlRouter(state));
  app.use((_req, res) => res.status(404).json({ code: PLATFORM_CODES.notFound, msg: 'resource not found' }));
  return app;
}

/** Starts the emulator on an ephemeral loopback port. */
export async function startEmulator(opts: EmulatorOptions): Promise<Emulator> {
  const state = new SandboxState(opts.now);
  state.latencyMs = opts.latencyMs ?? 0;
  const ws = new LongConnectionServer({ ...opts.ws, appId: opts.appId, appSecret: opts.appSecret, now: opts.now });
  const app = emulatorApp(state, opts, ws);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  server.keepAliveTimeout = 60_000;
  server.on('upgrade', (req, socket, head) => ws.upgrade(req, socket, head));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    ws,
    close: async () => {
      await ws.close();
      await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
    },
  };
}

/** Sandbox-only controls used by `npm run say`: make a user message, read what the bot sent. */
function controlRouter(state: SandboxState): express.Router {
  const r = express.Router();
  r.post('/user-message', (req, res) => {
    const { open_id, chat, text } = (req.body ?? {}) as { open_id?: string; chat?: 'group' | 'p2p'; text?: string };
    if (typeof open_id !== 'string' || typeof text !== 'string') {
      res.status(400).json({ error: 'open_id and text are required' });
      return;
    }
    const chatId = chat === 'group' ? SANDBOX_GROUP : state.p2pChat(open_id);
    res.json(state.userMessage(open_id, chatId, text));
  });
  r.get('/outbox', (req, res) => {
    const after = Number(req.query.after ?? 0);
    res.json(state.outbox.slice(Number.isFinite(after) ? after : 0).map((o) => ({ ...o, file: o.file ? { name: o.file.name, content: o.file.content.toString('utf8') } : undefined })));
  });
  return r;
}
