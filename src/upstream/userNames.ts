import { LRUCache } from 'lru-cache';
import type { Logger } from '../observe/log.js';
import { isUpstreamError } from './errors.js';
import type { ContactUser } from './feishu.js';
import { limitOf } from './limits.js';
import type { Clock } from './rateLimiter.js';

/**
 * What the contact API answers when the app lacks the scopes for names: the platform's generic "no
 * permission" code (feishu-apis.md §3, 99991672). UNCONFIRMED for this API: its own page's error table is
 * not in the reference, so this is the one place to change.
 */
export const NAMES_NO_PERMISSION_CODES: ReadonlySet<number> = new Set([99991672]);

/** The scopes that give names (feishu-apis.md §8.1): the base scope, and one of the others for `name`. */
export const NAME_SCOPES = { base: 'contact:contact.base:readonly', name: 'contact:user.base:readonly', nameAlt: 'contact:contact:readonly_as_app' } as const;

/** How long a name (or the knowledge that the app may not see someone) is kept. */
export const NAME_TTL_MS = 60 * 60 * 1000;

export interface NameLookup {
  /** Names by open_id; people the app may not see (and failed lookups) are absent. */
  names: Record<string, string>;
  /** The app lacks the contact scopes: the card should say how to get names. */
  noPermission: boolean;
}

export interface NameSource {
  usersByOpenId(openIds: string[]): Promise<ContactUser[]>;
}

/** The empty string marks someone the platform left out (unknown, or outside the app's contact scope). */
const UNSEEN = '';

/**
 * Display names for open_ids, through contact users batch in chunks of the documented size, cached for an
 * hour. A lookup never throws: without names, cards show open_ids; missing scopes are reported, not raised.
 */
export class UserNames {
  private readonly cache: LRUCache<string, string>;

  constructor(
    private readonly source: NameSource,
    private readonly log: Logger,
    clock: Clock,
    ttlMs = NAME_TTL_MS,
  ) {
    this.cache = new LRUCache({ max: 50_000, ttl: ttlMs, ttlResolution: 0, perf: { now: () => clock.now() } });
  }

  async lookup(openIds: readonly string[]): Promise<NameLookup> {
    const wanted = [...new Set(openIds)];
    const missing = wanted.filter((id) => !this.cache.has(id));
    const chunkSize = limitOf('contact.user.batch').chunkSize ?? 50;
    const chunks: string[][] = [];
    for (let i = 0; i < missing.length; i += chunkSize) chunks.push(missing.slice(i, i + chunkSize));
    // The first chunk alone: when it says "no permission", the others would say it too.
    const first = chunks.length > 0 ? await this.fetch(chunks.slice(0, 1)) : false;
    const noPermission = first || (await this.fetch(chunks.slice(1)));
    const names: Record<string, string> = {};
    for (const id of wanted) {
      const name = this.cache.get(id);
      if (name) names[id] = name;
    }
    return { names, noPermission };
  }

  /** Asks for the chunks at once and caches what comes back; true when the app lacks the contact scopes. */
  private async fetch(chunks: string[][]): Promise<boolean> {
    const answers = await Promise.allSettled(chunks.map((chunk) => this.source.usersByOpenId(chunk)));
    let noPermission = false;
    answers.forEach((answer, i) => {
      const chunk = chunks[i] as string[];
      if (answer.status === 'fulfilled') {
        const found = new Map(answer.value.filter((u) => u.openId && u.name).map((u) => [u.openId as string, u.name as string]));
        for (const id of chunk) this.cache.set(id, found.get(id) ?? UNSEEN);
        return;
      }
      const err: unknown = answer.reason;
      if (isUpstreamError(err) && NAMES_NO_PERMISSION_CODES.has(Number(err.code))) noPermission = true;
      else this.log.warn({ err, ids: chunk.length }, 'could not look up names; showing open_ids');
    });
    return noPermission;
  }
}
