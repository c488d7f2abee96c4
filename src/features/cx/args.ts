import { z } from 'zod';
import { t } from '../../cards-kit/i18n.js';
import { idProblem, splitIds } from '../../framework/ids.js';
import { zmsg } from '../../framework/command.js';

/** Documented limits of batch-set-same-data (third-party-apis.md §B.3). */
export const CX_LIMITS = {
  LIST: { items: 3, fields: [['text', 100], ['jump_url', 300], ['action', 300]] },
  KEYDATA: { items: 4, fields: [['key', 20], ['value', 20], ['jump_url', 300], ['action', 300]] },
} as const;
export const CX_ITEM_FORMAT = { LIST: 'text|jump_url[|action]', KEYDATA: 'key|value|jump_url[|action]' } as const;
export const MAX_CX_ACCOUNTS = 10_000;

export type CxType = keyof typeof CX_LIMITS;
/** One parsed --item: the fields in order (action defaults to empty). */
export type CxItem = Record<string, string>;

const raw = z.object({
  type: z.string().optional(),
  account_id: z.array(z.string()).default([]),
  'all-orgs': z.boolean().optional(),
  org: z.string().optional(),
  item: z.array(z.string()).default([]),
});

type Issue = (path: string, zh: string, en: string) => void;
/** A typed value quoted in a message (plain text: the card escapes it). */
const q = (s: string) => `“${s.slice(0, 60)}”`;

function checkItem(type: CxType, rawItem: string, n: number, issue: Issue): void {
  const parts = rawItem.split('|').map((p) => p.trim());
  const names = CX_LIMITS[type].fields.map(([f]) => f);
  const required = names.length - 1; // action is optional
  if (parts.length < required || parts.length > names.length) {
    issue('item', `第 ${n} 项必须是 "${CX_ITEM_FORMAT[type]}"（${required} 或 ${names.length} 段，用 | 分隔），现在是 ${parts.length} 段`, `#${n} must be "${CX_ITEM_FORMAT[type]}" (${required} or ${names.length} parts separated by |); it has ${parts.length}`);
    return;
  }
  CX_LIMITS[type].fields.forEach(([field, max], i) => {
    const value = parts[i] ?? '';
    if (!value && field !== 'action') issue('item', `第 ${n} 项的 ${field} 为空`, `#${n}: ${field} is empty`);
    else if (value.length > max) issue('item', `第 ${n} 项的 ${field} 有 ${value.length} 个字符，上限是 ${max}`, `#${n}: ${field} is ${value.length} characters; the limit is ${max}`);
    else if (field === 'jump_url' && !/^https?:\/\/[^\s/?#]+/i.test(value)) {
      issue('item', `第 ${n} 项的 jump_url 必须以 http:// 或 https:// 开头，收到 ${q(value)}`, `#${n}: jump_url must be an http:// or https:// URL; got ${q(value)}`);
    }
  });
}

export const cxCardArgs = raw
  .superRefine((a, ctx) => {
    const issue: Issue = (path, zh, en) => ctx.addIssue({ code: 'custom', path: [path], message: zmsg(zh, en) });
    const type = a.type?.toUpperCase();
    if (!type) issue('type', '缺少卡片类型：LIST 或 KEYDATA', 'is missing: LIST or KEYDATA');
    else if (type === 'IMAGE' || type === 'WEBVIEW') issue('type', `${type} 类型橙讯暂不支持，只能用 LIST 或 KEYDATA`, `${type} is not supported by Chengxun yet; use LIST or KEYDATA`);
    else if (!(type in CX_LIMITS)) issue('type', `必须是 LIST 或 KEYDATA，收到 ${q(a.type ?? '')}`, `must be LIST or KEYDATA; got ${q(a.type ?? '')}`);
    if (a['all-orgs'] && a.org !== undefined) issue('org', '和 --all-orgs 不能同时使用：二选一', 'and --all-orgs cannot be used together: choose one');
    else if (!a['all-orgs'] && a.org === undefined) issue('org', '或 --all-orgs 必须给出一个：指定组织 ID，或在账号的全部组织展示', 'or --all-orgs is required: name the organisation (enterprise_id), or show in every organisation');
    else if (a.org !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(a.org)) issue('org', `${q(a.org)} 不是有效的组织 ID（enterprise_id）`, `${q(a.org)} is not a valid organisation id (enterprise_id)`);
    const ids = splitIds(a.account_id);
    if (ids.length === 0) issue('account_id', '至少需要一个橙讯账号 ID（account_id）', 'needs at least one Chengxun account_id');
    if (ids.length > MAX_CX_ACCOUNTS) issue('account_id', `最多 ${MAX_CX_ACCOUNTS} 个账号，现在有 ${ids.length} 个`, `takes at most ${MAX_CX_ACCOUNTS} accounts; got ${ids.length}`);
    const bad = ids.map((id) => idProblem(id, t('橙讯账号 ID（account_id）', 'Chengxun account_id'))).find(Boolean);
    if (bad) issue('account_id', bad.zh_cn, bad.en_us);
    if (!type || !(type in CX_LIMITS)) return;
    const ct = type as CxType;
    if (a.item.length === 0) issue('item', `至少需要一项：--item "${CX_ITEM_FORMAT[ct]}"`, `is required at least once: --item "${CX_ITEM_FORMAT[ct]}"`);
    if (a.item.length > CX_LIMITS[ct].items) issue('item', `${ct} 最多 ${CX_LIMITS[ct].items} 项，现在有 ${a.item.length} 项`, `${ct} takes at most ${CX_LIMITS[ct].items} items; got ${a.item.length}`);
    a.item.forEach((it, i) => checkItem(ct, it, i + 1, issue));
  })
  .transform((a) => {
    const type = (a.type as string).toUpperCase() as CxType;
    const names = CX_LIMITS[type].fields.map(([f]) => f);
    const items: CxItem[] = a.item.map((it) => {
      const parts = it.split('|').map((p) => p.trim());
      return Object.fromEntries(names.map((f, i) => [f, parts[i] ?? '']));
    });
    return { type, enterpriseId: a.org, accounts: splitIds(a.account_id), items };
  });

export type CxCardArgs = z.output<typeof cxCardArgs>;
