import type { Request } from 'express';
import type { LongConnectionServer } from '../feishu/ws/server.js';
import { seal } from '../feishu/events.js';

export interface DeliveryTarget {
  transport: 'webhook' | 'ws';
  encryptKey: string;
  ws: LongConnectionServer;
}

export interface Delivered {
  ok: boolean;
  /** The bot's answer: the webhook's JSON body, or the long connection's response frame body. */
  body?: unknown;
  /** What happened, in words (shown by the console). */
  detail: string;
}

/**
 * Hands an event to the bot the way Feishu does: signed and encrypted to its own webhook (the server this
 * console request arrived on), or pushed down the long connection in ws mode. Card callbacks go to
 * /webhook/card, the callback URL of design.md §3.
 */
export async function deliver(req: Request, target: DeliveryTarget, envelope: unknown, kind: 'event' | 'card'): Promise<Delivered> {
  if (target.transport === 'ws') {
    try {
      const answer = await target.ws.push(envelope);
      return { ok: answer.code === 200, body: answer.body, detail: `long connection answered code ${answer.code}` };
    } catch (err) {
      return { ok: false, detail: `the long connection could not take it: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  const { raw, headers } = seal(envelope, target.encryptKey);
  const url = `http://127.0.0.1:${req.socket.localPort}/webhook/${kind}`;
  try {
    const res = await fetch(url, { method: 'POST', headers, body: raw });
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { ok: res.ok, body, detail: `webhook answered ${res.status}` };
  } catch (err) {
    return { ok: false, detail: `the webhook did not answer: ${err instanceof Error ? err.message : String(err)}` };
  }
}
