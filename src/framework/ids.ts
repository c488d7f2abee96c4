import { t, type Text } from '../cards-kit/i18n.js';

/** Vendor ids: letters, digits and a few separators; no spaces, no markup. */
const VENDOR_ID = /^[A-Za-z0-9_.@:-]{1,64}$/;

/** Words may hold several ids separated by commas (also full-width ones); duplicates are dropped. */
export function splitIds(words: string[]): string[] {
  return [...new Set(words.flatMap((w) => w.split(/[,，、]/)).map((s) => s.trim()).filter(Boolean))];
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
