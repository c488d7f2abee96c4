import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths that may carry secrets or decrypted content; pino replaces them before a line is written. */
const REDACT = [
  'token', '*.token', 'secret', '*.secret', 'appSecret', '*.appSecret', 'app_secret', '*.app_secret',
  'encrypt', '*.encrypt', 'authorization', '*.authorization', 'Authorization', '*.Authorization',
  'headers', '*.headers', 'access_token', '*.access_token', 'tenant_access_token', '*.tenant_access_token',
  'body', '*.body', 'config', '*.config', 'request', '*.request', 'response', '*.response',
];

/** Things that look like credentials inside free text (error messages, SDK log strings). */
const CREDENTIAL = /\b(Bearer\s+)?[tu]-[A-Za-z0-9_.-]{6,}|Bearer\s+\S+/g;

export const scrub = (text: string): string => text.replace(CREDENTIAL, '[redacted]');

/**
 * Errors are logged by a whitelist: type, message, stack, code and the fields of our UpstreamError.
 * pino's default serialiser copies every enumerable property, and an AxiosError carries `config.headers`
 * (the Authorization header with the tenant token), `request` and `response` (bodies).
 */
export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return typeof err === 'string' ? scrub(err) : err;
  const e = err as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { type: e.name, message: scrub(e.message), stack: e.stack ? scrub(e.stack) : undefined };
  for (const k of ['code', 'api', 'msg', 'httpStatus', 'logId', 'transient', 'status']) {
    const v = e[k];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = typeof v === 'string' ? scrub(v) : v;
  }
  if (e.cause !== undefined) out.cause = serializeError(e.cause);
  return out;
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { app: 'ops-bot' },
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: serializeError, error: serializeError },
    },
    destination as pino.DestinationStream | undefined,
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
