import { t, type Text } from '../../cards-kit/i18n.js';
import { button, buttonRow, card, hr, md, person, statRow, table, type Card, type Element } from '../../cards-kit/kit.js';
import { code, linesMd, m } from '../../cards-kit/markdown.js';
import { dot, MARKERS, progressBars, toneColour } from '../../cards-kit/charts.js';
import { namesHint } from '../../cards-kit/names.js';

/** The user data the ACS cards show (mirrors src/commands/acs/api.ts AcsUser). */
export interface AcsUserView {
  openId: string;
  card?: number;
  faceUploaded: boolean;
}

type Value = Record<string, unknown>;

const SCOPE_NOTE = t(
  '只列出已加入门禁权限组的用户。',
  'Only users who are in an access-control permission group are listed.',
);

const faceCell = (uploaded: boolean) =>
  uploaded ? [{ text: t('已上传', 'Uploaded'), color: 'green' }] : [{ text: t('未上传', 'Not uploaded'), color: 'grey' }];

const cardCell = (n: number | undefined) => (n === undefined ? '—' : String(n));

export const faceText = (uploaded: boolean): Text => (uploaded ? t('已上传', 'yes') : t('未上传', 'no'));

export interface AcsPageView {
  page: number;
  pageSize: number;
  users: AcsUserView[];
  prev?: Value;
  next?: Value;
}

/** One server-side page: persons, card numbers and face state, with Previous / Next that update this card. */
export function acsPageCard(v: AcsPageView): Card {
  const first = (v.page - 1) * v.pageSize + 1;
  const last = first + v.users.length - 1;
  const subtitle = t(`第 ${v.page} 页 · 每页 ${v.pageSize} 人`, `Page ${v.page} · ${v.pageSize} per page`);
  if (v.users.length === 0) {
    const lines = v.page === 1
      ? [t('门禁中没有用户。', 'There are no access-control users.'), SCOPE_NOTE, t('请先在飞书门禁管理后台把用户加入权限组。', 'Add users to a permission group in the Feishu access-control admin first.')]
      : [t('这一页没有用户。', 'This page has no users.'), SCOPE_NOTE];
    return card({
      title: t('门禁用户', 'Access-control users'), subtitle, template: 'grey', summary: t('门禁用户：无', 'Access-control users: none'),
      elements: [...lines.map((l) => md(l)), ...navRow(v)],
    });
  }
  return card({
    title: t('门禁用户', 'Access-control users'),
    subtitle,
    template: 'indigo',
    summary: t(`门禁用户 第 ${v.page} 页`, `Access-control users, page ${v.page}`),
    elements: [
      md(t(`第 ${first}–${last} 位用户`, `Users ${first}–${last}`), { text_size: 'notation' }),
      table(
        [
          { name: 'user', display: t('用户', 'User'), type: 'persons' },
          { name: 'card', display: t('卡号', 'Card number'), type: 'text' },
          { name: 'face', display: t('人脸', 'Face'), type: 'options' },
        ],
        v.users.map((u) => ({ user: u.openId, card: cardCell(u.card), face: faceCell(u.faceUploaded) })),
      ),
      md(SCOPE_NOTE, { text_size: 'notation' }),
      ...navRow(v),
    ],
  });
}

function navRow(v: AcsPageView): Element[] {
  const buttons = [
    ...(v.prev ? [button({ text: t('上一页', 'Previous'), value: v.prev })] : []),
    ...(v.next ? [button({ text: t('下一页', 'Next'), value: v.next, type: 'primary' })] : []),
  ];
  return buttons.length ? [buttonRow(buttons)] : [];
}

/** The page token was refused (1490018) or is no longer known: the list changed under us. */
export function acsListChangedCard(startAgain: Value): Card {
  return card({
    title: t('门禁用户列表已变化', 'The access-control user list changed'),
    template: 'orange',
    summary: t('门禁用户列表已变化', 'The access-control user list changed'),
    elements: [
      md(t(
        '翻页期间门禁用户列表发生了变化（或分页标记已过期），无法继续翻页。',
        'The access-control user list changed while paging (or the page token expired), so paging cannot continue.',
      )),
      md(t('请从第一页重新开始。', 'Please start again from the first page.')),
      buttonRow([button({ text: t('重新开始', 'Start again'), value: startAgain, type: 'primary' })]),
    ],
  });
}

export function acsProgressCard(usersSoFar: number, pages: number): Card {
  return card({
    title: t('正在读取全部门禁用户…', 'Reading every access-control user…'),
    template: 'wathet',
    summary: t('正在读取门禁用户', 'Reading access-control users'),
    elements: [md(t(`已读取 ${pages} 页，共 ${usersSoFar} 位用户`, `${pages} ${pages === 1 ? 'page' : 'pages'} read, ${usersSoFar} ${usersSoFar === 1 ? 'user' : 'users'} so far`))],
  });
}

export interface AcsSummary {
  total: number;
  withCard: number;
  withFace: number;
}

