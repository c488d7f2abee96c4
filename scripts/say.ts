/**
 * Talks to a bot running in sandbox mode: sends a message event as a sample user (signed and encrypted to
 * the webhook, or pushed by the emulator over the long connection when the bot runs with
 * FEISHU_TRANSPORT=ws) and prints the cards the bot answers with, as text.
 *   npm run say -- "/help"
 *   npm run say -- --as member --group "/okr"
 *   npm run say -- --lang zh_cn "/status list"
 */
import { renderCardText } from '../src/cards-kit/render.js';
import { sandboxConfig } from '../src/config.js';
import type { Locale } from '../src/cards-kit/i18n.js';
import { messageEvent, seal } from '../src/sandbox/feishu/events.js';
import { BOT_OPEN_ID, SANDBOX_ADMIN, SANDBOX_MEMBER } from '../src/sandbox/state.js';

const args = process.argv.slice(2);
let as = SANDBOX_ADMIN;
let group = false;
let lang: Locale = 'en_us';
let port = Number(process.env.PORT ?? 3000);
const words: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i] as string;
  if (a === '--as') {
    const who = args[++i] ?? '';
    as = who === 'admin' ? SANDBOX_ADMIN : who === 'member' ? SANDBOX_MEMBER : who;
  } else if (a === '--group') group = true;
  else if (a === '--lang') lang = (args[++i] as Locale) ?? 'en_us';
  else if (a === '--port') port = Number(args[++i]);
  else if (a === '--') continue;
  else words.push(a);
}
const text = words.join(' ') || '/help';
const bot = `http://127.0.0.1:${port}`;

async function main(): Promise<void> {
  const health = (await fetch(`${bot}/healthz`).then((r) => r.json()).catch(() => undefined)) as
    | { emulator?: string; transport?: { kind?: string; state?: string } }
    | undefined;
  if (!health?.emulator) {
    console.error(
      `No sandbox bot answers on ${bot}. Start it first with \`npm start\` (without FEISHU_APP_ID); ` +
        'if it runs on another port, give the same PORT here (PORT=3987 npm run say -- "/help", or --port 3987).',
    );
    process.exit(1);
  }
  const emu = health.emulator;
  const config = sandboxConfig(emu);
  const before = ((await fetch(`${emu}/_sandbox/outbox`).then((r) => r.json())) as unknown[]).length;
  const sentText = group ? `@_user_1 ${text}` : text;
  const msg = (await fetch(`${emu}/_sandbox/user-message`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ open_id: as, chat: group ? 'group' : 'p2p', text: sentText }),
  }).then((r) => r.json())) as { message_id: string; chat_id: string };
  const event = messageEvent({
    messageId: msg.message_id, chatId: msg.chat_id, chatType: group ? 'group' : 'p2p', senderOpenId: as, text: sentText,
    mentions: group ? [{ key: '@_user_1', openId: BOT_OPEN_ID, name: 'Ops Bot' }] : [],
  }, { token: config.FEISHU_VERIFICATION_TOKEN });
  const delivered = health.transport?.kind === 'ws' ? await pushOverSocket(emu, event) : await postToWebhook(event, config.FEISHU_ENCRYPT_KEY as string);
  console.log(`→ ${text}   (as ${as}, ${group ? 'group' : 'direct chat'}; ${delivered})\n`);
  let seen = before;
  let quietSince = Date.now();
  const started = Date.now();
  while (Date.now() - started < 30_000 && (seen === before || Date.now() - quietSince < 1500)) {
    await new Promise((r) => setTimeout(r, 200));
    const out = (await fetch(`${emu}/_sandbox/outbox?after=${seen}`).then((r) => r.json())) as Array<{ api: string; card?: unknown; file?: { name: string; content: string } }>;
    for (const item of out) {
      console.log(`── ${item.api} ──`);
      if (item.card) console.log(renderCardText(item.card, lang));
      if (item.file) console.log(`file ${item.file.name}:\n${item.file.content.slice(0, 2000)}`);
      console.log('');
    }
    if (out.length > 0) quietSince = Date.now();
    seen += out.length;
  }
  if (seen === before) console.log('(no answer within 30 s)');
}

async function postToWebhook(event: unknown, encryptKey: string): Promise<string> {
  const { raw, headers } = seal(event, encryptKey);
  const res = await fetch(`${bot}/webhook/event`, { method: 'POST', headers, body: raw });
  return `webhook answered ${res.status}`;
}

/** In ws mode the emulator pushes the event to the bot's open socket and reports the response frame. */
async function pushOverSocket(emu: string, envelope: unknown): Promise<string> {
  const res = await fetch(`${emu}/_sandbox/ws/push`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ envelope }),
  });
  const body = (await res.json()) as { code?: number; error?: string };
  if (!res.ok) {
    console.error(`The emulator could not push the event over the long connection: ${body.error ?? res.status}. Is the bot connected? (see /healthz)`);
    process.exit(1);
  }
  return `long connection answered code ${body.code}`;
}

void main();
