import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths that may carry secrets or decrypted content; pino replaces them before a line is written. */
const REDACT = [
  'token', '*.token', 'secret', '*.secret', 'appSecret', '*.appSecret', 'app_secret', '*.app_secret',
  'encrypt', '*.encrypt', 'authorization', '*.authorization', 'headers.authorization',
  'access_token', '*.access_token', 'tenant_access_token', '*.tenant_access_token', 'body', '*.body',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, base: { app: 'ops-bot' }, redact: { paths: REDACT, censor: '[redacted]' } },
    destination as pino.DestinationStream | undefined,
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
