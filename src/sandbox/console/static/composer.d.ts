/** Types of composer.js's pure part (a plain browser module, also used by the unit tests). */
export function toMessage(text: string, picked: Array<{ openId: string; name: string }>): { text: string; mentions: Array<{ key: string; openId: string; name: string }> };
