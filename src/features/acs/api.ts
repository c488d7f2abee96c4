import type { Feishu } from '../../upstream/feishu.js';
import { UpstreamError } from '../../upstream/errors.js';

/** One access-control user as the bot shows it. */
export interface AcsUser {
  openId: string;
  /** Undefined when the user has no card number (the API sends none, or 0). */
  card?: number;
  faceUploaded: boolean;
}

export interface AcsPage {
  users: AcsUser[];
  /** The token for the next page; present only when there is one. */
  nextToken?: string;
}

interface RawUser {
  user_id?: string;
  feature?: { card?: number; face_uploaded?: boolean };
}

function toUser(raw: RawUser): AcsUser {
  const card = raw.feature?.card;
  return { openId: raw.user_id ?? '', ...(card ? { card } : {}), faceUploaded: raw.feature?.face_uploaded === true };
}

/**
 * One page of `GET /acs/v1/users`. Deliberately not the SDK's listWithIterator: that stops silently on an
 * error, and we must show every error (1490018 above all) to the admin.
 */
export async function listAcsPage(feishu: Feishu, pageSize: number, pageToken?: string): Promise<AcsPage> {
  const res = await feishu.call('acs.user.list', (sdk, o) =>
    sdk.acs.user.list({ params: { page_size: pageSize, user_id_type: 'open_id', ...(pageToken ? { page_token: pageToken } : {}) } }, o),
  );
  const users = (res.data?.items ?? []).map(toUser);
  if (!res.data?.has_more) return { users };
  if (!res.data.page_token) throw new UpstreamError('acs.user.list', 'NO_PAGE_TOKEN', 'has_more is true but no page_token came back');
  return { users, nextToken: res.data.page_token };
}

export async function getAcsUser(feishu: Feishu, openId: string): Promise<AcsUser> {
  const res = await feishu.call('acs.user.get', (sdk, o) =>
    sdk.acs.user.get({ path: { user_id: openId }, params: { user_id_type: 'open_id' } }, o),
  );
  const user = res.data?.user as RawUser | undefined;
  if (!user) throw new UpstreamError('acs.user.get', 'NO_USER', 'the answer has no user');
  return toUser({ ...user, user_id: user.user_id ?? openId });
}

export const isAcsCode = (err: unknown, code: number): boolean => err instanceof UpstreamError && err.code === code;
