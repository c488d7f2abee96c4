import type { Services } from '../../framework/services.js';
import type { StatusInput } from './job.js';

/**
 * Adds to a job's names those of `ids` it does not know yet (mentions and chat members come with theirs),
 * and notes whether the app may not read names. Never throws: without names, the cards show open_ids.
 */
export async function addNames(services: Services, input: StatusInput, ids: readonly string[]): Promise<void> {
  const missing = ids.filter((id) => !input.names[id]);
  if (missing.length === 0) return;
  const { names, noPermission } = await services.names.lookup(missing);
  Object.assign(input.names, names);
  if (noPermission) input.namesUnavailable = true;
  else delete input.namesUnavailable;
}
