import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { ok: true; body: Buffer }
  | { ok: false; status: 413 | 415; reason: string };

/**
 * Reads a request body as bytes, exactly as they arrived (the signature is over them), up to `limit`.
 * A larger body (declared or streamed) is drained without being kept, and refused with 413; a compressed
 * one with 415 (Feishu sends none). Resolves nothing when the client goes away mid-body.
 */
export function readRawBody(req: IncomingMessage, limit: number, done: (result: BodyResult) => void): void {
  const encoding = req.headers['content-encoding'];
  const declared = Number(req.headers['content-length']);
  let refused: BodyResult | undefined;
  if (encoding !== undefined && encoding !== 'identity') refused = { ok: false, status: 415, reason: `content-encoding ${encoding} is not accepted` };
  else if (declared > limit) refused = { ok: false, status: 413, reason: `body larger than ${limit} bytes` };
  // An aborted upload emits 'error'; unheard, it would crash the process.
  req.on('error', () => undefined);
  if (refused) {
    req.resume();
    done(refused);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
    else chunks.length = 0;
  });
  req.on('end', () => {
    if (size > limit) done({ ok: false, status: 413, reason: `body larger than ${limit} bytes` });
    else done({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) });
  });
}
