import { limitOf } from '../upstream/limits.js';

/** The chunk size limits.ts gives an API; a missing row is a programming error, not a silent default. */
export function chunkSizeOf(api: string): number {
  const size = limitOf(api).chunkSize;
  if (!size) throw new Error(`limits.ts has no chunkSize for ${api}`);
  return size;
}
