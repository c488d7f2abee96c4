import type { FlagSpec, PositionalSpec } from './command.js';

export type RawArgs = Record<string, string | string[] | boolean | undefined>;

export class ArgError extends Error {
  constructor(
    readonly arg: string,
    readonly problem: { zh_cn: string; en_us: string },
  ) {
    super(`${arg}: ${problem.en_us}`);
  }
}

/** Dashes an input method puts where `--` was typed: em and en dashes, full-width hyphens, figure dashes. */
const IME_DASHES = /^[-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]+/;

/**
 * `——until`, `—until`, `－－until`, `––until` (an IME's rendering of `--until`) read as `--until`, and a
 * full-width `＝` as `=`. Only a word opening with such a dash changes: `-5` and `a-b` are left alone.
 */
export function asciiFlag(word: string): string {
  const lead = IME_DASHES.exec(word);
  if (!lead || /^-*$/.test(lead[0])) return word;
  const rest = word.slice(lead[0].length);
  if (rest === '') return '--';
  // Only a flag name (and its value): `—Note: text` or `—foo|url` is data that happens to open with a dash.
  const flag = /^([A-Za-z][\w-]*)(?:[=＝]([\s\S]*))?$/.exec(rest);
  if (!flag) return word;
  return flag[2] === undefined ? `--${flag[1]}` : `--${flag[1]}=${flag[2]}`;
}

function findFlag(flags: FlagSpec[], word: string): FlagSpec | undefined {
  // A one-letter name after `--` (from `－u`) is the short flag.
  if (word.startsWith('--')) return flags.find((f) => f.name === word.slice(2)) ?? (word.length === 3 ? flags.find((f) => f.short === word[2]) : undefined);
  return flags.find((f) => f.short === word.slice(1));
}

/**
 * Turns words into raw named args: positionals by declared order (the variadic one collects the rest),
 * flags as `--name value`, `--name=value`, `-n value`; `--` ends flags. Unknown flags are an ArgError.
 */
export function parseArgs(words: string[], positionals: PositionalSpec[], flags: FlagSpec[]): RawArgs {
  const raw: RawArgs = {};
  const loose: string[] = [];
  let flagsDone = false;
  for (let i = 0; i < words.length; i++) {
    const typed = words[i] as string;
    // Flag values and words after `--` are data, kept as typed.
    const word = flagsDone ? typed : asciiFlag(typed);
    const looksLikeFlag = !flagsDone && /^--?[A-Za-z]/.test(word);
    if (!flagsDone && word === '--') {
      flagsDone = true;
      continue;
    }
    if (!looksLikeFlag) {
      loose.push(typed);
      continue;
    }
    const eq = word.indexOf('=');
    const name = eq > 0 ? word.slice(0, eq) : word;
    const spec = findFlag(flags, name);
    if (!spec) {
      throw new ArgError(name, { zh_cn: '不认识这个选项', en_us: 'is not an option of this command' });
    }
    let value: string | boolean;
    if (spec.kind === 'boolean') {
      if (eq > 0) throw new ArgError(`--${spec.name}`, { zh_cn: '不需要取值', en_us: 'takes no value' });
      value = true;
    } else if (eq > 0) {
      value = word.slice(eq + 1);
    } else {
      const next = words[i + 1];
      // `--until --force`: the value was forgotten; do not swallow the next option as the value.
      const nextFlag = next === undefined ? undefined : asciiFlag(next);
      const nextIsOption = nextFlag !== undefined && /^--?[A-Za-z]/.test(nextFlag) && findFlag(flags, nextFlag.split('=')[0] as string) !== undefined;
      if (next === undefined || nextIsOption) throw new ArgError(`--${spec.name}`, { zh_cn: '缺少取值', en_us: 'needs a value' });
      value = next;
      i++;
    }
    if (spec.repeat) raw[spec.name] = [...((raw[spec.name] as string[] | undefined) ?? []), value as string];
    else if (raw[spec.name] !== undefined) {
      throw new ArgError(`--${spec.name}`, { zh_cn: '只能给一次', en_us: 'was given more than once' });
    } else raw[spec.name] = value;
  }
  positionals.forEach((p, idx) => {
    if (p.variadic) raw[p.name] = loose.slice(idx);
    else if (loose[idx] !== undefined) raw[p.name] = loose[idx];
  });
  const taken = positionals.some((p) => p.variadic) ? loose.length : positionals.length;
  if (loose.length > taken) {
    throw new ArgError(loose[taken] as string, { zh_cn: '是多余的参数', en_us: 'is an extra argument' });
  }
  return raw;
}
