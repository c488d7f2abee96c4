/** The parts of an im.message.receive_v1 message the bot reads. */
export interface IncomingMessage {
  message_id: string;
  chat_id: string;
  chat_type: string;
  message_type: string;
  content: string;
  mentions?: Array<{ key: string; id?: { open_id?: string }; name?: string }>;
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
              .map((run: { tag?: string; text?: string; user_id?: string }) =>
                run.tag === 'text' || run.tag === 'a' ? (run.text ?? '') : run.tag === 'at' ? ` ${run.user_id ?? ''} ` : '',
              )
              .join('')
          : '',
      )
      .join('\n');
  }
  return undefined;
}

/**
 * Reads a command out of message text: strips the bot's own mention, turns other `@_user_N`
 * placeholders into open_ids, and recognises `/` and the full-width `／`.
 */
export function readCommandLine(text: string, msg: IncomingMessage, botOpenId: string | undefined): CommandLine {
  const mentionNames: Record<string, string> = {};
  let mentionsBot = botOpenId !== undefined && (msg.mentions ?? []).some((m) => m.id?.open_id === botOpenId);
  const byKey = new Map((msg.mentions ?? []).filter((m) => typeof m.key === 'string' && m.key).map((m) => [m.key, m]));
  // One pass, longest key first, so that @_user_1 never eats the start of @_user_10.
  const keys = [...byKey.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const out = keys.length === 0 ? text : text.replace(new RegExp(keys.join('|'), 'g'), (key) => {
    const m = byKey.get(key);
    if (!m) return key;
    const openId = m.id?.open_id;
    const isBot = openId !== undefined && openId === botOpenId;
    if (isBot) mentionsBot = true;
    else if (openId) mentionNames[openId] = m.name ?? openId;
    return isBot || !openId ? ' ' : ` ${openId} `;
  });
  const trimmed = out.replace(/[\s\u3000]+/g, ' ').trim();
  const isCommand = /^[/／]/.test(trimmed);
  return { line: isCommand ? trimmed.slice(1).trim() : trimmed, isCommand, mentionsBot, mentionNames };
}
