import { distance } from 'fastest-levenshtein';
import type { CommandDef } from './command.js';

export interface Match {
  def: CommandDef;
  /** The words after the command name. */
  rest: string[];
  /** The words that named the command, as typed. */
  invokedAs: string;
}

/** All declared commands, looked up by their (possibly multi-word) names and aliases. */
export class CommandRegistry {
  private readonly byName = new Map<string, CommandDef>();
  readonly all: CommandDef[] = [];

  private readonly byMenuKey = new Map<string, CommandDef>();

  add(def: CommandDef): this {
    if (def.menuKey !== undefined) {
      if (this.byMenuKey.has(def.menuKey)) throw new Error(`menu key ${def.menuKey} is declared twice`);
      this.byMenuKey.set(def.menuKey, def);
    }
    for (const name of [def.name, ...(def.aliases ?? [])]) {
      const key = name.toLowerCase();
      if (this.byName.has(key)) throw new Error(`command name ${name} is declared twice`);
      this.byName.set(key, def);
    }
    this.all.push(def);
    return this;
  }

  /** The command a bot-menu key names, if any. */
  byMenu(key: string): CommandDef | undefined {
    return this.byMenuKey.get(key);
  }

  /** Every declared menu key with its command name, for the README-like listing on an unknown key. */
  menuKeys(): Array<[string, string]> {
    return [...this.byMenuKey].map(([key, def]) => [key, def.name]);
  }

  /** Longest name match first, so `status open` wins over a hypothetical `status`. */
  find(words: string[]): Match | undefined {
    for (let n = Math.min(3, words.length); n >= 1; n--) {
      const invokedAs = words.slice(0, n).join(' ').toLowerCase();
      const def = this.byName.get(invokedAs);
      if (def) return { def, rest: words.slice(n), invokedAs };
    }
    return undefined;
  }

  /** Close names for a mistyped command: edit distance, then commands sharing the first word. */
  suggest(words: string[], max = 3): string[] {
    const typed2 = words.slice(0, 2).join(' ').toLowerCase();
    const typed1 = (words[0] ?? '').toLowerCase();
    const scored = [...this.byName.keys()].map((name) => {
      const typed = name.includes(' ') ? typed2 : typed1;
      return { name: this.byName.get(name)!.name, d: distance(typed, name) / Math.max(name.length, 1), sharesFirst: name.split(' ')[0] === typed1 };
    });
    const close = scored.filter((s) => s.sharesFirst || s.d <= 0.5).sort((a, b) => Number(b.sharesFirst) - Number(a.sharesFirst) || a.d - b.d);
    return [...new Set(close.map((s) => s.name))].slice(0, max);
  }
}
