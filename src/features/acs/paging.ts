import { acsListChangedCard, acsPageCard, withButtons } from './cards.js';
import type { Card } from '../../cards-kit/kit.js';
import type { ButtonValue } from '../../framework/buttons.js';
import type { Services } from '../../framework/context.js';
import { cardForError } from '../../framework/errorCards.js';
import { t } from '../../cards-kit/i18n.js';
import { ACS_PAGE_TOKEN_INVALID } from '../../upstream/catalog/acsCodes.js';
import { isUpstreamError } from '../../upstream/errors.js';
import { isAcsCode, listAcsPage } from './api.js';
import { freshSession, loadSession, recordPage, saveSession, tokenFor, type AcsListSession } from './listSession.js';

/** A signed button value for page `page` of list `listId`: the id, the page and the page size, nothing else. */
export type PageButton = (listId: string, page: number, pageSize: number) => ButtonValue;

/**
 * Fetches page `page` of a list session with the token remembered for it, records the next page's token,
 * and renders the card. A refused or forgotten token gives the "list changed, start again" card; any
 * other upstream error is shown with a Try again button.
 */
export async function pageCard(services: Services, session: AcsListSession, page: number, requestId: string, pageButton: PageButton): Promise<Card> {
  const startAgain = pageButton(session.id, 1, session.pageSize);
  const token = page === 1 ? null : tokenFor(session, page);
  if (token === undefined) return acsListChangedCard(startAgain);
  try {
    const result = await listAcsPage(services.feishu, session.pageSize, token ?? undefined);
    await saveSession(services.store, recordPage(session, page, result.nextToken));
    return acsPageCard({
      page,
      pageSize: session.pageSize,
      users: result.users,
      ...(page > 1 ? { prev: pageButton(session.id, page - 1, session.pageSize) } : {}),
      ...(result.nextToken ? { next: pageButton(session.id, page + 1, session.pageSize) } : {}),
    });
  } catch (err) {
    if (isAcsCode(err, ACS_PAGE_TOKEN_INVALID)) {
      await saveSession(services.store, freshSession(session.id, session.pageSize));
      return acsListChangedCard(startAgain);
    }
    if (!isUpstreamError(err)) throw err;
    services.log.warn({ err: String(err), requestId }, 'acs page failed');
    return withButtons(cardForError(err, requestId), [
      { text: t('重试', 'Try again'), value: pageButton(session.id, page, session.pageSize) },
      ...(page > 1 ? [{ text: t('回到第一页', 'First page'), value: startAgain }] : []),
    ]);
  }
}

/** The session a page button refers to; a forgotten one (store restart) is started afresh. */
export async function sessionFor(services: Services, listId: string, pageSize: number): Promise<AcsListSession> {
  return (await loadSession(services.store, listId)) ?? freshSession(listId, pageSize);
}
