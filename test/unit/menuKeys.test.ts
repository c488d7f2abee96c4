import { describe, expect, it } from 'vitest';
import { buildCommands } from '../../src/features/index.js';
import { MENU_KEY_MAX, menuCommandLine } from '../../src/features/welcome/menu.js';

describe('bot-menu keys', () => {
  const commands = buildCommands();

  it('every built-in command that needs no argument has a key Feishu accepts (1–30 characters)', () => {
    const keys = commands.menuKeys();
    expect(keys.map(([k]) => k).sort()).toEqual(['acs_users', 'help', 'okr', 'status_list', 'whoami']);
    for (const [key] of keys) {
      expect(key.length).toBeGreaterThanOrEqual(1);
      expect(key.length).toBeLessThanOrEqual(MENU_KEY_MAX);
    }
  });

  it('maps keys, legacy keys and cmd: lines to command lines', () => {
    expect(menuCommandLine('status_list', commands)).toBe('status list');
    expect(menuCommandLine('menu_okr_summary', commands)).toBe('okr');
    expect(menuCommandLine('cmd:/acs users --page-size 5', commands)).toBe('acs users --page-size 5');
    expect(menuCommandLine('cmd:／help', commands)).toBe('help');
    expect(menuCommandLine('cmd:', commands)).toBeUndefined();
    expect(menuCommandLine('cmd:/', commands)).toBeUndefined();
    expect(menuCommandLine('nothing_like_it', commands)).toBeUndefined();
  });
});
