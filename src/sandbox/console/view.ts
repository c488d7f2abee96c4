import { BOT_OPEN_ID, SANDBOX_ADMIN, SANDBOX_GROUP, SANDBOX_MEMBER, type SandboxState, type StoredMessage } from '../state.js';

/** A mention as the console sent it, kept so the timeline can show names where the text has `@_user_N`. */
export interface SentMention {
  key: string;
  openId: string;
  name: string;
}

export interface TimelineItem {
  id: string;
  kind: 'user' | 'bot' | 'refused';
  sender: string;
  at: number;
  text?: string;
  mentions?: SentMention[];
  card?: unknown;
  file?: { key: string; name: string; bytes: number };
  refusal?: { api: string; code: number; msg: string };
}

/** The console's own memory beside the emulator's: mentions of sent messages, and edits that change no record. */
export class ConsoleMemory {
  readonly mentions = new Map<string, SentMention[]>();
  edits = 0;
}

type Files = Map<string, { name: string; content: Buffer }>;

const filesOf = (state: SandboxState): Files => (state.ext.files as Files | undefined) ?? new Map<string, { name: string; content: Buffer }>();

/** People, the bot, the chats: what the console lists. */
export function worldView(state: SandboxState, transport: string) {
  const role = (openId: string) => (openId === SANDBOX_ADMIN ? 'admin' : openId === SANDBOX_MEMBER ? 'member' : undefined);
  return {
    bot: { open_id: BOT_OPEN_ID, name: 'Ops Bot' },
    transport,
    people: [...state.users.values()].map((u) => ({ open_id: u.open_id, name: u.name, en_name: u.en_name, tenant: u.tenant, role: role(u.open_id) })),
    group: { chat_id: SANDBOX_GROUP, name: state.chats.get(SANDBOX_GROUP)?.name ?? SANDBOX_GROUP },
    apis: [...state.apiNames].sort(),
  };
}

function parseContent(m: StoredMessage): Record<string, unknown> {
  try {
    const v = JSON.parse(m.content) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function itemOf(m: StoredMessage, files: Files, memory: ConsoleMemory): TimelineItem {
  const base = { id: m.message_id, kind: m.sender === 'bot' ? ('bot' as const) : ('user' as const), sender: m.sender, at: m.create_time };
  const content = parseContent(m);
  if (m.msg_type === 'interactive') return { ...base, card: content };
  if (m.msg_type === 'file') {
    const key = String(content.file_key ?? '');
    const f = files.get(key);
    return { ...base, file: { key, name: f?.name ?? key, bytes: f?.content.length ?? 0 } };
  }
  return { ...base, text: typeof content.text === 'string' ? content.text : m.content, mentions: memory.mentions.get(m.message_id) };
}

/** One chat's messages, oldest first, each card as it is now, with refused cards in their place. */
export function timeline(state: SandboxState, chatId: string, memory: ConsoleMemory): TimelineItem[] {
  const files = filesOf(state);
  const items = [...state.messages.values()].filter((m) => m.chat_id === chatId).map((m) => itemOf(m, files, memory));
  const first = state.refusedCount - state.refusedCards.length;
  state.refusedCards.forEach((r, i) => {
    if (r.chat_id !== chatId) return;
    items.push({ id: `refused_${first + i}`, kind: 'refused', sender: 'bot', at: r.at, refusal: { api: r.api, code: r.code, msg: r.msg } });
  });
  return items.sort((a, b) => a.at - b.at);
}

/** Changes whenever anything the console shows may have changed. */
export function fingerprint(state: SandboxState, memory: ConsoleMemory): string {
  return [state.outbox.length, state.messages.size, state.callCount, state.refusedCount, state.faults.length, state.latencyMs, memory.edits].join('.');
}

/** What the console polls for: the chat, the newest calls, the files, the fault switches. */
export function pollView(state: SandboxState, chatId: string, memory: ConsoleMemory) {
  const files = filesOf(state);
  const sentFiles = state.outbox.filter((r) => r.file).map((r) => {
    const key = [...files.entries()].find(([, f]) => f === r.file)?.[0] ?? '';
    return { key, name: r.file?.name ?? '', bytes: r.file?.content.length ?? 0, chat_id: r.chat_id, at: r.at };
  });
  return {
    fingerprint: fingerprint(state, memory),
    timeline: timeline(state, chatId, memory),
    calls: state.callLog.slice(-200),
    files: sentFiles,
    faults: state.faults.map((f) => ({ api: f.api, status: f.status, times: f.times ?? 1, hangUp: f.hangUp ?? false })),
    latencyMs: state.latencyMs,
  };
}
