/**
 * Charts (cards.md §3.7: a `chart` holds a VChart `chart_spec`, no JavaScript, about 5 per card at most).
 *
 * One language per reader: a chart_spec is not a text object, so it has no `i18n_content`, and 2.0 has no
 * per-language visibility to show one chart per language. So the charts carry no words at all: their
 * categories are language-neutral markers (①②③, O1 O2 …) and numbers, and the words go in a markdown legend
 * next to the chart (a text object, with `i18n_content`), each line led by a dot of its slice's colour.
 * The colours are set in the spec (VChart's `color`), so that the dots and the slices agree. UNCONFIRMED:
 * cards.md does not list `color` among the spec shapes it shows (it is a VChart spec field); SHADES is the one
 * place that relies on it, and without it the chart still reads, by its ①② markers.
 */
import { t, type RichText, type Text } from './i18n.js';
import { md, type Element } from './kit.js';
import { joinMd, linesMd, m, Md } from './markdown.js';

export type Tone = 'good' | 'bad' | 'warn' | 'neutral';

/** Shades per tone, in order of use (several failure reasons get several reds). RGBA works in both places. */
const SHADES: Record<Tone, readonly string[]> = {
  good: ['rgba(52,199,36,1)', 'rgba(120,214,99,1)', 'rgba(36,145,25,1)'],
  bad: ['rgba(245,74,69,1)', 'rgba(196,38,34,1)', 'rgba(250,140,133,1)', 'rgba(140,20,26,1)', 'rgba(222,90,150,1)'],
  warn: ['rgba(255,136,0,1)', 'rgba(255,190,92,1)', 'rgba(199,102,0,1)'],
  neutral: ['rgba(143,149,158,1)', 'rgba(187,191,196,1)', 'rgba(100,106,115,1)'],
};

export const MARKERS = ['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩'];

/** A pie shows at most this many slices; smaller ones are summed into the last, "other". */
export const MAX_SLICES = MARKERS.length;

export interface Slice {
  label: RichText;
  value: number;
  tone: Tone;
}

/** The colour of a tone when one colour stands for it (a status), and not for one of several slices. */
export const toneColour = (tone: Tone): string => SHADES[tone][0] as string;

/** The colour of each item, shade by shade within its tone, so that neighbouring slices differ. */
export function coloursOf(tones: readonly Tone[]): string[] {
  const used: Record<Tone, number> = { good: 0, bad: 0, warn: 0, neutral: 0 };
  return tones.map((tone) => {
    const shades = SHADES[tone];
    return shades[used[tone]++ % shades.length] as string;
  });
}

/** A coloured dot for a legend line (`<font>` takes RGBA, cards.md §3.1). */
export const dot = (colour: string): Md => Md.trusted(`<font color='${colour.replace(/[^a-z0-9(),.]/g, '')}'>●</font>`);

const share = (n: number, total: number): string => (total === 0 ? '—' : `${((n / total) * 100).toFixed(1)}%`);

/** Slices in the order given; past MAX_SLICES, the smallest are summed into an "other" slice at the end. */
function foldSmall(slices: Slice[]): Slice[] {
  const shown = slices.filter((s) => s.value > 0);
  if (shown.length <= MAX_SLICES) return shown;
  const keep = new Set([...shown].sort((a, b) => b.value - a.value).slice(0, MAX_SLICES - 1));
  const rest = shown.filter((s) => !keep.has(s));
  const tone = rest.every((s) => s.tone === rest[0]?.tone) ? (rest[0] as Slice).tone : 'neutral';
  const n = rest.length;
  return [...shown.filter((s) => keep.has(s)), { label: t(`其他 ${n} 种`, `${n} others`), value: rest.reduce((a, s) => a + s.value, 0), tone }];
}

/** The chart beside its legend; on a narrow screen the legend goes under the chart. */
function withLegend(chart: Element, legend: RichText): Element {
  return {
    tag: 'column_set',
    flex_mode: 'stretch',
    horizontal_spacing: 'medium',
    columns: [
      { tag: 'column', width: 'weighted', weight: 1, vertical_align: 'center', elements: [chart] },
      { tag: 'column', width: 'weighted', weight: 1, vertical_align: 'center', elements: [md(legend, { text_size: 'notation' })] },
    ],
  };
}

/** A donut of parts of a whole (e.g. results by outcome), slices marked ①②③, the words in the legend. */
export function pieChart(input: Slice[]): Element | undefined {
  const slices = foldSmall(input);
  if (slices.length === 0) return undefined;
  const total = slices.reduce((a, s) => a + s.value, 0);
  const colours = coloursOf(slices.map((s) => s.tone));
  const chart: Element = {
    tag: 'chart',
    aspect_ratio: '1:1',
    chart_spec: {
      type: 'pie',
      data: { values: slices.map((s, i) => ({ part: MARKERS[i], n: s.value })) },
      valueField: 'n',
      categoryField: 'part',
      outerRadius: 0.8,
      innerRadius: 0.5,
      color: colours,
      label: { visible: true },
    },
  };
  const head = (i: number) => m`${dot(colours[i] as string)} ${MARKERS[i] as string}`;
  return withLegend(chart, t(
    linesMd(slices.map((s, i) => m`${head(i)} ${s.label.zh_cn}：**${s.value}**（${share(s.value, total)}）`)),
    linesMd(slices.map((s, i) => m`${head(i)} ${s.label.en_us}: **${s.value}** (${share(s.value, total)})`)),
  ));
}

export interface Bar {
  /** A language-neutral key shown on the chart: "O1", "①". */
  key: string;
  /** 0..1 */
  share: number;
  tone: Tone;
}

/**
 * Horizontal progress bars (cards.md §3.7 `linearProgress`), one colour per bar; `legend` says in words what
 * the keys and colours mean.
 */
export function progressBars(bars: Bar[], legend: RichText): Element | undefined {
  if (bars.length === 0) return undefined;
  const colours = bars.map((b) => toneColour(b.tone));
  const n = bars.length;
  const chart: Element = {
    tag: 'chart',
    aspect_ratio: n <= 3 ? '2:1' : n <= 6 ? '4:3' : '1:1',
    chart_spec: {
      type: 'linearProgress',
      data: { values: bars.map((b) => ({ key: b.key, value: Math.min(1, Math.max(0, b.share)) })) },
      direction: 'horizontal',
      xField: 'value',
      yField: 'key',
      seriesField: 'key',
      color: { type: 'ordinal', domain: bars.map((b) => b.key), range: colours },
    },
  };
  return withLegend(chart, legend);
}

/** One legend line per tone used: "● Normal  ● At risk". */
export function toneLegend(entries: Array<{ tone: Tone; label: Text }>): RichText {
  const line = (lang: keyof Text) => joinMd(entries.map((e) => m`${dot(toneColour(e.tone))} ${e.label[lang]}`), '  ');
  return t(line('zh_cn'), line('en_us'));
}
