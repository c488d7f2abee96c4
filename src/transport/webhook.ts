import type { NextFunction, RequestHandler } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Answer, DeliverySink } from '../inbox/answer.js';
import type { Logger } from '../observe/log.js';
import type { Metrics, WebhookOutcome } from '../observe/metrics.js';
import { aesKeyOf, bytesEqual, decryptWithKey, verifySignature } from './crypto.js';
import { readRawBody } from './rawBody.js';

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
 * no real command is refused for its size and re-delivered forever; past it a body is not kept.
 */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export const WEBHOOK_PATHS = ['/webhook/event', '/webhook/card'];

/**
 * How an inbox answer reads over HTTP: Feishu re-delivers anything but a 200, so only bad requests get a
 * 4xx, and only an unreachable store a 503 (nothing was recorded: the re-delivery is wanted).
 */
function httpOf(answer: Answer): { status: number; body: unknown; outcome: WebhookOutcome } {
  switch (answer.kind) {
    case 'taken':
      return { status: 200, body: {}, outcome: 'accepted' };
    case 'callback':
      return { status: 200, body: answer.body, outcome: 'accepted' };
    case 'invalid':
      return { status: 400, body: { error: answer.reason }, outcome: 'invalid' };
    case 'unavailable':
      return { status: 503, body: { error: 'the store is unreachable; deliver again later' }, outcome: 'store_unavailable' };
  }
}

/** Counters of rejected requests, shown on /healthz so that an attack or a misconfiguration is visible. */
export interface Rejections {
  signature: number;
  token: number;
  malformed: number;
}

export const newRejections = (): Rejections => ({ signature: 0, token: 0, malformed: 0 });

const OUTCOME_OF: Record<keyof Rejections, WebhookOutcome> = { signature: 'bad_signature', token: 'bad_token', malformed: 'malformed' };

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

const pathOf = (url: string) => {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
};

/** Answers JSON without Express's send(): no ETag to hash, nothing to negotiate on the ack path. */
function writeJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

export interface Webhook {
  /** Whether the request is for the webhook (POST /webhook/event or /webhook/card). */
  matches(req: IncomingMessage): boolean;
  /** Serves a request that matches, with Node's own request and response: no framework on this path. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** The same, as the first Express middleware (tests drive the app through Express). */
  middleware: RequestHandler;
}

/**
 * Feishu webhook transport: raw body, size limit, signature over the raw bytes with a ±5 min window,
 * decryption, token check, URL verification. Knows nothing about commands: a verified envelope goes to the
 * sink. Every event takes this path, so it is served by Node's http directly, before any routing.
 */
export function createWebhook(opts: WebhookOptions): Webhook {
  const paths = new Set(WEBHOOK_PATHS);
  const aesKey = opts.encryptKey ? aesKeyOf(opts.encryptKey) : undefined;
  const expectedToken = Buffer.from(opts.verificationToken, 'utf8');

  const serve = async (req: IncomingMessage, res: ServerResponse, rawBody: Buffer, path: string, started: number) => {
    const send = (status: number, out: unknown, outcome: WebhookOutcome) => {
      writeJson(res, status, out);
      opts.metrics?.webhook(outcome, (performance.now() - started) / 1000);
    };
    const reject = (status: number, error: string, counter: keyof Rejections) => {
      opts.rejections[counter]++;
      opts.log.warn({ path, status, reason: error }, 'webhook rejected');
      send(status, { error }, OUTCOME_OF[counter]);
    };
    let body = parseObject(rawBody.toString('utf8'));
    if (!body) return reject(400, 'body is not a JSON object', 'malformed');

    const signature = header(req, 'x-lark-signature');
    if (opts.encryptKey && aesKey) {
      // With an Encrypt Key, Feishu encrypts every body: a plaintext one did not come from Feishu.
      if (typeof body.encrypt !== 'string') return reject(401, 'body is not encrypted', 'signature');
      // Every pushed event is signed; only the console's URL verification comes without headers.
      if (signature !== undefined) {
        const timestamp = header(req, 'x-lark-request-timestamp');
        const nonce = header(req, 'x-lark-request-nonce');
        const verdict = verifySignature({ timestamp, nonce, signature }, rawBody, opts.encryptKey, opts.now());
        if (verdict !== 'ok') return reject(401, `signature ${verdict}`, 'signature');
      }
      let plain: string;
      try {
        plain = decryptWithKey(body.encrypt, aesKey);
      } catch {
        return reject(400, 'cannot decrypt the body', 'malformed');
      }
      const inner = parseObject(plain);
      if (!inner) return reject(400, 'decrypted body is not a JSON object', 'malformed');
      if (signature === undefined && inner.type !== 'url_verification') return reject(401, 'signature missing', 'signature');
      body = inner;
    }
    const token = tokenOf(body);
    if (typeof token !== 'string' || !bytesEqual(Buffer.from(token, 'utf8'), expectedToken)) {
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
      opts.log.error({ err, path }, 'inbox threw');
      if (!res.headersSent) send(200, {}, 'inbox_error');
    }
  };

  const matches = (req: IncomingMessage) => req.method === 'POST' && paths.has(pathOf(req.url ?? ''));
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const path = pathOf(req.url ?? '');
    readRawBody(req, MAX_BODY_BYTES, (result) => {
      if (result.ok) return void serve(req, res, result.body, path, started);
      opts.rejections.malformed++;
      opts.log.warn({ path, status: result.status, reason: result.reason }, 'webhook rejected: body not read, so nobody can be answered');
      writeJson(res, result.status, { error: result.reason });
      opts.metrics?.webhook(result.status === 413 ? 'too_large' : 'malformed', (performance.now() - started) / 1000);
    });
  };
  const middleware: RequestHandler = (req, res, next: NextFunction) => (matches(req) ? handle(req, res) : next());
  return { matches, handle, middleware };
}
