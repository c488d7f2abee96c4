/** Types of markdown.js (a plain browser module, also used by the unit tests). */
export function markdownToHtml(src: string, ctx: { name: (openId: string) => string; all: string }): string;
