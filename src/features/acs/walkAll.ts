import { ACS_PAGE_TOKEN_INVALID } from '../../upstream/catalog/acsCodes.js';
import { UpstreamError } from '../../upstream/errors.js';
import type { Feishu } from '../../upstream/feishu.js';
import { limitOf } from '../../upstream/limits.js';
import { isAcsCode, listAcsPage, type AcsUser } from './api.js';

/** The documented maximum page size: the fewest calls for a full walk. */
export const WALK_PAGE_SIZE = limitOf('acs.user.list').chunkSize ?? 50;
/** A safety stop (250 000 users) against a platform that keeps saying has_more. */
const MAX_PAGES = 5000;

export type WalkResult = { kind: 'done'; users: AcsUser[] } | { kind: 'changed' };

/**
 * Reads every page of `GET /acs/v1/users`, in a plain loop so that each error surfaces: 1490018 means the
 * list changed under us (the caller offers to start again); any other error is thrown.
 */
export async function walkAll(feishu: Feishu, onPage: (usersSoFar: number, pages: number) => void): Promise<WalkResult> {
  const users: AcsUser[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let pages = 1; pages <= MAX_PAGES; pages++) {
    let page;
    try {
      page = await listAcsPage(feishu, WALK_PAGE_SIZE, token);
    } catch (err) {
      if (isAcsCode(err, ACS_PAGE_TOKEN_INVALID)) return { kind: 'changed' };
      throw err;
    }
    users.push(...page.users);
    onPage(users.length, pages);
    if (!page.nextToken) return { kind: 'done', users };
    if (seen.has(page.nextToken)) throw new UpstreamError('acs.user.list', 'PAGING_LOOP', 'the same page_token came back twice');
    seen.add(page.nextToken);
    token = page.nextToken;
  }
  throw new UpstreamError('acs.user.list', 'TOO_MANY_PAGES', `more than ${MAX_PAGES} pages; stopped`);
}
