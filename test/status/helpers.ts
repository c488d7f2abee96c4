import { statusWorld } from '../../src/sandbox/feishu/status/routes.js';
import type { Recorded } from '../../src/sandbox/state.js';
import { cardText, type Harness } from '../helpers/harness.js';

export const TRIP = '7101214603622940001';
export const uid = (i: number): string => `ou_user${String(i).padStart(26, '0')}`;

/** Adds `n` home-tenant people to the emulator and returns their open_ids. */
export function addPeople(h: Harness, n: number, prefix = 'ou_many'): string[] {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(25, '0')}`);
  for (const id of ids) h.emulator.state.users.set(id, { open_id: id, name: `P${id.slice(-4)}`, en_name: id, tenant: 'home' });
  return ids;
}

export const world = (h: Harness) => statusWorld(h.emulator.state);
export const calls = (h: Harness, api: 'batch_open' | 'batch_close' | 'list') => h.emulator.state.calls.get(`personal_settings.system_status.${api}`) ?? 0;

/** The newest card the bot sent or patched. */
export function lastCard(h: Harness): Recorded {
  const cards = h.emulator.state.cards();
  const last = cards[cards.length - 1];
  if (!last) throw new Error('no card sent');
  return last;
}

export const lastText = (h: Harness): string => cardText(lastCard(h));
