import type express from 'express';
import { type Request, type Router } from 'express';
import multer from 'multer';
import { cardProblem } from './cardRules.js';
import {
  FILE_MAX_BYTES, FILE_TYPES, IM_APIS, IM_CODES, MSG_TYPES, PATCH_MAX_AGE_MS, PATCHES_PER_MESSAGE, POST_MAX_BYTES, RECEIVE_ID_TYPES,
  SENDS_PER_RECEIVER, TEXT_MAX_BYTES, UUID_MAX_CHARS, UUID_WINDOW_MS,
} from './facts.js';
import { BOT_INFO, PLATFORM_CODES, TENANT_TOKEN, TENANT_TOKEN_REUSE_MIN_LEFT_MS } from '../facts.js';
import { arrivedAt } from '../../arrival.js';
import { ApiFailure, fail, ok, route, type ServerRateLimits } from '../../route.js';
import { BOT_OPEN_ID, type SandboxState, type StoredMessage } from '../../state.js';

function body(req: express.Request): Record<string, unknown> {
  return req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
}

/** Validates content for msg_type the way the IM API does (§9.1); returns the parsed card for cards. */
function checkContent(msgType: unknown, content: unknown): unknown {
  if (typeof msgType !== 'string' || !msgType) fail(400, IM_CODES.invalidParam, 'msg_type is required');
  if (!MSG_TYPES.includes(msgType as string)) fail(400, IM_CODES.invalidParam, `msg_type ${String(msgType)} is not supported`);
  if (typeof content !== 'string') fail(400, IM_CODES.invalidParam, 'content must be a JSON string');
  const c = content as string;
  if (msgType === 'interactive') {
    const problem = cardProblem(c);
    if (problem) fail(400, problem.code, problem.msg);
    return JSON.parse(c);
  }
  if (msgType === 'text' && Buffer.byteLength(c) > TEXT_MAX_BYTES) fail(400, IM_CODES.tooLong, 'text longer than 150 KB');
  if (msgType === 'post' && Buffer.byteLength(c) > POST_MAX_BYTES) fail(400, IM_CODES.tooLong, 'post longer than 30 KB');
  let parsed: unknown;
  try {
    parsed = JSON.parse(c);
  } catch {
    fail(400, IM_CODES.invalidParam, 'content is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object') fail(400, IM_CODES.invalidParam, 'content must be a JSON object');
  const obj = parsed as Record<string, unknown>;
  if (msgType === 'text' && typeof obj.text !== 'string') fail(400, IM_CODES.invalidParam, 'text content needs a "text" string');
  if (msgType === 'file' && typeof obj.file_key !== 'string') fail(400, IM_CODES.invalidParam, 'file content needs a "file_key"');
  return undefined;
}

/** checkContent, and a refused card recorded with where it was going (the console shows it in its place). */
function checkRecorded(state: SandboxState, where: { api: string; chat_id?: string; message_id?: string }, msgType: unknown, content: unknown): unknown {
  try {
    return checkContent(msgType, content);
  } catch (err) {
    if (msgType === 'interactive' && err instanceof ApiFailure) state.refuseCard({ ...where, code: err.code, msg: err.message });
    throw err;
  }
}

function messageView(m: StoredMessage) {
  return {
    message_id: m.message_id, chat_id: m.chat_id, msg_type: m.msg_type, parent_id: m.parent_id,
    create_time: String(m.create_time), update_time: String(m.create_time), deleted: false, updated: false,
    sender: { id: 'cli_sandbox', id_type: 'app_id', sender_type: 'app', tenant_key: 'sandbox' }, body: { content: m.content },
  };
}

/** Tenant token, bot info, messages (send, reply, patch) and file upload. */
export function registerCore(router: Router, state: SandboxState, limits: ServerRateLimits, app: { appId: string; appSecret: string }): void {
  const uuids = new Map<string, { id: string; at: number }>();
  const remembered = (uuid: unknown): string | undefined => {
    if (typeof uuid !== 'string') return undefined;
    if (uuid.length > UUID_MAX_CHARS) fail(400, IM_CODES.invalidParam, `uuid longer than ${UUID_MAX_CHARS} characters`);
    const hit = uuids.get(uuid);
    return hit && hit.at > state.now() - UUID_WINDOW_MS ? hit.id : undefined;
  };
  /** IM content limit: at most 5 messages a second into the same chat (a group, or a user's p2p chat). */
  const receiverLimit = (req: Request, chatId: string) => {
    if (limits.check(`im.receiver:${chatId}`, arrivedAt(req), [SENDS_PER_RECEIVER])) fail(400, IM_CODES.frequencyLimit, 'This operation triggers the frequency limit');
  };
  const store = (m: StoredMessage, uuid: unknown) => {
    state.messages.set(m.message_id, m);
    if (typeof uuid === 'string') uuids.set(uuid, { id: m.message_id, at: state.now() });
  };

  route(router, state, limits, { ...TENANT_TOKEN, auth: false }, (req) => {
    const b = body(req);
    if (b.app_id !== app.appId) fail(400, PLATFORM_CODES.unknownAppId, 'invalid app_id');
    if (b.app_secret !== app.appSecret) fail(400, PLATFORM_CODES.wrongSecret, 'wrong app secret');
    const now = state.now();
    const [current, expiresAt] = [...state.tokens.entries()].reduce<[string, number]>((best, e) => (e[1] > best[1] ? e : best), ['', 0]);
    if (expiresAt - now >= TENANT_TOKEN_REUSE_MIN_LEFT_MS) {
      return { code: 0, msg: 'ok', tenant_access_token: current, expire: Math.floor((expiresAt - now) / 1000) };
    }
    const token = `t-${state.nextId('')}`;
    state.tokens.set(token, now + state.tokenTtlS * 1000);
    return { code: 0, msg: 'ok', tenant_access_token: token, expire: state.tokenTtlS };
  });

  route(router, state, limits, BOT_INFO, () => ({
    code: 0, msg: 'ok', bot: { open_id: BOT_OPEN_ID, app_name: 'Ops Bot (sandbox)', activate_status: 2 },
  }));

  route(router, state, limits, IM_APIS.reply, (req) => {
    const b = body(req);
    const parent = state.messages.get(req.params.message_id as string);
    if (!parent) fail(400, IM_CODES.recalled, 'The message was recalled or does not exist');
    const p = parent as StoredMessage;
    const card = checkRecorded(state, { api: IM_APIS.reply.api, chat_id: p.chat_id }, b.msg_type, b.content);
    const again = remembered(b.uuid);
    if (again) return ok(messageView(state.messages.get(again) as StoredMessage));
    if (!state.chats.get(p.chat_id)?.members.includes(BOT_OPEN_ID)) fail(400, IM_CODES.botNotInChat, 'Bot is not in the chat');
    receiverLimit(req, p.chat_id);
    const m: StoredMessage = { message_id: state.nextId('om_'), chat_id: p.chat_id, msg_type: b.msg_type as string, content: b.content as string, sender: 'bot', parent_id: p.message_id, create_time: state.now() };
    store(m, b.uuid);
    state.outbox.push({ api: 'im.message.reply', message_id: m.message_id, chat_id: m.chat_id, msg_type: m.msg_type, card, at: state.now() });
    return ok(messageView(m));
  });

  route(router, state, limits, IM_APIS.create, (req) => {
    const b = body(req);
    const type = req.query.receive_id_type;
    if (!RECEIVE_ID_TYPES.includes(String(type))) fail(400, IM_CODES.invalidParam, 'receive_id_type is required');
    const receiveId = b.receive_id;
    if (typeof receiveId !== 'string') fail(400, IM_CODES.invalidParam, 'receive_id is required');
    let chatId: string;
    if (type === 'chat_id') {
      const chat = state.chats.get(receiveId as string);
      if (!chat) fail(400, IM_CODES.receiveIdInvalid, 'receive_id is invalid');
      if (!chat?.members.includes(BOT_OPEN_ID)) fail(400, IM_CODES.botNotInChat, 'Bot is not in the chat');
      chatId = receiveId as string;
    } else {
      const user = state.users.get(receiveId as string);
      if (!user) fail(400, IM_CODES.receiveIdInvalid, 'receive_id is invalid');
      if (user?.tenant !== 'home') fail(400, IM_CODES.crossTenantP2p, 'cross tenant p2p chat is not allowed');
      chatId = state.p2pChat(receiveId as string);
    }
    const card = checkRecorded(state, { api: IM_APIS.create.api, chat_id: chatId }, b.msg_type, b.content);
    const again = remembered(b.uuid);
    if (again) return ok(messageView(state.messages.get(again) as StoredMessage));
    const file = b.msg_type === 'file' ? (state.ext.files as Map<string, { name: string; content: Buffer }> | undefined)?.get(JSON.parse(b.content as string).file_key) : undefined;
    if (b.msg_type === 'file' && !file) fail(400, IM_CODES.fileTypeMismatch, 'file_key does not exist');
    receiverLimit(req, chatId);
    // Stored only once every check passed: a refused send must not count for its uuid.
    const m: StoredMessage = { message_id: state.nextId('om_'), chat_id: chatId, msg_type: b.msg_type as string, content: b.content as string, sender: 'bot', create_time: state.now() };
    store(m, b.uuid);
    state.outbox.push({ api: 'im.message.create', message_id: m.message_id, chat_id: chatId, receive_id: receiveId as string, msg_type: m.msg_type, card, file, at: state.now() });
    return ok(messageView(m));
  });

  route(router, state, limits, IM_APIS.patch, (req) => {
    const b = body(req);
    const m = state.messages.get(req.params.message_id as string);
    if (!m) fail(400, IM_CODES.deleted, 'The message has been deleted or does not exist');
    const msg = m as StoredMessage;
    if (msg.sender !== 'bot' || msg.msg_type !== 'interactive') fail(400, IM_CODES.invalidParam, 'only cards sent by the bot can be updated');
    if (state.now() - msg.create_time > PATCH_MAX_AGE_MS) fail(400, IM_CODES.tooOldToUpdate, 'The message was sent more than 14 days ago');
    const perMessage = limits.check(`im.message.patch:${msg.message_id}`, arrivedAt(req), [PATCHES_PER_MESSAGE]);
    if (perMessage) fail(400, IM_CODES.frequencyLimit, 'This operation triggers the frequency limit');
    const card = checkRecorded(state, { api: IM_APIS.patch.api, chat_id: msg.chat_id, message_id: msg.message_id }, 'interactive', b.content);
    msg.content = b.content as string;
    state.outbox.push({ api: 'im.message.patch', message_id: msg.message_id, chat_id: msg.chat_id, msg_type: 'interactive', card, at: state.now() });
    return ok({});
  });

  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: FILE_MAX_BYTES + 1 } });
  router.post(IM_APIS.uploadFile.path, upload.single('file'), (req, _res, next) => next());
  route(router, state, limits, IM_APIS.uploadFile, (req) => {
    const b = body(req);
    const file = (req as express.Request & { file?: { buffer: Buffer } }).file;
    if (!FILE_TYPES.includes(String(b.file_type))) fail(400, IM_CODES.uploadInvalidParam, 'invalid file_type');
    if (typeof b.file_name !== 'string' || !b.file_name) fail(400, IM_CODES.uploadInvalidParam, 'file_name is required');
    if (!file) fail(400, IM_CODES.uploadInvalidParam, 'file is required');
    if (file!.buffer.length === 0) fail(400, IM_CODES.emptyFile, 'empty file');
    if (file!.buffer.length > FILE_MAX_BYTES) fail(400, IM_CODES.fileTooLarge, 'file larger than 30 MB');
    const files = (state.ext.files ??= new Map()) as Map<string, { name: string; content: Buffer }>;
    const key = `file_v3_${state.nextId('')}`;
    files.set(key, { name: b.file_name as string, content: file!.buffer });
    return ok({ file_key: key });
  });
}
