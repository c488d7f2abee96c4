import type request from 'supertest';
import { cardProblem } from '../../src/sandbox/cardRules.js';
import type { Recorded } from '../../src/sandbox/state.js';
import { buttons, cardText, type Harness } from '../helpers/harness.js';

/** The card a callback answered with (checked against the card rules), as a record the harness helpers can read. */
export function answered(res: request.Response): Recorded {
  const data = (res.body as { card?: { type?: string; data?: unknown } }).card;
  if (data?.type !== 'raw') throw new Error(`the callback answered without a card: ${JSON.stringify(res.body)}`);
  // Callback answers bypass the emulator's send/patch checks: hold them to the same card rules here.
  const problem = cardProblem(JSON.stringify(data.data));
  if (problem) throw new Error(`the callback answered with an invalid card: ${problem.msg}`);
  return { api: 'callback', card: data.data, at: 0 };
}

export const toastOf = (res: request.Response): string | undefined => (res.body as { toast?: { content?: string } }).toast?.content;

/** Clicks the button labelled `label` on `card`, as an admin on that card's message, and returns the new card. */
export async function clickTo(h: Harness, card: Recorded, label: string, messageId: string, chatId: string): Promise<Recorded> {
  const value = buttons(card)[label];
  if (!value) throw new Error(`no "${label}" button on:\n${cardText(card)}`);
  return answered(await h.click(value, { messageId, chatId }));
}

/** The open_ids in the first table of a card, in order. */
export function tableUsers(r: Recorded): string[] {
  const els = (r.card as { body: { elements: Array<{ tag: string; rows?: Array<{ user: string }> }> } }).body.elements;
  return els.find((e) => e.tag === 'table')?.rows?.map((row) => row.user) ?? [];
}
