/**
 * Building blocks of the emulator's card check (cardRules.ts): each Check looks at one value at a path and
 * returns a problem ("<path>: <what>") or undefined.
 */
export interface Scope {
  /** Container level of the array being checked: body.elements is 1. */
  level: number;
  root: boolean;
  /** Inside a form: the names of its interactive children (must be unique and non-empty). */
  formNames?: Set<string>;
  /** Tags that may not appear below the current container (e.g. chart inside a form). */
  banned: ReadonlySet<string>;
}

export interface Ctx {
  counts: { elements: number; tables: number };
  ids: Set<string>;
  scope: Scope;
}

export type Check = (value: unknown, path: string, ctx: Ctx) => string | undefined;
export type Fields = Record<string, Check>;

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const any: Check = () => undefined;
export const str: Check = (v, p) => (typeof v === 'string' ? undefined : `${p}: must be a string`);
export const bool: Check = (v, p) => (typeof v === 'boolean' ? undefined : `${p}: must be a boolean`);
export const literal = (expected: unknown): Check => (v, p) => (v === expected ? undefined : `${p}: must be ${JSON.stringify(expected)}`);

export const int = (min: number, max: number): Check => (v, p) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? undefined : `${p}: must be an integer ${min}-${max}`;

export const num: Check = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? undefined : `${p}: must be a number`);

export const oneOf = (...values: string[]): Check => {
  const allowed = new Set(values);
  return (v, p) => (typeof v === 'string' && allowed.has(v) ? undefined : `${p}: must be one of ${values.join(' | ')}`);
};

/** A string that is one of `values` or matches `pattern` (sizes such as "12px"). */
export const oneOfOr = (pattern: RegExp, ...values: string[]): Check => {
  const allowed = new Set(values);
  return (v, p) => (typeof v === 'string' && (allowed.has(v) || pattern.test(v)) ? undefined : `${p}: must be ${[...values, pattern.source].join(' | ')}`);
};

export const firstProblem = (...problems: Array<string | undefined>): string | undefined => problems.find((x) => x !== undefined);

const at = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** An object with only the given fields; `required` fields must be present. */
export function obj(fields: Fields, required: string[] = []): Check {
  return (v, p, ctx) => {
    if (!isObject(v)) return `${p}: must be an object`;
    for (const key of required) if (v[key] === undefined) return `${at(p, key)}: is required`;
    for (const [key, value] of Object.entries(v)) {
      const check = fields[key];
      if (!check) return `unknown property ${at(p, key)}`;
      const problem = check(value, at(p, key), ctx);
      if (problem) return problem;
    }
    return undefined;
  };
}

export function arr(item: Check, max = Infinity, min = 0): Check {
  return (v, p, ctx) => {
    if (!Array.isArray(v)) return `${p}: must be an array`;
    if (v.length > max || v.length < min) return `${p}: must hold ${min}-${max} items`;
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i], `${p}[${i}]`, ctx);
      if (problem) return problem;
    }
    return undefined;
  };
}

/** Any of the checks accepts the value (the first one's problem is reported otherwise). */
export const either = (...checks: Check[]): Check => (v, p, ctx) => {
  const problems = checks.map((c) => c(v, p, ctx));
  return problems.includes(undefined) ? undefined : problems[0];
};

/** Free-form object (rows, chart_spec, callback values): contents are the author's business. */
export const anyObject: Check = (v, p) => (isObject(v) ? undefined : `${p}: must be an object`);

export const LOCALES = ['zh_cn', 'en_us', 'zh_hk', 'zh_tw', 'ja_jp', 'id_id', 'vi_vn', 'th_th', 'pt_br', 'es_es', 'ko_kr', 'de_de', 'fr_fr', 'it_it', 'ru_ru', 'ms_my'];

/** {locale: value} with the 16 documented locales. */
export const perLocale = (value: Check): Check => obj(Object.fromEntries(LOCALES.map((l) => [l, value])));

/** Text object ({tag, content, i18n_content}); counts towards the 200-element limit. */
export function text(tags: string[], { i18n = true, maxLength = Infinity } = {}): Check {
  const lengthOk: Check = (v, p) => (typeof v === 'string' && v.length <= maxLength ? undefined : `${p}: must be a string of at most ${maxLength} characters`);
  const shape = obj({ tag: oneOf(...tags), content: lengthOk, ...(i18n ? { i18n_content: perLocale(lengthOk) } : {}) }, ['tag', 'content']);
  return (v, p, ctx) => {
    ctx.counts.elements++;
    return shape(v, p, ctx);
  };
}
