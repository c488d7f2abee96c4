import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cardText, startHarness, type Harness } from '../helpers/harness.js';
import { memoryLogger } from '../helpers/memoryLog.js';
import { testFeature } from '../helpers/testCommands.js';

let h: Harness;
const logs = memoryLogger('info');
beforeAll(async () => {
  h = await startHarness({ features: [testFeature], log: logs.log });
  await h.say('/echo warm-up'); // fetches the token and the bot info once
});
afterAll(() => h.close());

const calls = (api: string) => h.emulator.state.calls.get(api) ?? 0;
const replies = (sent: Array<{ api: string }>) => sent.filter((s) => s.api === 'im.message.reply');
let before: Record<string, number>;
beforeEach(() => {
  before = { reply: calls('im.message.reply'), token: calls('auth.tenant_access_token') };
});

describe('outgoing call resilience', () => {
  it('retries a 429 after the x-ogw-ratelimit-reset time and lands the reply once', async () => {
    h.emulator.state.injectFault({ api: 'im.message.reply', status: 429, body: { code: 99991400, msg: 'request trigger frequency limit' }, headers: { 'x-ogw-ratelimit-reset': '1' } });
    const started = Date.now();
    const sent = await h.say('/echo after-429');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(replies(sent)).toHaveLength(1);
    expect(cardText(sent[0])).toContain('first=after-429');
    expect(calls('im.message.reply') - before.reply!).toBe(2);
  });

  it('retries IM code 230020 (HTTP 400) as a rate limit', async () => {
    h.emulator.state.injectFault({ api: 'im.message.reply', status: 400, body: { code: 230020, msg: 'This operation triggers the frequency limit' } });
    const sent = await h.say('/echo after-230020');
    expect(replies(sent)).toHaveLength(1);
    expect(calls('im.message.reply') - before.reply!).toBe(2);
  });

  it('retries a 5xx and a dropped connection, then lands once', async () => {
    h.emulator.state.injectFault({ api: 'im.message.reply', status: 503, body: { code: 1, msg: 'unavailable' } });
    h.emulator.state.injectFault({ api: 'im.message.reply', status: 0, hangUp: true });
    const sent = await h.say('/echo after-5xx');
    expect(replies(sent)).toHaveLength(1);
    expect(calls('im.message.reply') - before.reply!).toBe(3);
  });

  it('refreshes an expired tenant token exactly once, then succeeds', async () => {
    h.emulator.state.tokens.clear(); // every token the bot holds is now invalid (99991663)
    const sent = await h.say('/echo after-expiry');
    expect(replies(sent)).toHaveLength(1);
    expect(calls('auth.tenant_access_token') - before.token!).toBe(1);
    expect(calls('im.message.reply') - before.reply!).toBe(2);
  });

  it('refreshes only once per call when the new token is refused too, and gives up cleanly', async () => {
    h.emulator.state.injectFault({ api: 'im.message.reply', status: 400, body: { code: 99991663, msg: 'tenant token invalid' }, times: 10 });
    const sent = await h.say('/echo never-lands');
    expect(sent).toHaveLength(0);
    // First try and the error card: each refreshes once.
    expect(calls('auth.tenant_access_token') - before.token!).toBe(2);
    expect(calls('im.message.reply') - before.reply!).toBe(4);
    h.emulator.state.faults.length = 0;
  });

  it('does not retry a business error, and tells the user when it can', async () => {
    h.emulator.state.injectFault({ api: 'im.message.reply', status: 400, body: { code: 230027, msg: 'Lack of necessary permissions' } });
    const sent = await h.say('/echo forbidden');
    // The answer failed once; the error card (a second reply) explains the code.
    expect(calls('im.message.reply') - before.reply!).toBe(2);
    expect(replies(sent)).toHaveLength(1);
    const text = cardText(sent[0]);
    expect(text).toContain('230027');
  });

  it('logs a reply that fails after every retry, without crashing, and keeps working', async () => {
    h.emulator.state.injectFault({ api: 'im.message.reply', status: 500, body: { code: 1, msg: 'down' }, times: 20 });
    const sent = await h.say('/echo lost');
    expect(sent).toHaveLength(0);
    h.emulator.state.faults.length = 0;
    const failure = logs.lines().find((l) => l.level === 50 && typeof l.chatId === 'string' && typeof l.eventId === 'string' && String(l.msg).includes('failed'));
    expect(failure).toBeDefined();
    expect(cardText((await h.say('/echo back'))[0])).toContain('first=back');
  });

  it('turns a thrown handler into an error card; the webhook still answers 200', async () => {
    const sent = await h.say('/boom'); // say() throws unless the webhook answered 200
    expect(sent).toHaveLength(1);
    const text = cardText(sent[0]);
    expect(text).toContain('Something went wrong');
    expect(text).not.toContain('kaboom');
    const logged = logs.lines().find((l) => String(JSON.stringify(l.err ?? '')).includes('kaboom'));
    expect(logged).toMatchObject({ level: 50, command: 'boom' });
  });

  it('turns a UserError into a card with its text and hint, not logged as a bug', async () => {
    const text = cardText((await h.say('/oops'))[0]);
    expect(text).toContain('The list is empty');
    expect(text).toContain('Add an item first');
  });
});
