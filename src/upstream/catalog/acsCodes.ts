// ACS error codes the bot recognises (the emulator keeps its own table).

/** `GET /acs/v1/users`: the page token is invalid or expired (feishu-apis.md §7.1, from the seed). */
export const ACS_PAGE_TOKEN_INVALID = 1490018;
/**
 * `GET /acs/v1/users/:user_id` for a user outside every permission group: HTTP 400, 1490101 "user not found",
 * advice "check that the user has joined a permission group" (feishu-apis.md §7.2, acs v1 get-user page).
 */
export const ACS_USER_NOT_FOUND = 1490101;
/**
 * The platform's "field validation failed" answer to a bad query parameter (e.g. page_size out of range).
 * UNCONFIRMED for ACS: the reference documents only 1490018 for this API.
 */
export const INVALID_PARAM = 99992402;
