import type request from 'supertest';
import { renderCardText } from '../../src/cards-kit/render.js';
import type { Recorded } from '../../src/sandbox/state.js';
import { buttons, cardText } from './harness.js';

/** The last card the bot sent or patched among `sent` (the final result of a batch command). */
export function lastCard(sent: Recorded[]): Recorded {
  const cards = sent.filter((r) => r.card !== undefined);
  const last = cards.at(-1);
  if (!last) throw new Error(`no card among ${sent.length} records`);
  return last;
}

export const lastText = (sent: Recorded[], locale: 'en_us' | 'zh_cn' = 'en_us') => cardText(lastCard(sent), locale);

/** The message id of the card that a command replied with (its later patches target it). */
export const replyId = (sent: Recorded[]) => sent.find((r) => r.api === 'im.message.reply')?.message_id as string;

export const button = (sent: Recorded[], label: string) => {
  const value = buttons(lastCard(sent))[label];
  if (!value) throw new Error(`no "${label}" button; card:\n${cardText(lastCard(sent))}`);
  return value;
};

/** The card a callback answered with, as text. */
export function callbackText(res: request.Response): string {
  const data = (res.body as { card?: { data?: unknown } }).card?.data;
  return data ? renderCardText(data, 'en_us') : '';
}

export const toastText = (res: request.Response) => String((res.body as { toast?: { content?: string } }).toast?.content ?? '');

/** Button values of the card a callback answered with, by English label. */
export const callbackButtons = (res: request.Response) => buttons({ card: (res.body as { card?: { data?: unknown } }).card?.data } as Recorded);

/** A second bot admin (the harness is started with both in BOT_ADMINS) for "two admins click at once". */
export const SECOND_ADMIN = 'ou_user00000000000000000000000001';

/** Two admins click the same button at the same moment: answers in the order of the clickers. */
export function clickTogether(h: { click: (v: unknown, o: { as?: string; messageId?: string }) => Promise<request.Response> }, value: unknown, messageId: string, first: string): Promise<request.Response[]> {
  return Promise.all([h.click(value, { as: first, messageId }), h.click(value, { as: SECOND_ADMIN, messageId })]);
}
