/** Types of render.js (a plain browser module, also used by the unit tests). */
export interface RenderOptions {
  locale?: 'zh_cn' | 'en_us';
  /** A person's shown name by open_id; unknown ones read "Unknown User". */
  name?: (openId: string) => string | undefined;
}
export interface Rendered {
  html: string;
  actions: Array<{ value: unknown; confirm?: { title: string; text: string } }>;
  charts: Array<{ spec: Record<string, unknown> }>;
}
export function renderCard(card: unknown, opts?: RenderOptions): Rendered;
