import type { Store } from '../../store/store.js';

/**
 * The server side of one paged /acs users card. Buttons carry only its short id and a page number;
 * Feishu page tokens (long, and not for the chat to see) stay here. `tokens[i]` fetches page i + 1, so
 * Previous re-uses a token already seen instead of walking again from the start.
 */
export interface AcsListSession {
  id: string;
  pageSize: number;
  tokens: Array<string | null>;
}

const key = (id: string) => `acs:list:${id}`;

export function newListId(now: number, random: () => number): string {
  return `l${now.toString(36).slice(-5)}${Math.floor(random() * 36 ** 5).toString(36).padStart(5, '0')}`;
}

export function freshSession(id: string, pageSize: number): AcsListSession {
  return { id, pageSize, tokens: [null] };
}

export async function loadSession(store: Store, id: string): Promise<AcsListSession | undefined> {
  return store.get<AcsListSession>('session', key(id));
}

export async function saveSession(store: Store, session: AcsListSession): Promise<void> {
  await store.set('session', key(session.id), session);
}

/** The token that fetches page `page` (1-based): null for page 1, undefined when not known (any more). */
export const tokenFor = (s: AcsListSession, page: number): string | null | undefined => s.tokens[page - 1];

/** Remembers what a fetch of `page` learnt: the next page's token, or that there is none. */
export function recordPage(s: AcsListSession, page: number, nextToken: string | undefined): AcsListSession {
  const tokens = s.tokens.slice(0, page);
  if (nextToken) tokens[page] = nextToken;
  return { ...s, tokens };
}
