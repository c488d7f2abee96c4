import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { sandboxConfig } from '../../src/config.js';
import type { Emulator } from '../../src/sandbox/emulator.js';
import { cardActionEvent, messageEvent } from '../../src/sandbox/feishu/events.js';
import { statusWorld } from '../../src/sandbox/feishu/status/routes.js';
import { BOT_OPEN_ID, SANDBOX_ADMIN, SANDBOX_GROUP, type Recorded } from '../../src/sandbox/state.js';
import { eventually } from '../store/botProcess.js';
import { startLiveBot, startLiveEmulator, type LiveBot } from './liveBot.js';

export { startLiveBot, startLiveEmulator, type LiveBot } from './liveBot.js';

// What the batch-resume tests do with a live bot: speak in the group, click its cards, count what was applied.


/**
 * For each test: an emulator (in this process, so it outlives the bots) whose `slowApi` answers after
 * `latencyMs`, a fresh SQLite file, and `bot()` to start bots on that file; every bot is killed after.
 */
export function liveBotsOnOneFile(slowApi: string, latencyMs: number): { emulator(): Emulator; bot(): Promise<LiveBot> } {
  let emulator: Emulator;
  let dir: string;
  const bots: LiveBot[] = [];
  beforeEach(async () => {
    emulator = await startLiveEmulator();
    emulator.state.apiLatencyMs.set(slowApi, latencyMs);
    dir = mkdtempSync(join(tmpdir(), 'opsbot-live-'));
  });
  afterEach(async () => {
    for (const b of bots.splice(0)) await b.kill9();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    emulator: () => emulator,
    async bot() {
      const b = await startLiveBot(emulator, `sqlite:${join(dir, 'bot.sqlite')}`);
      bots.push(b);
      return b;
    },
  };
}

const token = () => ({ token: sandboxConfig('').FEISHU_VERIFICATION_TOKEN });

/** The admin says `text` to the bot in the sandbox group (mentioning it). */
export async function sayInGroup(emulator: Emulator, bot: LiveBot, text: string): Promise<void> {
  const full = `@_user_1 ${text}`;
  const msg = emulator.state.userMessage(SANDBOX_ADMIN, SANDBOX_GROUP, full);
  const body = messageEvent({
    messageId: msg.message_id, chatId: SANDBOX_GROUP, chatType: 'group', senderOpenId: SANDBOX_ADMIN, text: full,
    mentions: [{ key: '@_user_1', openId: BOT_OPEN_ID, name: 'Ops Bot' }],
  }, token());
  const res = await bot.deliver(body);
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
}

export async function clickOn(bot: LiveBot, value: unknown, card: Recorded): Promise<{ toast?: { content?: string } }> {
  const res = await bot.deliver(cardActionEvent({ operatorOpenId: SANDBOX_ADMIN, value, messageId: card.message_id, chatId: card.chat_id ?? SANDBOX_GROUP }, token()));
  return (await res.json()) as { toast?: { content?: string } };
}

/** Adds `n` people of the home tenant to the sandbox group; returns their open_ids. */
export function groupOf(emulator: Emulator, n: number): string[] {
  const ids = Array.from({ length: n }, (_, i) => `ou_resume${String(i).padStart(24, '0')}`);
  const group = emulator.state.chats.get(SANDBOX_GROUP)!;
  for (const id of ids) {
    emulator.state.users.set(id, { open_id: id, name: `P${i(id)}`, en_name: id, tenant: 'home' });
    if (!group.members.includes(id)) group.members.push(id);
  }
  return ids;
}
const i = (id: string) => id.slice(-4);

/** How many times the emulator set or cleared each person's status. */
export const applied = (emulator: Emulator): Map<string, number> => statusWorld(emulator.state).applied;

/** Waits for `cond` (polling), or fails naming `what`; a batch gets 30 s by default. */
export const until = <T>(read: () => T | Promise<T>, cond: (v: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> =>
  eventually(read, cond, what, timeoutMs);
