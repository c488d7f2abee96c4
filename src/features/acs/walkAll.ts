import type { BatchCheckpoint } from '../../batch/checkpoint.js';
import { BatchInterrupted } from '../../batch/engine.js';
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

/** What a walk checkpoints per page: its users, and the token of the next page (none on the last). */
export interface AcsPageRecord {
  users: AcsUser[];
  next?: string;
}

/** One page: read from the checkpoint of a walk resumed after a restart, else from the platform (and checkpointed). */
async function pageAt(feishu: Feishu, index: number, token: string | undefined, cp: BatchCheckpoint<AcsPageRecord> | undefined, done: number): Promise<AcsPageRecord> {
  const prior = await cp?.prior(index);
  if (prior && 'results' in prior && prior.results[0]) return prior.results[0];
  if (cp?.stopped()) throw new BatchInterrupted(done, done);
  const page = await listAcsPage(feishu, WALK_PAGE_SIZE, token);
  const record = { users: page.users, ...(page.nextToken ? { next: page.nextToken } : {}) };
  await cp?.record(index, [record]);
  return record;
}

/**
 * Reads every page of `GET /acs/v1/users`, in a plain loop so that each error surfaces: 1490018 means the
 * list changed under us (the caller offers to start again); any other error is thrown. With a checkpoint,
 * each page is recorded as it is read (reading again is harmless: the walk only reads), a resumed walk
 * continues after its last recorded page (an expired page token then reads as a changed list), and a
 * stopping process stops between pages.
 */
export async function walkAll(feishu: Feishu, onPage: (usersSoFar: number, pages: number) => void, cp?: BatchCheckpoint<AcsPageRecord>): Promise<WalkResult> {
  const users: AcsUser[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let pages = 1; pages <= MAX_PAGES; pages++) {
    let page;
    try {
      page = await pageAt(feishu, pages - 1, token, cp, users.length);
      if (cp) cp.chunks = pages;
    } catch (err) {
      if (isAcsCode(err, ACS_PAGE_TOKEN_INVALID)) return { kind: 'changed' };
      throw err;
    }
    users.push(...page.users);
    onPage(users.length, pages);
    if (!page.next) return { kind: 'done', users };
    if (seen.has(page.next)) throw new UpstreamError('acs.user.list', 'PAGING_LOOP', 'the same page_token came back twice');
    seen.add(page.next);
    token = page.next;
  }
  throw new UpstreamError('acs.user.list', 'TOO_MANY_PAGES', `more than ${MAX_PAGES} pages; stopped`);
}
