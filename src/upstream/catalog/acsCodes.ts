// ACS error codes, shared by the bot and the emulator.

/** `GET /acs/v1/users`: the page token is invalid or expired (feishu-apis.md §7.1, from the seed). */
export const ACS_PAGE_TOKEN_INVALID = 1490018;
/**
 * UNCONFIRMED: the code `GET /acs/v1/users/:user_id` answers for a user outside every permission group.
 * No doc page lists it (feishu-apis.md §7.2, §11 item 6). Change it here only; the emulator uses it too.
 */
export const ACS_USER_NOT_FOUND = 1490002;
/**
 * The platform's "field validation failed" answer to a bad query parameter (e.g. page_size out of range).
 * UNCONFIRMED for ACS: the reference documents only 1490018 for this API.
 */
export const INVALID_PARAM = 99992402;
