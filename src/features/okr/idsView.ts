import type { Card } from '../../cards-kit/kit.js';
import { okrNothingCard } from './cards/notices.js';
import { okrSummaryCard, type OkrSection } from './cards/summary.js';
import type { Services } from '../../framework/context.js';
import { t, type RichText, type Text } from '../../cards-kit/i18n.js';
import { m } from '../../cards-kit/markdown.js';
import { explainCode } from '../../upstream/errorCatalog.js';
import { isUpstreamError } from '../../upstream/errors.js';
import type { ButtonValue } from '../../framework/buttons.js';
import type { OkrViewer } from './access.js';
import { batchGetOkrs, listUserOkrs, type BatchItem } from './client.js';
import type { OkrLang } from './types.js';

/** What a Refresh of `/okr <id…>` needs: the ids, and whose rights the card was made with. */
export interface OkrIdsQuery {
  ids: string[];
  lang: OkrLang;
  viewer: OkrViewer;
}

const OKR_NOT_FOUND = 1001004;
const queryKey = (ref: string) => `okr:ids:${ref}`;

export async function saveIdsQuery(services: Services, ref: string, q: OkrIdsQuery): Promise<void> {
  await services.store.set('session', queryKey(ref), q);
}

export const loadIdsQuery = (services: Services, ref: string): Promise<OkrIdsQuery | undefined> => services.store.get<OkrIdsQuery>('session', queryKey(ref));

const shortList = (ids: string[]) => ids.slice(0, 5).join(', ') + (ids.length > 5 ? ` …(+${ids.length - 5})` : '');

/** Members: only the OKRs they own. batch_get does not say who owns an OKR, so ownership comes from their own list. */
async function ownItems(services: Services, viewer: OkrViewer, ids: string[], lang: OkrLang): Promise<{ items: BatchItem[]; withheld: number }> {
  const own = new Map((await listUserOkrs(services.feishu, viewer.openId, lang)).map((o) => [o.id, o]));
  const mine = ids.filter((id) => own.has(id));
  return { items: mine.map((id) => ({ id, okr: own.get(id) })), withheld: ids.length - mine.length };
}

function failureNote(failed: BatchItem[]): Text {
  const err = failed[0]?.error;
  const code = isUpstreamError(err) ? String(err.code) : '?';
  const help = isUpstreamError(err) ? explainCode(err.api, err.code) : undefined;
  const ids = shortList(failed.map((f) => f.id));
  return t(
    `⚠️ ${failed.length} 个 ID 读取失败（错误码 ${code}）：${ids}${help ? `。${help.action.zh_cn}` : '。请稍后点击刷新重试'}`,
    `⚠️ ${failed.length} ${failed.length === 1 ? 'id' : 'ids'} could not be read (code ${code}): ${ids}${help ? `. ${help.action.en_us}` : '. Click Refresh later to try again'}`,
  );
}

/**
 * A member's ids that are not among their own OKRs. The same words whether the OKR is someone else's or
 * exists nowhere: true in both cases, and no way to learn which ids exist.
 */
function notAmongYours(n: number, asked: number): Text {
  return asked === 1
    ? t('🔒 你的 OKR 中没有这个 ID（成员只能查看自己的 OKR）。', '🔒 None of your OKRs has this id (members see only their own OKRs).')
    : t(`🔒 你的 OKR 中没有其中 ${n} 个 ID（成员只能查看自己的 OKR）。`, `🔒 None of your OKRs has ${n} of these ids (members see only their own OKRs).`);
}

/** `/okr <okr_id…>` and its Refresh button (whose value `refresh` is). */
export async function idsOkrCard(services: Services, q: OkrIdsQuery, refresh: ButtonValue): Promise<Card> {
  const { items, withheld } = q.viewer.isAdmin
    ? { items: await batchGetOkrs(services.feishu, q.ids, q.lang), withheld: 0 }
    : await ownItems(services, q.viewer, q.ids, q.lang);
  const failed = items.filter((i) => i.error !== undefined);
  if (failed.length > 0 && failed.length === items.length) throw failed[0]?.error;
  const found = items.filter((i) => i.okr && i.okr.permission !== 0);
  const noAccess = items.filter((i) => i.okr && i.okr.permission === 0).map((i) => i.id);
  const missing = items.filter((i) => !i.okr && i.error === undefined).map((i) => i.id);
  const notes: RichText[] = [];
  if (withheld > 0) notes.push(notAmongYours(withheld, q.ids.length));
  if (missing.length > 0) {
    const what = explainCode('okr.okr.batch_get', OKR_NOT_FOUND)?.action ?? t('', '');
    notes.push(t(`找不到 ${missing.length} 个 ID 对应的 OKR：${shortList(missing)}。${what.zh_cn}`, `${missing.length} ${missing.length === 1 ? 'id matches' : 'ids match'} no OKR: ${shortList(missing)}. ${what.en_us}`));
  }
  if (noAccess.length > 0) notes.push(t(`无权查看 ${noAccess.length} 个 OKR：${shortList(noAccess)}`, `No access to ${noAccess.length} OKRs: ${shortList(noAccess)}`));
  if (failed.length > 0) notes.push(failureNote(failed));
  if (found.length === 0) {
    const hint = t(m`检查 ID 是否完整，或发送 \`/okr\` 查看自己的 OKR。`, m`Check the ids were copied in full, or send \`/okr\` for your own.`);
    // The missing-id note already gives the catalogue's advice (copied in full, or /okr): not twice.
    return okrNothingCard(missing.length > 0 ? notes : [...notes, hint]);
  }
  const sections: OkrSection[] = found.map((i) => ({ okr: i.okr as NonNullable<BatchItem['okr']>, owner: q.viewer.isAdmin ? undefined : q.viewer.openId }));
  const owners = q.viewer.isAdmin ? undefined : await services.names.lookup([q.viewer.openId]);
  return okrSummaryCard({
    sections,
    tz: services.config.BOT_TIMEZONE,
    notes,
    refresh,
    owners,
  });
}
