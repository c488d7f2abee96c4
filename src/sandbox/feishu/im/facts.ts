import { perMinute, perSecond, type ApiFact } from '../../rateWindow.js';

/** IM facts the emulator plays (feishu-apis.md §2, §9). */

/** §9.1, §9.2, §9.3, §9.5: each IM API's tier is "1000 / minute and 50 / second". */
const IM_TIER = [perMinute(1000), perSecond(50)];

export const IM_APIS = {
  /** §9.1 */
  create: { api: 'im.message.create', method: 'post', path: '/open-apis/im/v1/messages', windows: IM_TIER },
  /** §9.2 */
  reply: { api: 'im.message.reply', method: 'post', path: '/open-apis/im/v1/messages/:message_id/reply', windows: IM_TIER },
  /** §9.3 */
  patch: { api: 'im.message.patch', method: 'patch', path: '/open-apis/im/v1/messages/:message_id', windows: IM_TIER },
  /** §9.5 */
  uploadFile: { api: 'im.file.create', method: 'post', path: '/open-apis/im/v1/files', windows: IM_TIER },
} satisfies Record<string, ApiFact>;

/** §2: at most 5 QPS to the same user and to the same group, on top of the API tier. */
export const SENDS_PER_RECEIVER = perSecond(5);
/** §2, §9.3: at most 5 QPS of updates to the same message. */
export const PATCHES_PER_MESSAGE = perSecond(5);

/** §9.1: request body limits of `content`. */
export const TEXT_MAX_BYTES = 150 * 1024;
export const POST_MAX_BYTES = 30 * 1024;
/** §9.1: idempotency key: ≤50 chars, at most one message per uuid within 1 hour. */
export const UUID_MAX_CHARS = 50;
export const UUID_WINDOW_MS = 60 * 60 * 1000;
/** §9.3: only messages sent within the last 14 days can be updated. */
export const PATCH_MAX_AGE_MS = 14 * 24 * 3600 * 1000;
/** §9.5: files up to 30 MB, empty files rejected. */
export const FILE_MAX_BYTES = 30 * 1024 * 1024;

/** §9.1: `receive_id_type` values. */
export const RECEIVE_ID_TYPES = ['open_id', 'user_id', 'union_id', 'email', 'chat_id'];
/** §9.1: `msg_type` values (the list ends with "…": the emulator knows these). */
export const MSG_TYPES = ['text', 'post', 'image', 'file', 'audio', 'media', 'sticker', 'interactive', 'share_chat', 'share_user'];
/** §9.5: `file_type` values. */
export const FILE_TYPES = ['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream'];

/** §9.1–§9.5 error codes the emulator answers with (all HTTP 400). */
export const IM_CODES = {
  invalidParam: 230001,
  botNotInChat: 230002,
  /** §9.2: original message recalled. */
  recalled: 230011,
  frequencyLimit: 230020,
  tooLong: 230025,
  /** §9.3: older than 14 days. */
  tooOldToUpdate: 230031,
  receiveIdInvalid: 230034,
  crossTenantP2p: 230038,
  /** §9.6: file type does not match msg_type; UNCONFIRMED: the emulator also answers it for an unknown file_key. */
  fileTypeMismatch: 230055,
  /** §9.3: message deleted. */
  deleted: 230110,
  uploadInvalidParam: 234001,
  fileTooLarge: 234006,
  emptyFile: 234010,
} as const;
