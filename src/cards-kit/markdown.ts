/**
 * Card markdown, escaped by default. A plain `string` that reaches a markdown slot of a card (a markdown
 * element, a panel title, a stat) is data and is always escaped; markup comes only from an `Md`, which
 * only the `m` template tag and the kit's own helpers make. In `m`, the literal parts are markdown the
 * bot wrote and every interpolated string is data (escaped, kept on one line).
 *
 *   md(t(m`没有 **${name}** 这个周期。`, m`There is no period named **${name}**.`))
 */
export class Md {
  private constructor(readonly source: string) {}

  /** Markdown the bot generated itself (a tag it built from checked parts). Never for data. */
  static trusted(source: string): Md {
    return new Md(source);
  }
}

/** What may be interpolated into `m`: data (escaped), numbers, or markdown. */
export type Inline = string | number | Md;

/** A character that means something in card markdown, as a numeric entity (cards.md §3.1: `&#42;` …). */
const entity = (c: string): string => `&#${c.charCodeAt(0)};`;
/** Markup anywhere: tags (`<at>`, `<font>`, `<person>`…), emphasis, code, links, headings, tables, escapes. */
const SPECIAL = /[&<>*~_`[\]()#|\\]/g;
/** Markup at the start of a line: list items (`- `, `+ `, `1. `) and `---` / `===` rules and underlines. */
const LINE_START = /^(?:([-+=])(?=[-+=\s]|$)|(\d{1,9})([.)])(?=\s|$))/gm;

/** Escapes data (names, titles, user input) so that it shows as typed and can never become markup. */
export function escapeMd(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    // An indented line would be a code block, where entities show as typed.
    .replace(/\n[ \t]+/g, '\n')
    .replace(SPECIAL, entity)
    .replace(LINE_START, (_all, mark: string | undefined, digits: string | undefined, dot: string | undefined) =>
      mark !== undefined ? entity(mark) : `${digits}${entity(dot as string)}`,
    );
}

/** The markdown source of a slot's value: an `Md` as written, a string escaped. */
export const toMarkdown = (v: string | Md): string => (v instanceof Md ? v.source : escapeMd(v));

/** A value inside a line of markdown: data stays on that line. */
function inline(v: Inline): string {
  if (v instanceof Md) return v.source;
  if (typeof v === 'number') return String(v);
  return escapeMd(v.replace(/\s*[\r\n]+\s*/g, ' '));
}

/** Markdown with data holes: the template is trusted, every interpolated string is escaped. */
export function m(strings: TemplateStringsArray, ...values: Inline[]): Md {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += inline(v) + (strings[i + 1] ?? '');
  });
  return Md.trusted(out);
}

const part = (v: Inline): string => (typeof v === 'number' ? String(v) : toMarkdown(v));

/** Joins markdown and data into one `Md` (data escaped, its line breaks kept). */
export const joinMd = (parts: readonly Inline[], sep: Inline = ''): Md => Md.trusted(parts.map(part).join(part(sep)));

/** Lines of markdown and data, one per line (a data string may hold line breaks of its own). */
export const linesMd = (parts: ReadonlyArray<string | Md>): Md => Md.trusted(parts.map(toMarkdown).join('\n'));

/** Characters that could end a code span or make it more than code. */
const NOT_FOR_CODE = /[`<>[\]\r\n&\\]/;

/**
 * Inline code for a short value (an id, a command): a code span when the value is plain enough to sit in
 * one, else the value as escaped text. Markdown does not decode entities inside code, so data with markup
 * characters never goes there.
 */
export const code = (s: string): Md => (s !== '' && !NOT_FOR_CODE.test(s) ? Md.trusted(`\`${s}\``) : m`${s}`);

/** Inline code for text written in the bot's own source (usage lines, examples, command names); never data. */
export const literalCode = (s: string): Md => Md.trusted(`\`${s.replace(/[`\r\n]/g, '')}\``);

/** Fills `{name}` placeholders of a markdown template with values (data escaped, `Md` as written). */
export const fillMd = (template: string, vars: Record<string, Inline>): Md =>
  Md.trusted(template.replace(/\{(\w+)\}/g, (_m, k: string) => (vars[k] === undefined ? '' : inline(vars[k]))));
