import { t, type Text } from '../../cards-kit/i18n.js';

/**
 * UNCONFIRMED (third-party-apis.md §A.3): the seed shows the values "0"/"1" for sign-in and "1"/"2" for
 * approval but never says what they mean. These meanings are inferred; every label and every check of
 * the allowed values (arguments, help, result card, emulator) reads them from here.
 */
export const JING_SIGNIN_STATUS: Record<string, Text> = {
  '0': t('未签到', 'not signed in'),
  '1': t('已签到', 'signed in'),
};
export const JING_APPROVE_STATUS: Record<string, Text> = {
  '0': t('待审核', 'pending'),
  '1': t('已通过', 'approved'),
  '2': t('已拒绝', 'rejected'),
};

/** "0 (not signed in) or 1 (signed in)": the allowed values with their meanings, for messages and help. */
export function statusChoices(values: Record<string, Text>): Text {
  const list = (lang: keyof Text, sep: string, or: string, open: string, close: string) => {
    const parts = Object.entries(values).map(([v, label]) => `${v}${open}${label[lang]}${close}`);
    return parts.length > 1 ? `${parts.slice(0, -1).join(sep)}${or}${parts.at(-1) ?? ''}` : (parts[0] ?? '');
  };
  return t(list('zh_cn', '、', '或 ', '（', '）'), list('en_us', ', ', ' or ', ' (', ')'));
}
