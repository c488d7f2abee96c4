import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, buttons, MEMBER, startHarness, type Harness } from '../helpers/harness.js';
import { lastCard, uid } from '../status/helpers.js';

const LIST = 'personal_settings.system_status.list';

/** The value of one sample of the Prometheus text, 0 when the series does not exist yet. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('GET /metrics', () => {
  let h: Harness;
  const scrape = async () => {
    const res = await h.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return res.text;
  };

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('serves the Prometheus text format, every family prefixed opsbot_, process metrics included', async () => {
    const text = await scrape();
    const families = text.split('\n').filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]);
    expect(families.length).toBeGreaterThan(10);
    for (const f of families) expect(f).toMatch(/^opsbot_/);
    expect(families).toEqual(expect.arrayContaining(['opsbot_process_cpu_seconds_total', 'opsbot_nodejs_eventloop_lag_seconds', 'opsbot_queue_depth']));
  });

  it('counts a command, its webhook request and ack time, its event and its upstream calls', async () => {
    const before = await scrape();
    await h.say('/help');
    const after = await scrape();
    const moved = (s: string) => sample(after, s) - sample(before, s);
    expect(moved('opsbot_commands_total{command="help",outcome="ok"}')).toBe(1);
    expect(moved('opsbot_webhook_requests_total{outcome="accepted"}')).toBe(1);
    expect(moved('opsbot_webhook_ack_seconds_count')).toBe(1);
    expect(moved('opsbot_events_total{type="im.message.receive_v1",outcome="taken"}')).toBe(1);
    expect(moved('opsbot_upstream_calls_total{api="im.message.reply",code="0"}')).toBe(1);
    expect(moved('opsbot_rate_limit_wait_seconds_count{api="im.message.reply"}')).toBe(1);
  });

  it('counts a refusal, an unknown command and a duplicate delivery', async () => {
    const before = await scrape();
    await h.say('/status list', { as: MEMBER });
    await h.say('/nosuchcommand');
    const msg = h.emulator.state.userMessage(ADMIN, h.emulator.state.p2pChat(ADMIN), '/help');
    const { messageEvent } = await import('../../src/sandbox/feishu/events.js');
    const event = messageEvent({ messageId: msg.message_id, chatId: msg.chat_id, chatType: 'p2p', senderOpenId: ADMIN, text: '/help' }, { token: h.config.FEISHU_VERIFICATION_TOKEN });
    await h.post(event);
    await h.post(event);
    await h.idle();
    const after = await scrape();
    const moved = (s: string) => sample(after, s) - sample(before, s);
    expect(moved('opsbot_commands_total{command="status list",outcome="not_allowed"}')).toBe(1);
    expect(moved('opsbot_commands_total{command="unknown",outcome="unknown"}')).toBe(1);
    expect(moved('opsbot_duplicates_ignored_total{key="event"}')).toBe(1);
    expect(moved('opsbot_events_total{type="im.message.receive_v1",outcome="duplicate"}')).toBe(1);
  });

  it('counts an upstream error by API and code, a 429 and its retry', async () => {
    const before = await scrape();
    h.emulator.state.injectFault({ api: LIST, status: 429, body: { code: 99991400, msg: 'request trigger frequency limit' }, headers: { 'x-ogw-ratelimit-reset': '0' } });
    await h.say('/status list');
    h.emulator.state.injectFault({ api: LIST, status: 400, body: { code: 99991672, msg: 'Access denied' } });
    await h.say('/status list');
    const after = await scrape();
    const moved = (s: string) => sample(after, s) - sample(before, s);
    expect(moved(`opsbot_upstream_calls_total{api="${LIST}",code="99991400"}`)).toBe(1);
    expect(moved(`opsbot_upstream_rate_limited_total{api="${LIST}"}`)).toBe(1);
    expect(moved(`opsbot_upstream_retries_total{api="${LIST}"}`)).toBe(1);
    expect(moved(`opsbot_upstream_calls_total{api="${LIST}",code="99991672"}`)).toBe(1);
    expect(moved('opsbot_commands_total{command="status list",outcome="upstream_error"}')).toBe(1);
    expect(moved('opsbot_commands_total{command="status list",outcome="ok"}')).toBe(1);
  });

  it('counts batch items by kind and result, and button clicks by action and outcome', async () => {
    const before = await scrape();
    await h.say(`/status open 出差 ${uid(1)} ${uid(2)}`);
    const card = lastCard(h);
    await h.click(buttons(card)['Export CSV'], { messageId: card.message_id, chatId: card.chat_id });
    await h.click({ forged: true }, { messageId: card.message_id, chatId: card.chat_id });
    await h.idle();
    const after = await scrape();
    const moved = (s: string) => sample(after, s) - sample(before, s);
    expect(moved('opsbot_batch_items_total{kind="personal_settings.system_status.batch_open",result="ok"}')).toBe(2);
    const clicked = after.split('\n').filter((l) => l.startsWith('opsbot_clicks_total{') && l.includes('outcome="ran"'));
    expect(clicked.map((l) => moved(l.slice(0, l.lastIndexOf(' '))))).toContain(1);
    expect(moved('opsbot_clicks_total{action="none",outcome="bad_button"}')).toBe(1);
    expect(sample(after, 'opsbot_queue_depth')).toBe(0);
  });

  it('counts rejected webhook requests by outcome', async () => {
    const before = await scrape();
    await h.http.post('/webhook/event').set('content-type', 'application/json').send('not json');
    await h.http.post('/webhook/event').set('content-type', 'application/json').send(JSON.stringify({ plain: true }));
    const after = await scrape();
    const moved = (s: string) => sample(after, s) - sample(before, s);
    expect(moved('opsbot_webhook_requests_total{outcome="malformed"}')).toBe(1);
    expect(moved('opsbot_webhook_requests_total{outcome="bad_signature"}')).toBe(1);
  });

  it('keeps each app’s counts apart (one registry per app)', async () => {
    const other = await startHarness();
    const series = 'opsbot_commands_total{command="help",outcome="ok"}';
    try {
      const mineBefore = sample(await scrape(), series);
      await other.say('/help');
      const theirs = (await other.http.get('/metrics')).text;
      expect(sample(theirs, series)).toBe(1);
      expect(sample(await scrape(), series)).toBe(mineBefore);
    } finally {
      await other.close();
    }
  });
});
