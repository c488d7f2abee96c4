import { t } from './i18n.js';
import { md, type Element } from './kit.js';
import { code, literalCode, m, type Md } from './markdown.js';
import { NAME_SCOPES } from '../upstream/userNames.js';

/**
 * People by name on cards. A name is data from the contact directory: always escaped. Without it (the app
 * may not read contacts, or may not see that person) the open_id is shown instead.
 */
export const nameOrId = (openId: string, names: Readonly<Record<string, string>>): Md => {
  const name = names[openId];
  return name ? m`${name}` : code(openId);
};

/** The one line a card adds when it shows open_ids because the app lacks the contact scopes for names. */
export function namesHint(): Element {
  const base = literalCode(NAME_SCOPES.base);
  const name = literalCode(NAME_SCOPES.name);
  return md(t(
    m`显示的是 open_id：为应用开通 ${base} 和 ${name} 权限（并发布新版本）即可显示姓名。`,
    m`Showing open_ids: grant the app ${base} and ${name} (then publish a new version) to show names.`,
  ), { text_size: 'notation' });
}
