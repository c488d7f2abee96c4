import { t, type Text } from '../cards-kit/i18n.js';

/** Vendor ids: letters, digits and a few separators; no spaces, no markup. */
const VENDOR_ID = /^[A-Za-z0-9_.@:-]{1,64}$/;

/** What may stand between ids besides spaces: commas, the enumeration comma and semicolons, ASCII and full-width. */
export const ID_SEPARATORS = /[,，、;；]/;

/** Words may hold several ids separated by commas, 、 or semicolons (also full-width ones); duplicates are dropped. */
export function splitIds(words: string[]): string[] {
  return [...new Set(words.flatMap((w) => w.split(ID_SEPARATORS)).map((s) => s.trim()).filter(Boolean))];
}

/** Why an id cannot be one of the vendor's, or undefined when it can. */
export function idProblem(raw: string, what: Text): Text | undefined {
  const id = `“${raw.slice(0, 40)}”`;
  if (/^ou_/.test(raw)) {
    return t(
      `${id} 是飞书用户（open_id），不是${what.zh_cn}；飞书用户与它的对应关系未知，请直接给出${what.zh_cn}`,
      `${id} is a Feishu user (open_id), not a ${what.en_us}; there is no known mapping, so give the ${what.en_us} itself`,
    );
  }
  if (!VENDOR_ID.test(raw)) {
    return t(
      `${id} 不是有效的${what.zh_cn}（只允许字母、数字和 _ . @ : -，最长 64 个字符）`,
      `${id} is not a valid ${what.en_us} (letters, digits and _ . @ : - only, at most 64 characters)`,
    );
  }
  return undefined;
}

/** A word typed as `@Ann`: a name in plain text, not a mention (only one picked from Feishu's list carries the person). */
export const isPlainMention = (word: string): boolean => /^[@＠]/.test(word);

export const PLAIN_MENTION = t(
  '只是文字，不是真正的 @：请输入 @ 后从弹出的成员列表里选人（名字会变成蓝色），或填写 open_id（ou_ 开头）',
  'is plain text, not a real mention: type @ and pick the person from the list that opens (the name turns blue), or give their open_id (ou_…)',
);
