import type { Text } from '../cards-kit/i18n.js';

/** Why a vendor call failed for good, as kept on a job and shown on its card. */
export interface VendorError {
  code: string;
  msg: string;
  hint?: Text;
  /** False when the vendor refused the request itself (bad activity, bad parameter): a retry cannot help. */
  retryable?: boolean;
}
