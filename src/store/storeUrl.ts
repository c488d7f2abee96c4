export const DEFAULT_STORE_URL = 'sqlite:./data/ops-bot.sqlite';

export type StoreLocation = { backend: 'sqlite'; path: string } | { backend: 'memory' } | { backend: 'redis'; url: string };

const REDIS_FORM = 'redis://[:password@]host:port/db (e.g. redis://127.0.0.1:6379/0)';

/**
 * STORE_URL: `sqlite:<path>` (durable, one instance), `redis://[:password@]host:port/db` (shared by
 * several instances) or `memory:` (volatile). The problem never repeats the value: a redis URL may carry
 * a password.
 */
export function parseStoreUrl(url: string): { ok: true; location: StoreLocation } | { ok: false; problem: string } {
  const value = url.trim();
  if (value === 'memory:') return { ok: true, location: { backend: 'memory' } };
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length);
    if (path.trim() === '') return { ok: false, problem: 'sqlite: needs a file path, e.g. sqlite:./data/ops-bot.sqlite' };
    return { ok: true, location: { backend: 'sqlite', path } };
  }
  if (/^rediss?:\/\//i.test(value)) return parseRedisUrl(value);
  return { ok: false, problem: `must be sqlite:<path> (e.g. sqlite:./data/ops-bot.sqlite), ${REDIS_FORM} or memory:` };
}

function parseRedisUrl(value: string): { ok: true; location: StoreLocation } | { ok: false; problem: string } {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return { ok: false, problem: `is not a readable redis URL; the form is ${REDIS_FORM}` };
  }
  if (u.hostname === '') return { ok: false, problem: `names no host; the form is ${REDIS_FORM}` };
  const db = u.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,2}$/.test(db)) return { ok: false, problem: `the database after the host must be a number (0–15 on a default Redis); the form is ${REDIS_FORM}` };
  return { ok: true, location: { backend: 'redis', url: value } };
}
