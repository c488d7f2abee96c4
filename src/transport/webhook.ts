import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Answer, DeliverySink } from '../inbox/answer.js';
import type { Logger } from '../observe/log.js';
import type { Metrics, WebhookOutcome } from '../observe/metrics.js';
import { decryptPayload, safeEqual, verifySignature } from './crypto.js';

export interface WebhookOptions {
  verificationToken: string;
  encryptKey?: string;
  log: Logger;
  now: () => number;
  sink: DeliverySink;
  /** Counted per app (not per process), so that two apps in one process never mix their figures. */
  rejections: Rejections;
  metrics?: Metrics;
}

/**
 * Large enough for any event Feishu sends (a 150 KB text with thousands of mentions, encrypted), so that
 * no real command is refused for its size and re-delivered forever; past it a body is not read at all.
 */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** How an inbox answer reads over HTTP: Feishu re-delivers anything but a 200, so only bad requests get a 4xx. */
function httpOf(answer: Answer): { status: number; body: unknown; outcome: WebhookOutcome } {
  switch (answer.kind) {
    case 'taken':
      return { status: 200, body: {}, outcome: 'accepted' };
    case 'callback':
      return { status: 200, body: answer.body, outcome: 'accepted' };
    case 'invalid':
      return { status: 400, body: { error: answer.reason }, outcome: 'invalid' };
  }
}

const OUTCOME_OF: Record<keyof Rejections, WebhookOutcome> = { signature: 'bad_signature', token: 'bad_token', malformed: 'malformed' };

/** Counters of rejected requests, shown on /healthz so that an attack or a misconfiguration is visible. */
export interface Rejections {
  signature: number;
  token: number;
  malformed: number;
}

export const newRejections = (): Rejections => ({ signature: 0, token: 0, malformed: 0 });

type Json = Record<string, unknown>;

function parseObject(text: string): Json | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** The verification token of a v2 event (header.token) or of a v1 body / challenge (token). */
function tokenOf(body: Json): unknown {
  const header = body.header as Json | undefined;
  return header && typeof header === 'object' ? header.token : body.token;
}

const STARTED = Symbol('webhook request start');
type Stamped = Request & { [STARTED]?: number };

/** Notes when a request arrived, before its body is read, so that the ack latency includes the read. */
const stamp = (req: Request, _res: Response, next: NextFunction) => {
  (req as Stamped)[STARTED] = performance.now();
  next();
};
const startOf = (req: Request) => (req as Stamped)[STARTED] ?? performance.now();

/**
 * Feishu webhook transport: raw body, size limit, signature over the raw bytes with a ±5 min window,
 * decryption, token check, URL verification. Knows nothing about commands: a verified envelope goes to the sink.
 */
export function webhookRouter(opts: WebhookOptions): Router {
  const router = express.Router();
  const raw = express.raw({ type: () => true, limit: MAX_BODY_BYTES });
  const handler = async (req: Request, res: Response) => {
    const log = opts.log.child({ path: req.path });
    const rawBody: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const started = startOf(req);
    const send = (status: number, out: unknown, outcome: WebhookOutcome) => {
      res.status(status).json(out);
      opts.metrics?.webhook(outcome, (performance.now() - started) / 1000);
    };
    const reject = (status: number, error: string, counter: keyof Rejections) => {
      opts.rejections[counter]++;
      log.warn({ status, reason: error }, 'webhook rejected');
      send(status, { error }, OUTCOME_OF[counter]);
    };
    let body = parseObject(rawBody.toString('utf8'));
    if (!body) return reject(400, 'body is not a JSON object', 'malformed');

    const signed = req.header('x-lark-signature') !== undefined;
    if (opts.encryptKey) {
      // With an Encrypt Key, Feishu encrypts every body: a plaintext one did not come from Feishu.
      if (typeof body.encrypt !== 'string') return reject(401, 'body is not encrypted', 'signature');
      // Every pushed event is signed; only the console's URL verification comes without headers.
      if (signed) {
        const verdict = verifySignature(
          {
            timestamp: req.header('x-lark-request-timestamp'),
            nonce: req.header('x-lark-request-nonce'),
            signature: req.header('x-lark-signature'),
          },
          rawBody,
          opts.encryptKey,
          opts.now(),
        );
        if (verdict !== 'ok') return reject(401, `signature ${verdict}`, 'signature');
      }
      let plain: string;
      try {
        plain = decryptPayload(body.encrypt, opts.encryptKey);
      } catch {
        return reject(400, 'cannot decrypt the body', 'malformed');
      }
      const inner = parseObject(plain);
      if (!inner) return reject(400, 'decrypted body is not a JSON object', 'malformed');
      if (!signed && inner.type !== 'url_verification') return reject(401, 'signature missing', 'signature');
      body = inner;
    }
    const token = tokenOf(body);
    if (typeof token !== 'string' || !safeEqual(token, opts.verificationToken)) {
      return reject(401, 'verification token mismatch', 'token');
    }
    if (body.type === 'url_verification') {
      if (typeof body.challenge !== 'string') return reject(400, 'challenge missing', 'malformed');
      return send(200, { challenge: body.challenge }, 'challenge');
    }
    const answer = (a: Answer) => {
      const { status, body: out, outcome } = httpOf(a);
      send(status, out, outcome);
    };
    try {
      await opts.sink.receive({ envelope: body, answer });
    } catch (err) {
      // The inbox should never throw; if it does, Feishu must not see a 5xx (it would re-deliver forever).
      log.error({ err }, 'inbox threw');
      if (!res.headersSent) send(200, {}, 'inbox_error');
    }
  };
  router.post(['/webhook/event', '/webhook/card'], stamp, raw, handler);
  router.use((err: { status?: number; type?: string }, req: Request, res: Response, next: NextFunction) => {
    if (err?.type === 'entity.too.large' || err?.status === 413) {
      opts.rejections.malformed++;
      opts.metrics?.webhook('too_large', (performance.now() - startOf(req)) / 1000);
      opts.log.warn({ status: 413, limitBytes: MAX_BODY_BYTES }, 'webhook rejected: body too large to read, so nobody can be answered');
      return res.status(413).json({ error: `body larger than ${MAX_BODY_BYTES} bytes` });
    }
    if (err?.status && err.status >= 400 && err.status < 500) {
      opts.metrics?.webhook('malformed', (performance.now() - startOf(req)) / 1000);
      return res.status(err.status).json({ error: 'bad request' });
    }
    next(err);
  });
  return router;
}
