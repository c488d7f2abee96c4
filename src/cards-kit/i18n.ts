/** Every user-facing text exists in both languages the bot speaks. */
export interface Text {
  zh_cn: string;
  en_us: string;
}

export type Locale = keyof Text;

export const t = (zh_cn: string, en_us: string): Text => ({ zh_cn, en_us });

export function joinText(parts: Text[], sep = ''): Text {
  return { zh_cn: parts.map((p) => p.zh_cn).join(sep), en_us: parts.map((p) => p.en_us).join(sep) };
}
