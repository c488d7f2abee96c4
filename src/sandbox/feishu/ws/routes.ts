import express, { type Router } from 'express';
import { NoClientError, type LongConnectionServer } from './server.js';

/** `POST /callback/ws/endpoint`: endpoint discovery, where the SDK's WSClient asks for its socket URL. */
export function registerEndpoint(router: Router, server: LongConnectionServer): void {
  router.post('/callback/ws/endpoint', (req, res) => {
    const answer = server.discover(req.body, req.headers.host ?? '127.0.0.1');
    res.status(answer.status).json(answer.body);
  });
}

/**
 * Sandbox controls for the long connection (mounted at /_sandbox/ws): push an envelope to the connected
 * bot and read its response (`npm run say` in ws mode), see who is connected, and play faults by hand.
 */
export function longConnectionControls(server: LongConnectionServer): Router {
  const r = express.Router();
  r.get('/', (_req, res) => {
    res.json({ clients: server.liveClients, stats: server.stats, refused: server.refused, clientConfig: server.clientConfig });
  });
  r.post('/push', async (req, res) => {
    const { envelope, maxFrameBytes } = (req.body ?? {}) as { envelope?: unknown; maxFrameBytes?: unknown };
    if (!envelope || typeof envelope !== 'object') {
      res.status(400).json({ error: 'envelope (an object) is required' });
      return;
    }
    try {
      const frameBytes = typeof maxFrameBytes === 'number' && maxFrameBytes > 0 ? maxFrameBytes : undefined;
      res.json(await server.push(envelope, { maxFrameBytes: frameBytes }));
    } catch (err) {
      res.status(err instanceof NoClientError ? 409 : 504).json({ error: err instanceof Error ? err.message : String(err) });
    }
  });
  r.post('/drop', (_req, res) => {
    server.drop();
    res.json({ ok: true });
  });
  r.post('/silence', (_req, res) => {
    server.goSilent();
    res.json({ ok: true });
  });
  r.post('/refuse', (req, res) => {
    const b = (req.body ?? {}) as { ms?: unknown; at?: unknown };
    const ms = Number(b.ms ?? 0);
    const at = b.at ?? 'socket';
    if (!Number.isFinite(ms) || ms < 0 || (at !== 'socket' && at !== 'endpoint')) {
      res.status(400).json({ error: 'ms must be a number of milliseconds, 0 or more; at is socket or endpoint' });
      return;
    }
    server.refuseFor(ms, at);
    res.json({ ok: true, refusingForMs: ms, at });
  });
  return r;
}
