/** Quote pairs accepted around an argument: ASCII and the full-width/typographic ones IMEs produce. */
const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '「': '」' };
const SPACE = /[\s\u3000]/;

export class TokenizeError extends Error {
  constructor(readonly closing: string) {
    super(`unclosed quote ${closing}`);
  }
}

/** Splits a command line into words, honouring quotes and backslash escapes. */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && i + 1 < line.length) cur += line[++i];
      else cur += ch;
    } else if (ch in QUOTES) {
      quote = QUOTES[ch];
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (SPACE.test(ch)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quote) throw new TokenizeError(quote);
  if (inWord) out.push(cur);
  return out;
}
