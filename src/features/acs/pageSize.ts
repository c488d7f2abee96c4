import { z } from 'zod';
import { zmsg } from '../../framework/command.js';

/** The documented maximum of `GET /acs/v1/users` page_size (feishu-apis.md §7.1). */
export const MAX_PAGE_SIZE = 50;
export const DEFAULT_PAGE_SIZE = 20;

const PROBLEM = zmsg(
  `必须是 1 到 ${MAX_PAGE_SIZE} 之间的整数，例如 --page-size ${MAX_PAGE_SIZE}`,
  `must be a whole number from 1 to ${MAX_PAGE_SIZE}, e.g. --page-size ${MAX_PAGE_SIZE}`,
);

/** `--page-size`: digits only (so "2.5", "1e1" and "abc" are refused), 1–50. */
export const pageSizeArg = z
  .string()
  .regex(/^\d+$/, PROBLEM)
  .transform(Number)
  .pipe(z.number().int().min(1, PROBLEM).max(MAX_PAGE_SIZE, PROBLEM))
  .optional();
