export const DEFAULT_STORE_URL = 'sqlite:./data/ops-bot.sqlite';

export type StoreLocation = { backend: 'sqlite'; path: string } | { backend: 'memory' };

/**
 * STORE_URL: `sqlite:<path>` (durable, one instance) or `memory:` (volatile). The problem never repeats
 * the value: a redis URL may carry a password.
 */
export function parseStoreUrl(url: string): { ok: true; location: StoreLocation } | { ok: false; problem: string } {
  const value = url.trim();
  if (value === 'memory:') return { ok: true, location: { backend: 'memory' } };
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length);
    if (path.trim() === '') return { ok: false, problem: 'sqlite: needs a file path, e.g. sqlite:./data/ops-bot.sqlite' };
    return { ok: true, location: { backend: 'sqlite', path } };
  }
  if (/^rediss?:\/\//i.test(value)) {
    return { ok: false, problem: 'redis:// is not supported yet in this version; use sqlite:<path> (one instance) or memory: (throwaway runs)' };
  }
  return { ok: false, problem: 'must be sqlite:<path> (e.g. sqlite:./data/ops-bot.sqlite) or memory:' };
}
