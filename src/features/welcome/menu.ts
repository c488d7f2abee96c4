/**
 * Bot menu keys (configured in the developer console) to commands. A key that is itself a command line
 * prefixed with `cmd:` runs that line, so new menu items need no code.
 */
export function menuCommand(key: string): string | undefined {
  const known: Record<string, string> = { help: 'help', menu_help: 'help', okr: 'okr', menu_okr_summary: 'okr', status_list: 'status list' };
  if (key.startsWith('cmd:')) return key.slice(4).trim() || undefined;
  return known[key];
}
