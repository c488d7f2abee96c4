import type { RichText } from '../cards-kit/i18n.js';
import { toMarkdown } from '../cards-kit/markdown.js';

/** A problem the user can fix; shown on an error card (plain strings as typed), never logged as a bug. */
export class UserError extends Error {
  constructor(
    readonly text: RichText,
    readonly hint?: RichText,
  ) {
    super(toMarkdown(text.en_us));
    this.name = 'UserError';
  }
}
