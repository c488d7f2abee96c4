import type { Text } from '../cards-kit/i18n.js';
import { ACS_ERRORS } from './catalog/acs.js';
import { CHENGXUN_ERRORS } from './catalog/chengxun.js';
import { COMMON_ERRORS } from './catalog/common.js';
import { JINGSOCIAL_ERRORS } from './catalog/jingsocial.js';
import { OKR_ERRORS } from './catalog/okr.js';
import { CHAT_MEMBERS_ERRORS, SYSTEM_STATUS_ERRORS } from './catalog/personalSettings.js';

/** What an upstream error code means and what the admin should do about it. */
export interface ErrorHelp {
  meaning: Text;
  action: Text;
}

/**
 * Catalogues by API-name prefix; a feature adds its own file under catalog/ and one line here. A static
 * table, so that how an error is explained never depends on which modules happened to be imported.
 */
const BY_PREFIX: Array<[prefix: string, codes: Record<string, ErrorHelp>]> = [
  ['personal_settings', SYSTEM_STATUS_ERRORS],
  ['im.chat.members', CHAT_MEMBERS_ERRORS],
  ['okr', OKR_ERRORS],
  ['acs', ACS_ERRORS],
  ['jingsocial', JINGSOCIAL_ERRORS],
  ['chengxun', CHENGXUN_ERRORS],
];

export function explainCode(api: string, code: number | string): ErrorHelp | undefined {
  const key = String(code);
  for (const [prefix, codes] of BY_PREFIX) {
    if (api.startsWith(prefix) && codes[key]) return codes[key];
  }
  return COMMON_ERRORS[key];
}
