import { errorCard, internalErrorCard, upstreamErrorCard } from '../cards-kit/common.js';
import type { Card } from '../cards-kit/kit.js';
import { t } from '../cards-kit/i18n.js';
import { explainCode } from '../upstream/errorCatalog.js';
import { isUpstreamError } from '../upstream/errors.js';
import { UserError } from './userError.js';

/** Turns anything a handler threw into the card the user sees. Unknown errors never show internals. */
export function cardForError(err: unknown, requestId: string): Card {
  if (err instanceof UserError) {
    return errorCard(t('无法完成', 'Could not do that'), [err.text, ...(err.hint ? [err.hint] : [])]);
  }
  if (isUpstreamError(err)) {
    return upstreamErrorCard(err.api, err.code, err.msg, err.logId, explainCode(err.api, err.code));
  }
  return internalErrorCard(requestId);
}

/** Whether the error is a bug (logged at error level) rather than expected user or platform trouble. */
export const isBug = (err: unknown): boolean => !(err instanceof UserError) && !isUpstreamError(err);
