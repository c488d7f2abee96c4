/**
 * The one table of documented chunk sizes and rate limits (feishu-apis.md, third-party-apis.md).
 * A limit marked UNCONFIRMED is an assumption: change it here and only here.
 */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

export interface ApiLimit {
  /** Largest number of items one call may carry. */
  chunkSize?: number;
  /** Every window must hold at once ("1000/min and 50/s" means both). Empty: no documented limit. */
  windows: RateWindow[];
}

const perMinute = (limit: number): RateWindow => ({ limit, windowMs: 60_000 });
const perSecond = (limit: number): RateWindow => ({ limit, windowMs: 1_000 });

export const LIMITS = {
  'auth.tenant_access_token': { windows: [] },
  'bot.info': { windows: [] },
  'im.message.create': { windows: [perMinute(1000), perSecond(50)] },
  'im.message.reply': { windows: [perMinute(1000), perSecond(50)] },
  'im.message.patch': { windows: [perMinute(1000), perSecond(50)] },
  'im.file.create': { windows: [perMinute(1000), perSecond(50)] },
  'im.chat.members': { chunkSize: 100, windows: [perMinute(1000), perSecond(50)] }, // Lark docs (chat-member/get): page_size ≤ 100
  // feishu-apis.md §8.1: at most 50 user_ids a call; 1000/min and 50/s.
  'contact.user.batch': { chunkSize: 50, windows: [perMinute(1000), perSecond(50)] },
  'personal_settings.system_status.list': { chunkSize: 50, windows: [perMinute(100)] },
  'personal_settings.system_status.batch_open': { chunkSize: 50, windows: [perMinute(1000), perSecond(50)] },
  // feishu-apis.md §5.3: the same 1000/min and 50/s as batch_open.
  'personal_settings.system_status.batch_close': { chunkSize: 50, windows: [perMinute(1000), perSecond(50)] },
  // feishu-apis.md §6: 100/min on each OKR API's page; at most 10 ids per call (§6.2, §6.3).
  'okr.period.list': { windows: [perMinute(100)] },
  'okr.user_okr.list': { chunkSize: 10, windows: [perMinute(100)] },
  'okr.okr.batch_get': { chunkSize: 10, windows: [perMinute(100)] },
  // UNCONFIRMED: no limit is documented for the ACS users APIs (§7: other ACS APIs state 5/s); page size max 50 is documented.
  'acs.user.list': { chunkSize: 50, windows: [] },
  'acs.user.get': { windows: [] },
  // UNCONFIRMED: Jingsocial has per-API frequency limits but their numbers, and the user_ids maximum, are unknown.
  'jingsocial.oauth2.token': { windows: [] },
  'jingsocial.oauth2.token.refresh': { windows: [] },
  'jingsocial.activity.user_status.batch': { chunkSize: 100, windows: [perSecond(5)] },
  // Chengxun: 200 accounts per call is documented; the rate limit behind 55001 is not (UNCONFIRMED 5/s).
  'chengxun.access_tokens': { windows: [] },
  'chengxun.card.batch_set_same_data': { chunkSize: 200, windows: [perSecond(5)] },
} satisfies Record<string, ApiLimit>;

export type FeishuApiName = keyof typeof LIMITS;

/** Per-message update limit (5 QPS on the same message), on top of the patch API tier. */
export const PATCH_PER_MESSAGE: RateWindow = perSecond(5);

/** IM content limit: at most 5 messages a second to the same user or the same group (feishu-apis.md §2). */
export const SENDS_PER_RECEIVER: RateWindow = perSecond(5);

const overrides = new Map<string, ApiLimit>();

/**
 * Tests and benchmarks only: runs an API under other limits (smaller windows keep rate tests fast). The bot's
 * client reads limits through limitOf(), so set this before it is created. The emulator keeps its own table
 * (src/sandbox): scale it with `state.rateOverrides`.
 */
export function overrideLimit(api: FeishuApiName, limit: ApiLimit | undefined): void {
  if (limit) overrides.set(api, limit);
  else overrides.delete(api);
}

export function limitOf(api: string): ApiLimit {
  return overrides.get(api) ?? (LIMITS as Record<string, ApiLimit>)[api] ?? { windows: [] };
}
