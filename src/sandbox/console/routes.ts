import express, { type Request, type Response, type Router } from 'express';
import { join } from 'node:path';
import { botAddedEvent, cardActionEvent, menuEvent, messageEvent, p2pEnteredEvent } from '../feishu/events.js';
import type { Emulator } from '../emulator.js';
import { cardProblem } from '../feishu/im/cardRules.js';
import { BOT_OPEN_ID, SANDBOX_GROUP } from '../state.js';
import { applyAnsweredCard } from './answer.js';
import { deliver, type DeliveryTarget } from './deliver.js';
import { faultControls } from './faults.js';
import { findStaticDir, findVChart } from './staticDir.js';
import { ConsoleMemory, fingerprint, pollView, worldView, type SentMention } from './view.js';

export interface ConsoleOptions {
  emulator: Emulator;
  transport: 'webhook' | 'ws';
  verificationToken: string;
  encryptKey: string;
}

const MAX_TEXT = 4000;
const MENTION_KEY = /^@_user_\d{1,3}$/;

const bad = (res: Response, en: string, zh: string) => res.status(400).json({ error: en, error_zh: zh });

/**
 * The sandbox console (design.md §3: GET /console on the bot's PORT, sandbox mode only): a page that shows
 * the chats as Feishu would, and a small API behind it that sends real, signed events to the bot and reads
 * what the emulator recorded. Mounted at /console by the sandbox wiring.
 */
export function consoleRouter(opts: ConsoleOptions): Router {
  const { state } = opts.emulator;
  const staticDir = findStaticDir();
  const vchart = findVChart();
  const memory = new ConsoleMemory();
  const target: DeliveryTarget = { transport: opts.transport, encryptKey: opts.encryptKey, ws: opts.emulator.ws };
  const o = () => ({ token: opts.verificationToken });
  const person = (v: unknown) => (typeof v === 'string' && state.users.has(v) ? v : undefined);
  const r = express.Router();
  r.use(express.json({ limit: '256kb' }));

  r.get('/', (_req, res) => res.sendFile(join(staticDir, 'index.html')));
  r.get('/preview', (_req, res) => res.sendFile(join(staticDir, 'preview.html')));
  r.use('/static', express.static(staticDir, { fallthrough: false, index: false }));
  r.get('/vendor/vchart.js', (_req, res) => res.sendFile(vchart));

  r.get('/api/world', (_req, res) => res.json(worldView(state, opts.transport)));
  r.get('/api/poll', (req, res) => {
    const as = person(req.query.as);
    if (!as) return bad(res, 'as must be a sample person', 'as 必须是一位示例用户');
    const chatId = req.query.chat === 'group' ? SANDBOX_GROUP : state.p2pChat(as);
    if (req.query.since === fingerprint(state, memory)) return res.json({ same: true });
    res.json({ chat_id: chatId, ...pollView(state, chatId, memory) });
  });

  r.post('/api/send', async (req: Request, res) => {
    const b = (req.body ?? {}) as { as?: unknown; chat?: unknown; text?: unknown; mentions?: unknown };
    const as = person(b.as);
    if (!as) return bad(res, 'as must be a sample person', 'as 必须是一位示例用户');
    if (typeof b.text !== 'string' || !b.text.trim() || b.text.length > MAX_TEXT) return bad(res, `text must be 1 to ${MAX_TEXT} characters`, `text 须为 1 至 ${MAX_TEXT} 个字符`);
    const mentions = parseMentions(b.mentions, (id) => state.users.has(id) || id === BOT_OPEN_ID);
    if (!mentions) return bad(res, 'mentions must be [{key: "@_user_N", openId, name}] of known people', 'mentions 须为已知用户的 [{key: "@_user_N", openId, name}]');
    const group = b.chat === 'group';
    const chatId = group ? SANDBOX_GROUP : state.p2pChat(as);
    const msg = state.userMessage(as, chatId, b.text);
    if (mentions.length) memory.mentions.set(msg.message_id, mentions);
    const event = messageEvent({ messageId: msg.message_id, chatId, chatType: group ? 'group' : 'p2p', senderOpenId: as, text: b.text, mentions }, o());
    res.json({ message_id: msg.message_id, ...(await deliver(req, target, event, 'event')) });
  });

  r.post('/api/click', async (req: Request, res) => {
    const b = (req.body ?? {}) as { as?: unknown; message_id?: unknown; value?: unknown };
    const as = person(b.as);
    if (!as) return bad(res, 'as must be a sample person', 'as 必须是一位示例用户');
    const msg = typeof b.message_id === 'string' ? state.messages.get(b.message_id) : undefined;
    if (!msg || msg.sender !== 'bot' || msg.msg_type !== 'interactive') return bad(res, 'message_id must name a card the bot sent', 'message_id 须为机器人发出的卡片');
    if (b.value === undefined || b.value === null) return bad(res, 'value is required', '缺少 value');
    const event = cardActionEvent({ operatorOpenId: as, value: b.value, messageId: msg.message_id, chatId: msg.chat_id }, o());
    const delivered = await deliver(req, target, event, 'card');
    const applied = applyAnsweredCard(state, msg, delivered.body);
    if (applied !== undefined) memory.edits++;
    res.json({ ...delivered, applied: applied === 'applied' });
  });

  r.post('/api/event', async (req: Request, res) => {
    const b = (req.body ?? {}) as { as?: unknown; kind?: unknown; key?: unknown };
    const as = person(b.as);
    if (!as) return bad(res, 'as must be a sample person', 'as 必须是一位示例用户');
    let event: unknown;
    if (b.kind === 'bot-added') event = botAddedEvent(SANDBOX_GROUP, as, o());
    else if (b.kind === 'p2p-entered') event = p2pEnteredEvent(state.p2pChat(as), as, o());
    else if (b.kind === 'menu' && typeof b.key === 'string' && /^[\w.-]{1,64}$/.test(b.key)) event = menuEvent(as, b.key, o());
    else return bad(res, 'kind must be bot-added, p2p-entered or menu (with a key)', 'kind 须为 bot-added、p2p-entered 或 menu(带 key)');
    res.json(await deliver(req, target, event, 'event'));
  });

  r.post('/api/check-card', (req, res) => {
    const card = (req.body as { card?: unknown } | undefined)?.card;
    if (!card || typeof card !== 'object') return bad(res, 'card (an object) is required', '缺少 card(对象)');
    const problem = cardProblem(JSON.stringify(card));
    res.json(problem ? { ok: false, ...problem } : { ok: true });
  });
  r.use('/api/faults', faultControls(state));
  r.get('/api/files/:key', (req, res) => {
    const file = (state.ext.files as Map<string, { name: string; content: Buffer }> | undefined)?.get(req.params.key ?? '');
    if (!file) return res.status(404).json({ error: 'no such file', error_zh: '没有这个文件' });
    res.attachment(file.name).type('text/csv; charset=utf-8').send(file.content);
  });
  r.use('/api', (_req, res) => res.status(404).json({ error: 'not found', error_zh: '未找到' }));
  return r;
}

function parseMentions(v: unknown, known: (openId: string) => boolean): SentMention[] | undefined {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > 50) return undefined;
  const out: SentMention[] = [];
  for (const m of v as Array<Record<string, unknown>>) {
    if (!m || typeof m.key !== 'string' || !MENTION_KEY.test(m.key) || typeof m.openId !== 'string' || !known(m.openId) || typeof m.name !== 'string') return undefined;
    out.push({ key: m.key, openId: m.openId, name: m.name.slice(0, 100) });
  }
  return out;
}
