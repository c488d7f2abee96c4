import { perMinute, perSecond, type ApiFact } from '../../rateWindow.js';

/**
 * Chat members facts. feishu-apis.md has no section for this API: these come from the Lark doc page
 * server-docs/group/chat-member/get ("获取群成员列表") and the Feishu chat API error tables, so every one
 * is UNCONFIRMED by our reference.
 */
export const CHAT_MEMBERS: ApiFact = {
  api: 'im.chat.members',
  method: 'get',
  path: '/open-apis/im/v1/chats/:chat_id/members',
  // chat-member/get page: "1000 次/分钟、50 次/秒".
  windows: [perMinute(1000), perSecond(50)],
};

/** chat-member/get page: page_size default 20, at most 100. */
export const MEMBERS_PAGE = { default: 20, max: 100 } as const;
export const MEMBER_ID_TYPES = ['open_id', 'union_id', 'user_id'];

export const CHAT_CODES = {
  /** UNCONFIRMED for this API (listed on sibling chat APIs): "invalid request parameter". */
  invalidParam: 232001,
  /** "Your request specifies a chat_id which is invalid." */
  invalidChatId: 232006,
  /** "Operator can NOT be out of the chat." */
  notInChat: 232011,
} as const;
