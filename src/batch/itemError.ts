import type { Text } from '../cards-kit/i18n.js';
import { explainCode } from '../upstream/errorCatalog.js';
import { isUpstreamError } from '../upstream/errors.js';

/** Why a call failed for good for an item of a batch, as kept on the job and shown on its card. */
export interface ItemError {
  code: string;
  msg: string;
  hint?: Text;
  /** False when the platform refused the request itself (bad activity, bad parameter): a retry cannot help. */
  retryable?: boolean;
  /** The answer was lost after the request went out (reset, timeout): it may have been applied. */
  mayHaveApplied?: boolean;
}

/** The CSV's result for an item whose call's answer was lost: neither done nor failed for sure. */
export const MAY_HAVE_APPLIED = 'unknown_may_have_applied';

/** What a failed call leaves on each of its items. */
export function itemErrorOf(err: unknown): ItemError {
  if (isUpstreamError(err)) {
    const help = explainCode(err.api, err.code);
    return { code: String(err.code), msg: err.msg, ...(help ? { hint: help.action } : {}), retryable: err.transient, ...(err.ambiguous ? { mayHaveApplied: true } : {}) };
  }
  return { code: 'ERROR', msg: err instanceof Error ? err.message : String(err), retryable: true };
}
