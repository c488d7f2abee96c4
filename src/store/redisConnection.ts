import { Redis } from 'ioredis';

/**
 * How the Redis store talks to Redis. While Redis is away, a command fails at once (no offline queue)
 * or within COMMAND_TIMEOUT_MS (a server that stopped answering), so that a webhook can answer 503 in
 * time instead of hanging; the client keeps reconnecting with backoff and the store works again as soon
 * as Redis is back.
 */
export const COMMAND_TIMEOUT_MS = 1500;
export const CONNECT_TIMEOUT_MS = 3000;
/** How long start-up waits for Redis to answer (it may be starting beside the bot) before giving up. */
export const STARTUP_WAIT_MS = 5000;
const MAX_RECONNECT_DELAY_MS = 2000;

/** Where a redis URL points, for messages and /healthz: scheme, host, port and database, never a password. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    const db = u.pathname.replace(/^\//, '') || '0';
    return `${u.protocol}//${u.hostname}:${u.port || '6379'}/${db}`;
  } catch {
    return 'redis (an unreadable URL)';
  }
}

/** The password a redis URL carries, to be blotted out of any message that might repeat it. */
function secretsOf(url: string): string[] {
  try {
    const u = new URL(url);
    return [u.password, decodeURIComponent(u.password)].filter((s) => s.length > 0);
  } catch {
    return [];
  }
}

export function redactSecrets(text: string, url: string): string {
  return secretsOf(url).reduce((out, secret) => out.split(secret).join('***'), text);
}

export function createRedisClient(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 10), MAX_RECONNECT_DELAY_MS),
  });
}

/** Connects `client`, waiting up to `waitMs` for Redis to be ready; the rejection says why (redacted). */
export async function connectRedis(client: Redis, url: string, waitMs = STARTUP_WAIT_MS): Promise<void> {
  let lastError = 'no answer';
  const onError = (err: Error) => (lastError = err.message || err.name);
  client.on('error', onError);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(redactSecrets(lastError, url))), waitMs);
      client.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
      // A first refusal rejects connect(); the client goes on retrying until `ready` or the timer.
      client.connect().catch(() => undefined);
    });
  } finally {
    client.off('error', onError);
  }
}
