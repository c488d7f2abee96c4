import { t } from '../../cards-kit/i18n.js';
import type { CardData } from './client.js';
import { runCountedJob } from '../../batch/jobRunner.js';
import { showIfWaiting } from '../../framework/queued.js';
import { CX_API } from './client.js';
import { defineCommand } from '../../framework/command.js';
import { adminOnly } from '../../framework/preconditions.js';
import { serviceOf } from '../../framework/services.js';
import { cxJobs } from './actions.js';
import { cxCardArgs, type CxCardArgs } from './args.js';
import { runCx, type CxInput } from './run.js';
import { cxConfigured } from './service.js';

export const CX_TITLE = t('橙讯：批量设置工作台卡片数据', 'Chengxun: set workbench card data');

/** LIST items carry a timestamp: the time of sending, in milliseconds (unit INFERRED). */
function cardData(args: CxCardArgs, nowMs: number): CardData {
  if (args.type === 'LIST') {
    return { type: 'LIST', items: args.items.map((i) => ({ text: i.text ?? '', jump_url: i.jump_url ?? '', action: i.action ?? '', timestamp: nowMs })) };
  }
  return { type: 'KEYDATA', items: args.items.map((i) => ({ key: i.key ?? '', data: i.value ?? '', jump_url: i.jump_url ?? '', action: i.action ?? '' })) };
}

export const cxCardCommand = defineCommand({
  name: 'cx card',
  preconditions: [adminOnly, cxConfigured],
  summary: t('批量设置橙讯工作台卡片数据（LIST / KEYDATA）', 'Set the same Chengxun workbench-card data for many accounts (LIST / KEYDATA)'),
  positionals: [
    { name: 'type', help: t('卡片类型：LIST 或 KEYDATA（IMAGE、WEBVIEW 橙讯暂不支持）', 'Card type: LIST or KEYDATA (IMAGE and WEBVIEW are not supported by Chengxun yet)') },
    { name: 'account_id', variadic: true, help: t('橙讯账号 ID，用空格、逗号、顿号或分号分隔；超过 200 个会分批发送', 'Chengxun account ids, separated by spaces, commas or semicolons; more than 200 are sent in chunks') },
  ],
  flags: [
    { name: 'all-orgs', kind: 'boolean', help: t('在账号所在的全部组织展示（与 --org 二选一）', 'Show in every organisation of each account (or use --org)') },
    { name: 'org', kind: 'value', help: t('只在这个组织展示（enterprise_id）', 'Show in this organisation only (enterprise_id)') },
    { name: 'item', kind: 'value', repeat: true, help: t('LIST："text|jump_url[|action]"，最多 3 项；KEYDATA："key|value|jump_url[|action]"，最多 4 项', 'LIST: "text|jump_url[|action]", at most 3; KEYDATA: "key|value|jump_url[|action]", at most 4') },
  ],
  args: cxCardArgs,
  usage: '/cx card <LIST|KEYDATA> (--all-orgs | --org <enterprise_id>) <account_id…> --item "…" [--item "…"]',
  examples: [
    '/cx card KEYDATA --all-orgs 1008611 1008612 --item "今日开启|47|https://example.com/runs" --item "失败|3|https://example.com/runs#failed"',
    '/cx card LIST --org 20001 1008611 --item "出差状态已开启|https://example.com/me"',
  ],
  async run(ctx, args) {
    const { services } = ctx;
    const client = serviceOf(services, 'chengxun');
    const now = services.clock.now();
    const input: CxInput = { enterpriseId: args.enterpriseId, card: cardData(args, now), accounts: args.accounts };
    await showIfWaiting(ctx, CX_API.sameData, client.expectedWaitMs());
    await runCountedJob(ctx, {
      idPrefix: 'cx',
      kind: 'cx.card',
      title: CX_TITLE,
      input,
      total: args.accounts.length,
      run: (onProgress, checkpoint) => runCx(client, input, args.accounts, (i) => String(i + 1), onProgress, checkpoint),
      resultCard: cxJobs.resultCard,
    });
  },
});
