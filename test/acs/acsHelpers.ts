import type request from 'supertest';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { acsData, invalidateAcsPageTokens, sampleAcsUsers } from '../../src/sandbox/feishu/acs/routes.js';
import { cardProblem } from '../../src/sandbox/feishu/im/cardRules.js';
import type { Recorded, SandboxState } from '../../src/sandbox/state.js';
import { ADMIN, buttons, cardText, startHarness, type Harness } from '../helpers/harness.js';

export interface AcsSuite {
  h: Harness;
  /** The admin's private chat, where the cards are clicked. */
  chatId: string;
  state: SandboxState;
  /** Calls of `GET /acs/v1/users` so far. */
  listCalls(): number;
  /** The open_id of the i-th sample user (0-based). */
  userAt(i: number): string;
  /** Moves the bot's and the emulator's clock forward. */
  advance(ms: number): void;
}

/**
 * One harness for a test file, with the 130 sample users, fresh page tokens and no latency before each
 * test. The returned object is filled in by beforeAll: read its fields inside tests only.
 */
export function useAcsHarness(): AcsSuite {
  let offsetMs = 0;
  const suite = {
    advance: (ms: number) => {
      offsetMs += ms;
    },
    listCalls: () => suite.state.calls.get('acs.user.list') ?? 0,
    userAt: (i: number) => acsData(suite.state).users[i]?.user_id as string,
  } as AcsSuite;
  beforeAll(async () => {
    suite.h = await startHarness({ now: () => Date.now() + offsetMs });
    suite.state = suite.h.emulator.state;
    suite.chatId = suite.state.p2pChat(ADMIN);
  });
  afterAll(() => suite.h.close());
  beforeEach(() => {
    const data = acsData(suite.state);
    data.users = sampleAcsUsers(suite.state);
    data.tokenTtlMs = 10 * 60 * 1000;
    invalidateAcsPageTokens(suite.state);
    suite.state.latencyMs = 0;
    suite.state.faults.length = 0;
  });
  return suite;
}

/** The card a callback answered with (checked against the card rules), as a record the harness helpers can read. */
export function answered(res: request.Response): Recorded {
  const data = (res.body as { card?: { type?: string; data?: unknown } }).card;
  if (data?.type !== 'raw') throw new Error(`the callback answered without a card: ${JSON.stringify(res.body)}`);
  // Callback answers bypass the emulator's send/patch checks: hold them to the same card rules here.
  const problem = cardProblem(JSON.stringify(data.data));
  if (problem) throw new Error(`the callback answered with an invalid card: ${problem.msg}`);
  return { api: 'callback', card: data.data, at: 0 };
}

export const zhToastOf = (res: request.Response): string | undefined =>
  (res.body as { toast?: { i18n?: { zh_cn?: string } } }).toast?.i18n?.zh_cn;

export const toastOf = (res: request.Response): string | undefined => (res.body as { toast?: { content?: string } }).toast?.content;

/** Clicks the button labelled `label` on `card`, as an admin on that card's message, and returns the new card. */
export async function clickTo(h: Harness, card: Recorded, label: string, messageId: string, chatId: string): Promise<Recorded> {
  const value = buttons(card)[label];
  if (!value) throw new Error(`no "${label}" button on:\n${cardText(card)}`);
  return answered(await h.click(value, { messageId, chatId }));
}

/** The open_ids in the first table of a card, in order. */
/** The open_ids of the users table, in order (the person in the first cell of each row). */
export function tableUsers(r: Recorded): string[] {
  const els = (r.card as { body: { elements: Array<{ tag: string; content?: string }> } }).body.elements;
  const rows = els.find((e) => e.tag === 'markdown' && e.content?.includes('\n| :---'))?.content?.split('\n').slice(2) ?? [];
  return rows.map((row) => /^\| <person id='([^']+)'/.exec(row)?.[1] ?? '');
}
