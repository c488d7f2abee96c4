/** The console's own words in both languages; the card language switch picks them too. */
const WORDS = {
  title: ['Ops Bot · 沙箱控制台', 'Ops Bot · sandbox console'],
  actingAs: ['当前身份', 'Acting as'],
  language: ['卡片语言', 'Card language'],
  chats: ['会话', 'Chats'],
  p2p: ['与 Ops Bot 的单聊', 'Direct chat with Ops Bot'],
  events: ['事件', 'Events'],
  botAdded: ['把机器人拉进群', 'Add the bot to the group'],
  p2pEntered: ['打开单聊', 'Open the direct chat'],
  menu: ['点菜单项', 'Menu item'],
  faults: ['故障开关', 'Faults'],
  latency: ['延迟 ms', 'Latency ms'],
  hangUp: ['断开', 'hang up'],
  clearFaults: ['清除故障', 'Clear faults'],
  anyApi: ['下一个任意接口', 'the next call of any API'],
  send: ['发送', 'Send'],
  calls: ['上游调用', 'Upstream calls'],
  api: ['接口', 'API'],
  status: ['状态', 'status'],
  attempt: ['第几次', 'try'],
  files: ['机器人发出的文件', 'Files the bot sent'],
  noFiles: ['暂无', 'none yet'],
  cancel: ['取消', 'Cancel'],
  ok: ['确定', 'OK'],
  placeholderP2p: ['输入命令,如 /help;@ 选人;回车发送', 'Type a command, e.g. /help; @ to mention; Enter sends'],
  placeholderGroup: ['群里先 @Ops Bot,再输入命令;回车发送', 'In the group, @Ops Bot first, then the command; Enter sends'],
  refused: ['平台拒绝了这张卡片', 'The platform refused this card'],
  pending: ['故障待触发', 'fault(s) pending'],
  dropped: ['断开', 'dropped'],
  admin: ['管理员', 'admin'],
  member: ['成员', 'member'],
  external: ['外部租户', 'other tenant'],
  you: ['我', 'me'],
  sendFailed: ['未送达', 'not delivered'],
  tools: ['工具', 'Tools'],
  preview: ['卡片预览(粘贴卡片 JSON)', 'Card preview (paste a card JSON)'],
  eventsBy: ['事件送达方式:', 'events by'],
  longConnection: ['长连接 (ws)', 'the long connection (ws)'],
};

export function ui(key, locale) {
  const w = WORDS[key];
  if (!w) return key;
  return locale === 'zh_cn' ? w[0] : w[1];
}

/** Sets every `[data-ui]` element's text in `locale`. */
export function translatePage(doc, locale) {
  for (const el of doc.querySelectorAll('[data-ui]')) el.textContent = ui(el.dataset.ui, locale);
  doc.documentElement.lang = locale === 'zh_cn' ? 'zh' : 'en';
}
