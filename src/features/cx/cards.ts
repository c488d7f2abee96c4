import { t } from '../../cards-kit/i18n.js';
import { button, buttonRow, card, hr, md, panel, statRow, type Card, type Element } from '../../cards-kit/kit.js';
import { idList, reasonPanels, SAMPLE_PER_REASON, type ReasonGroup } from '../../cards-kit/fragments.js';
import { code, m } from '../../cards-kit/markdown.js';
import type { ItemError } from '../../batch/itemError.js';

export interface CxOutcome {
  accountId: string;
  /** The chunk this account was sent in, e.g. "1" or "retry 1·2". */
  chunk: string;
  ok: boolean;
  error?: ItemError;
}

export interface CxSummary {
  type: 'LIST' | 'KEYDATA';
  enterpriseId?: string;
  itemCount: number;
  outcomes: CxOutcome[];
  retried?: number;
  buttons: { retry?: Record<string, unknown>; export: Record<string, unknown> };
}

interface ChunkView {
  label: string;
  first: number;
  last: number;
  ok: boolean;
  error?: ItemError;
  accounts: string[];
}

function chunksOf(outcomes: CxOutcome[]): ChunkView[] {
  const views = new Map<string, ChunkView>();
  outcomes.forEach((o, i) => {
    const v = views.get(o.chunk) ?? { label: o.chunk, first: i + 1, last: i + 1, ok: o.ok, error: o.error, accounts: [] };
    v.last = i + 1;
    v.accounts.push(o.accountId);
    views.set(o.chunk, v);
  });
  return [...views.values()];
}

/** The result of /cx card: per chunk success or failure (the API has no per-account result). */
export function cxResultCard(s: CxSummary): Card {
  const chunks = chunksOf(s.outcomes);
  const okAccounts = s.outcomes.filter((o) => o.ok).length;
  const failedAccounts = s.outcomes.length - okAccounts;
  const allGood = failedAccounts === 0;
  const title = allGood ? t('橙讯工作台卡片数据已设置', 'Chengxun workbench card data set') : t('橙讯工作台卡片数据部分失败', 'Chengxun workbench card data: some chunks failed');
  const scope = s.enterpriseId
    ? t(m`组织 ${code(s.enterpriseId)}`, m`organisation ${code(s.enterpriseId)}`)
    : t('账号所在的全部组织', 'every organisation of each account');
  const elements: Element[] = [
    md(t(m`类型 **${s.type}** · ${s.itemCount} 条数据 · 范围：${scope.zh_cn}`, m`Type **${s.type}** · ${s.itemCount} ${s.itemCount === 1 ? 'item' : 'items'} · shown in: ${scope.en_us}`)),
    ...(s.retried !== undefined ? [md(t(`本次重试重新提交了 ${s.retried} 个账号。`, `This retry re-sent ${s.retried} accounts.`), { text_size: 'notation' })] : []),
    statRow([
      t(m`**${okAccounts}**\n个账号成功`, m`**${okAccounts}**\naccounts set`),
      t(m`**${failedAccounts}**\n个账号失败`, m`**${failedAccounts}**\naccounts failed`),
      t(m`**${chunks.filter((c) => c.ok).length}/${chunks.length}**\n批次成功`, m`**${chunks.filter((c) => c.ok).length}/${chunks.length}**\nchunks OK`),
    ]),
    md(t('橙讯接口只返回整批结果，没有逐个账号的结果。', 'Chengxun answers per call only; it gives no per-account result.'), { text_size: 'notation' }),
  ];
  elements.push(...chunkLines(chunks));
  elements.push(hr(), buttonRow([
    ...(s.buttons.retry ? [button({ text: t('重试失败的账号', 'Retry failed'), value: s.buttons.retry, type: 'primary' })] : []),
    button({ text: t('导出 CSV', 'Export CSV'), value: s.buttons.export }),
  ]));
  return card({ title, template: allGood ? 'green' : okAccounts === 0 ? 'red' : 'orange', summary: title, elements });
}

/** Up to this many chunks of one kind (set, failed) are listed one by one; more are summed up. */
const CHUNKS_ONE_BY_ONE = 5;

/** Many chunks: one line for those set, one panel per error for those failed (accounts, first few, CSV for all). */
function chunkLines(chunks: ChunkView[]): Element[] {
  const ok = chunks.filter((c) => c.ok);
  const failed = chunks.filter((c) => !c.ok);
  const elements: Element[] = [];
  if (ok.length > CHUNKS_ONE_BY_ONE) {
    const n = ok.reduce((a, c) => a + c.accounts.length, 0);
    elements.push(md(t(`✅ ${ok.length} 个批次成功（${n} 个账号）`, `✅ ${ok.length} chunks set (${n} accounts)`)));
  }
  const byError = new Map<string, ReasonGroup & { chunks: number }>();
  if (failed.length > CHUNKS_ONE_BY_ONE) {
    for (const c of failed) {
      const err = `${c.error?.code ?? '?'}: ${c.error?.msg ?? ''}`;
      const g = byError.get(err) ?? { reason: t(m`失败 · ${err}`, m`failed · ${err}`), ids: [], hint: c.error?.hint, chunks: 0 };
      g.ids.push(...c.accounts);
      g.chunks++;
      byError.set(err, g);
    }
  }
  const groups = [...byError.values()].map((g) => ({
    ...g,
    reason: t(m`${g.chunks} 个批次${g.reason.zh_cn}`, m`in ${g.chunks} ${g.chunks === 1 ? 'chunk' : 'chunks'}, ${g.reason.en_us}`),
  }));
  elements.push(...reasonPanels(groups, () => t('个账号', 'accounts')));
  // The same advice under every chunk that failed the same way would be read once and skipped after.
  const advised = new Set<string>();
  const oneByOne = [...(ok.length > CHUNKS_ONE_BY_ONE ? [] : ok), ...(failed.length > CHUNKS_ONE_BY_ONE ? [] : failed)].sort((a, b) => a.first - b.first);
  for (const c of oneByOne) {
    const range = c.first === c.last ? `${c.first}` : `${c.first}–${c.last}`;
    const which = t(`第 ${range} 个账号`, c.first === c.last ? `account ${range}` : `accounts ${range}`);
    if (c.ok) {
      elements.push(md(t(`✅ 批次 ${c.label}（${which.zh_cn}）：成功`, `✅ Chunk ${c.label} (${which.en_us}): set`)));
    } else {
      const err = `${c.error?.code ?? '?'}: ${c.error?.msg ?? ''}`;
      const hint = c.error?.hint && !advised.has(c.error.hint.en_us) ? c.error.hint : undefined;
      if (hint) advised.add(hint.en_us);
      elements.push(panel(
        c.error?.mayHaveApplied
          ? t(m`❓ 批次 ${c.label}（${which.zh_cn}）：请求已发出但没有收到答复，可能已生效（可重试）· ${err}`, m`❓ Chunk ${c.label} (${which.en_us}): the request went out but no answer came back, so it may have been applied (can be retried) · ${err}`)
          : t(m`❌ 批次 ${c.label}（${which.zh_cn}）：失败 · ${err}`, m`❌ Chunk ${c.label} (${which.en_us}): failed · ${err}`),
        [...(hint ? [md(t(`怎么办：${hint.zh_cn}`, `What to do: ${hint.en_us}`), { text_size: 'notation' })] : []), md(idList(c.accounts, SAMPLE_PER_REASON))],
        true,
      ));
    }
  }
  return elements;
}
