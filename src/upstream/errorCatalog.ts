import type { Text } from '../i18n.js';
import { COMMON_ERRORS } from './catalog/common.js';

/** What an upstream error code means and what the admin should do about it. */
export interface ErrorHelp {
  meaning: Text;
  action: Text;
}

/** Catalogues by API-name prefix; a feature adds its own file under catalog/ and one line here. */
const BY_PREFIX: Array<[prefix: string, codes: Record<string, ErrorHelp>]> = [];

export function registerErrorHelp(prefix: string, codes: Record<string, ErrorHelp>): void {
  BY_PREFIX.push([prefix, codes]);
}

export function explainCode(api: string, code: number | string): ErrorHelp | undefined {
  const key = String(code);
  for (const [prefix, codes] of BY_PREFIX) {
    if (api.startsWith(prefix) && codes[key]) return codes[key];
  }
  return COMMON_ERRORS[key];
}
