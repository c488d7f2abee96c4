import type { Text } from '../cards-kit/i18n.js';

/** A problem the user can fix; shown as-is on an error card, never logged as a bug. */
export class UserError extends Error {
  constructor(
    readonly text: Text,
    readonly hint?: Text,
  ) {
    super(text.en_us);
    this.name = 'UserError';
  }
}
