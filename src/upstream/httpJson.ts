import { REQUEST_TIMEOUT_MS } from './callUpstream.js';

/** What one HTTP exchange with a third-party API came to, before any judgement on its body. */
export type HttpAnswer =
  | { kind: 'answer'; status: number; body: Record<string, unknown> | undefined; headers: Headers }
  | { kind: 'network'; code: string; msg: string };

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  json?: unknown;
}

/** One request with the standard 10 s timeout; never throws (network trouble is an answer too). */
export async function httpJson(req: HttpRequest, timeoutMs = REQUEST_TIMEOUT_MS): Promise<HttpAnswer> {
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: { ...(req.json !== undefined ? { 'Content-Type': 'application/json' } : {}), ...req.headers },
      body: req.json !== undefined ? JSON.stringify(req.json) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const name = (err as { name?: string })?.name;
    if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'network', code: 'ETIMEDOUT', msg: 'request timed out' };
    const cause = (err as { cause?: { code?: string } })?.cause?.code ?? 'NETWORK';
    return { kind: 'network', code: cause, msg: `network error (${cause})` };
  }
  const text = await res.text().catch(() => '');
  let body: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    body = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    body = undefined;
  }
  return { kind: 'answer', status: res.status, body, headers: res.headers };
}

/** Seconds from a Retry-After header, as milliseconds (at least 1 s). */
export function retryAfterMs(headers: Headers): number | undefined {
  const raw = headers.get('retry-after');
  const s = raw === null ? NaN : Number(raw);
  return Number.isFinite(s) && s >= 0 ? Math.max(1000, s * 1000) : undefined;
}