export function summarise(users: AcsUserView[]): AcsSummary {
  return { total: users.length, withCard: users.filter((u) => u.card !== undefined).length, withFace: users.filter((u) => u.faceUploaded).length };
}

/** "80.0%"; a share of nothing is shown as a dash rather than a made-up 0 %. */
export const percent = (part: number, total: number): string => (total === 0 ? '—' : `${((part / total) * 100).toFixed(1)}%`);

/** ① with a card number, ② with a face uploaded: shares of all users as bars, the words in the legend. */
function summaryChart(s: AcsSummary): Element | undefined {
  if (s.total === 0) return undefined;
  const rows = [
    { n: s.withCard, zh: '有卡号', en: 'with a card number', zhNo: '无卡号', enNo: 'without' },
    { n: s.withFace, zh: '已上传人脸', en: 'with a face uploaded', zhNo: '未上传', enNo: 'without' },
  ];
  const head = (i: number) => m`${dot(toneColour('good'))} ${MARKERS[i] as string}`;
  return progressBars(
    rows.map((r, i) => ({ key: MARKERS[i] as string, share: r.n / s.total, tone: 'good' as const })),
    t(
      linesMd(rows.map((r, i) => m`${head(i)} ${r.zh} **${r.n}**（${percent(r.n, s.total)}）· ${r.zhNo} ${s.total - r.n}`)),
      linesMd(rows.map((r, i) => m`${head(i)} ${r.en}: **${r.n}** (${percent(r.n, s.total)}) · ${r.enNo}: ${s.total - r.n}`)),
    ),
  );
}

/** `namesUnavailable`: the CSV's name column is empty for want of the contact scopes, and the card says how. */
export function acsSummaryCard(s: AcsSummary, exportCsv?: Value, namesUnavailable = false): Card {
  const chart = summaryChart(s);
  const stats = [
    t(m`**${s.total}**\n用户总数`, m`**${s.total}**\ntotal users`),
    t(m`**${s.withCard}** (${percent(s.withCard, s.total)})\n有卡号`, m`**${s.withCard}** (${percent(s.withCard, s.total)})\nwith a card number`),
    t(m`**${s.withFace}** (${percent(s.withFace, s.total)})\n已上传人脸`, m`**${s.withFace}** (${percent(s.withFace, s.total)})\nwith a face uploaded`),
  ];
  return card({
    title: t('门禁用户汇总', 'Access-control users: summary'),
    template: s.total === 0 ? 'grey' : 'green',
    summary: t(`门禁用户 ${s.total} 人`, `${s.total} access-control users`),
    elements: [
      statRow(stats),
      ...(chart ? [chart] : []),
      ...(s.total === 0 ? [md(t('门禁中没有用户。', 'There are no access-control users.'))] : []),
      md(SCOPE_NOTE, { text_size: 'notation' }),
      ...(namesUnavailable ? [namesHint()] : []),
      ...(exportCsv ? [hr(), buttonRow([button({ text: t('导出 CSV', 'Export CSV'), value: exportCsv })])] : []),
    ],
  });
}

/**
 * One user's card. The person tag shows the user's name in Feishu, so the @mention's name is not written
 * after it a second time; it goes into the summary (the chat list's preview, where the tag is not rendered).
 */
export function acsUserCard(u: AcsUserView, name?: string): Card {
  return card({
    title: t('门禁用户', 'Access-control user'),
    template: 'indigo',
    summary: name ? t(`门禁用户：${name}`, `Access-control user: ${name}`) : t('门禁用户详情', 'Access-control user details'),
    elements: [
      md(t(m`${person(u.openId)}`, m`${person(u.openId)}`)),
      md(t(m`open_id：${code(u.openId)}`, m`open_id: ${code(u.openId)}`), { text_size: 'notation' }),
      md(t(m`**卡号**：${cardCell(u.card)}`, m`**Card number**: ${cardCell(u.card)}`)),
      md(t(m`**人脸**：${faceText(u.faceUploaded).zh_cn}`, m`**Face uploaded**: ${faceText(u.faceUploaded).en_us}`)),
    ],
  });
}

export function acsUserNotFoundCard(openId: string, name?: string): Card {
  const title = t('门禁中没有这个用户', 'Not an access-control user');
  return card({
    title,
    template: 'orange',
    summary: name ? t(`门禁中没有这个用户：${name}`, `Not an access-control user: ${name}`) : title,
    elements: [
      md(t(m`门禁中找不到 ${person(openId)}。`, m`${person(openId)} was not found in access control.`)),
      md(t(
        '只有加入门禁权限组的用户可见；请在飞书门禁管理后台把该用户加入权限组。',
        'Only users in an access-control permission group are visible; add the user to a permission group in the Feishu access-control admin.',
      )),
    ],
  });
}

/** An error card with a way forward (Try again), so a failed page does not strand the list. */
export function withButtons(base: Card, buttons: Array<{ text: Text; value: Value }>): Card {
  return { ...base, body: { elements: [...base.body.elements, buttonRow(buttons.map((b) => button(b)))] } };
}
