/**
 * The app ids the SDK's WSClient accepts: its start() logs an error and does nothing for any other.
 * Every Feishu app id has this shape (cli_a1b2c3d4e5f60708).
 */
export const SDK_APP_ID = /^cli_[0-9a-fA-F]{16}$/;
