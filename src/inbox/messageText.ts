/** The parts of an im.message.receive_v1 message the bot reads. */
export interface IncomingMessage {
  message_id: string;
  chat_id: string;
  chat_type: string;
  message_type: string;
  content: string;
  mentions?: Array<{ key: string; id?: { open_id?: string }; name?: string }>;
}

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** A message event's message and who sent it. */
export interface UserMessage {
  msg: IncomingMessage;
  openId: string;
}

/** What a message event holds for the bot: a person's message to run, or why there is none. */
export type MessageReading = UserMessage | 'malformed' | 'not from a person';

/** Reads a message event without acting on it (the inbox decides what to take and record from this). */
export function readUserMessage(event: Record<string, unknown>): MessageReading {
  const sender = event.sender as { sender_type?: unknown; sender_id?: { open_id?: unknown } } | undefined;
  const msg = readMessage(event.message);
  const openId = sender?.sender_id?.open_id;
  if (!msg || !str(openId)) return 'malformed';
  if (sender?.sender_type !== 'user') return 'not from a person';
  return { msg, openId };
}

/**
 * The message part of an event, checked field by field: anything that is not the documented shape
 * (a number for message_id, mentions that are not an array, …) is dropped here instead of throwing later.
 */
export function readMessage(raw: unknown): IncomingMessage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const m = raw as Record<string, unknown>;
  if (!str(m.message_id) || !str(m.chat_id)) return undefined;
  const mentions = Array.isArray(m.mentions)
    ? (m.mentions as unknown[]).flatMap((x) => {
        if (!x || typeof x !== 'object') return [];
        const { key, id, name } = x as { key?: unknown; id?: { open_id?: unknown } | null; name?: unknown };
        const openId = id && typeof id === 'object' && str(id.open_id) ? id.open_id : undefined;
        return str(key) ? [{ key, id: { open_id: openId }, ...(str(name) ? { name } : {}) }] : [];
      })
    : [];
  return {
    message_id: m.message_id,
    chat_id: m.chat_id,
    chat_type: typeof m.chat_type === 'string' ? m.chat_type : '',
    message_type: typeof m.message_type === 'string' ? m.message_type : '',
    content: typeof m.content === 'string' ? m.content : '',
    mentions,
  };
}

export interface CommandLine {
  /** The command line with the slash removed, mentions of other people replaced by their open_ids. */
  line: string;
  isCommand: boolean;
  mentionsBot: boolean;
  mentionNames: Record<string, string>;
}

/** Text of a `text` message, or the concatenated text runs of a `post` (any language block). */
export function plainText(messageType: string, content: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  if (messageType === 'text') {
    const text = (parsed as { text?: unknown }).text;
    return typeof text === 'string' ? text : undefined;
  }
  if (messageType === 'post') {
    const root = parsed as Record<string, unknown>;
    const post = (Array.isArray(root.content) ? root : (Object.values(root).find((v) => v && typeof v === 'object' && Array.isArray((v as { content?: unknown }).content)) ?? root)) as { content?: unknown };
    if (!Array.isArray(post.content)) return undefined;
    return post.content
      .map((para: unknown) =>
        Array.isArray(para)
          ? para
              .map((run: { tag?: unknown; text?: unknown; user_id?: unknown } | null) =>
                !run || typeof run !== 'object' ? ''
                  : (run.tag === 'text' || run.tag === 'a') && typeof run.text === 'string' ? run.text
                  : run.tag === 'at' && typeof run.user_id === 'string' ? ` ${run.user_id} ` : '',
              )
              .join('')
          : '',
      )
      .join('\n');
  }
  return undefined;
}

/**
 * Mention placeholders in message text (`@_user_1`, documented as `@_user_N`). Scanned with one fixed
 * pattern and looked up by key, instead of a pattern built from the keys: an event's keys are not ours
 * to compile (a 200 KB key made the built pattern throw and the message was lost).
 */
const MENTION_PLACEHOLDER = /@_[A-Za-z0-9_]{1,64}/g;

/**
 * Reads a command out of message text: strips the bot's own mention, turns other `@_user_N`
 * placeholders into open_ids, and recognises `/` and the full-width `／`.
 */
export function readCommandLine(text: string, msg: IncomingMessage, botOpenId: string | undefined): CommandLine {
  const mentionNames: Record<string, string> = {};
  let mentionsBot = botOpenId !== undefined && (msg.mentions ?? []).some((m) => m.id?.open_id === botOpenId);
  const byKey = new Map((msg.mentions ?? []).filter((m) => typeof m.key === 'string' && m.key).map((m) => [m.key, m]));
  const out = byKey.size === 0 ? text : text.replace(MENTION_PLACEHOLDER, (found) => {
    // The longest key that starts the placeholder, so that @_user_1 never eats the start of @_user_10.
    let key = found;
    while (key.length > 2 && !byKey.has(key)) key = key.slice(0, -1);
    const m = byKey.get(key);
    if (!m) return found;
    const openId = m.id?.open_id;
    const isBot = openId !== undefined && openId === botOpenId;
    if (isBot) mentionsBot = true;
    else if (openId) mentionNames[openId] = m.name ?? openId;
    return (isBot || !openId ? ' ' : ` ${openId} `) + found.slice(key.length);
  });
  const trimmed = out.replace(/[\s\u3000]+/g, ' ').trim();
  const isCommand = /^[/／]/.test(trimmed);
  return { line: isCommand ? trimmed.slice(1).trim() : trimmed, isCommand, mentionsBot, mentionNames };
}
