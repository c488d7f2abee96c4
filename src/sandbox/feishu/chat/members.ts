import type { Router } from 'express';
import { fail, ok, route, type ServerRateLimits } from '../../route.js';
import { BOT_OPEN_ID, type SandboxState } from '../../state.js';
import { CHAT_CODES, CHAT_MEMBERS, MEMBER_ID_TYPES, MEMBERS_PAGE } from './facts.js';

/**
 * Chat members (facts.ts): pages with page_token/has_more, bots are never returned, the caller must be in
 * the chat.
 */
export function registerChatMembers(router: Router, state: SandboxState, limits: ServerRateLimits): void {
  route(router, state, limits, CHAT_MEMBERS, (req) => {
    const chat = state.chats.get(req.params.chat_id as string);
    if (!chat) fail(400, CHAT_CODES.invalidChatId, 'Your request specifies a chat_id which is invalid.');
    if (!chat?.members.includes(BOT_OPEN_ID)) fail(400, CHAT_CODES.notInChat, 'Operator can NOT be out of the chat.');
    const idType = req.query.member_id_type ?? 'open_id';
    if (!MEMBER_ID_TYPES.includes(String(idType))) fail(400, CHAT_CODES.invalidParam, 'invalid member_id_type');
    const size = req.query.page_size === undefined ? MEMBERS_PAGE.default : Number(req.query.page_size);
    if (!Number.isInteger(size) || size < 1 || size > MEMBERS_PAGE.max) fail(400, CHAT_CODES.invalidParam, `page_size must be 1-${MEMBERS_PAGE.max}`);
    const start = req.query.page_token === undefined ? 0 : Number(String(req.query.page_token).replace(/^m/, ''));
    if (!Number.isInteger(start) || start < 0) fail(400, CHAT_CODES.invalidParam, 'invalid page_token');
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
