// ACS error codes the bot recognises (the emulator keeps its own table).

/** `GET /acs/v1/users`: the page token is invalid or expired (feishu-apis.md §7.1, from the seed). */
export const ACS_PAGE_TOKEN_INVALID = 1490018;
/**
 * `GET /acs/v1/users/:user_id` for a user outside every permission group: HTTP 400, 1490101 "user not found",
 * advice "check that the user has joined a permission group" (feishu-apis.md §7.2, acs v1 get-user page).
 */
export const ACS_USER_NOT_FOUND = 1490101;
/**
 * ACS "params is invalid" (feishu-apis.md §7.2, documented on the acs v1 rule_external create page; UNCONFIRMED
 * for the users APIs, which document no parameter error).
 */
export const ACS_INVALID_PARAM = 1490001;
/** UNCONFIRMED: the platform's generic "field validation failed", which a bad query parameter may get instead. */
export const INVALID_PARAM = 99992402;
