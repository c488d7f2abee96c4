import type { CommandRegistry } from '../../framework/registry.js';

/** application.bot.menu_v6: `event_key` is 1–30 characters, so a `cmd:` line leaves 26 for the command. */
export const MENU_KEY_MAX = 30;

const CMD_PREFIX = 'cmd:';

/** Keys of menus configured before commands declared their own keys; kept so those menus keep working. */
const LEGACY_KEYS: Record<string, string> = { menu_help: 'help', menu_okr_summary: 'okr' };

/**
 * The command line a bot-menu key runs: a command's own `menuKey` (`status_list`), a legacy key, or
 * `cmd:<command line>` (with or without its slash), so short new items need no code.
 */
export function menuCommandLine(key: string, commands: CommandRegistry): string | undefined {
  if (key.startsWith(CMD_PREFIX)) return key.slice(CMD_PREFIX.length).trim().replace(/^[/／]\s*/, '') || undefined;
  return commands.byMenu(key)?.name ?? LEGACY_KEYS[key];
}
