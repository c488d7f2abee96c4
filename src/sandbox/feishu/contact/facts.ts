import { perMinute, perSecond, type ApiFact } from '../../rateWindow.js';

/** Contact facts the emulator plays (feishu-apis.md §8.1). */

export const CONTACT_APIS = {
  /** §8.1: "1000 / minute and 50 / second". */
  usersBatch: { api: 'contact.user.batch', method: 'get', path: '/open-apis/contact/v3/users/batch', windows: [perMinute(1000), perSecond(50)] },
} satisfies Record<string, ApiFact>;

/** §8.1: `user_ids` at most 50 per call. */
export const USER_IDS_MAX = 50;
/** §1.4: `user_id_type` values. */
export const USER_ID_TYPES = ['open_id', 'union_id', 'user_id'];

/** The scopes §8.1 names: the base scope, and one of the others for `name`. */
export const NAME_SCOPES = ['contact:contact.base:readonly', 'contact:user.base:readonly', 'contact:contact:readonly_as_app'];

export const CONTACT_CODES = {
  /** §3: the app lacks a required scope (HTTP 400 per §1.2: permission errors). */
  noPermission: 99991672,
  /**
   * UNCONFIRMED: the reference gives no code for too many `user_ids`; the emulator answers the platform's
   * generic "field validation failed" with HTTP 400 (§1.2: parameter errors are HTTP 400).
   */
  invalidParam: 99992402,
} as const;
