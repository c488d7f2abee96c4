import type { Router } from 'express';
import { fail, ok, route, type ServerRateLimits } from '../../route.js';
import { BOT_OPEN_ID, type SandboxState } from '../../state.js';

/**
 * `GET /open-apis/im/v1/chats/:chat_id/members` (Lark docs, server-docs/group/chat-member/get): pages with
 * page_token/has_more, page_size 1–100 (default 20), bots are never returned, the caller must be in the chat.
 * Error codes from the Feishu chat API error tables (not in feishu-apis.md): 232006 invalid chat_id,
 * 232011 operator not in the chat; 232001 for a bad parameter is UNCONFIRMED for this API.
 */
export function registerChatMembers(router: Router, state: SandboxState, limits: ServerRateLimits): void {
  route(router, state, limits, { api: 'im.chat.members', method: 'get', path: '/open-apis/im/v1/chats/:chat_id/members' }, (req) => {
    const chat = state.chats.get(req.params.chat_id as string);
    if (!chat) fail(400, 232006, 'Your request specifies a chat_id which is invalid.');
    if (!chat?.members.includes(BOT_OPEN_ID)) fail(400, 232011, 'Operator can NOT be out of the chat.');
    const idType = req.query.member_id_type ?? 'open_id';
    if (!['open_id', 'union_id', 'user_id'].includes(String(idType))) fail(400, 232001, 'invalid member_id_type');
    const size = req.query.page_size === undefined ? 20 : Number(req.query.page_size);
    if (!Number.isInteger(size) || size < 1 || size > 100) fail(400, 232001, 'page_size must be 1-100');
    const start = req.query.page_token === undefined ? 0 : Number(String(req.query.page_token).replace(/^m/, ''));
    if (!Number.isInteger(start) || start < 0) fail(400, 232001, 'invalid page_token');
    const people = (chat?.members ?? []).filter((id) => id !== BOT_OPEN_ID);
    const page = people.slice(start, start + size);
    const more = start + size < people.length;
    return ok({
      items: page.map((id) => ({ member_id_type: 'open_id', member_id: id, name: state.users.get(id)?.name ?? id, tenant_key: state.users.get(id)?.tenant === 'other' ? 'other_tenant' : 'sandbox_tenant' })),
      has_more: more,
      ...(more ? { page_token: `m${start + size}` } : {}),
      member_total: people.length,
    });
  });
}
