import { distance } from 'fastest-levenshtein';
import type { CommandDef } from '../../framework/command.js';

/**
 * The one command whose name or alias is closest to what was typed, however far: `/help foo` still gets a
 * pointer. Compared with as many words as the name has, so `/help stat opn` finds `status open`.
 */
export function nearestCommand(all: readonly CommandDef[], words: string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const def of all) {
    for (const name of [def.name, ...(def.aliases ?? [])]) {
      const typed = words.slice(0, name.split(' ').length).join(' ').toLowerCase();
      const d = distance(typed, name.toLowerCase());
      if (!best || d < best.d) best = { name: def.name, d };
    }
  }
  return best?.name;
}
