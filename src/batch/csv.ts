import { stringify } from 'csv-stringify/sync';

/**
 * CSV for people who open it in Excel: a UTF-8 BOM so Chinese text shows correctly, a header row,
 * and cells that start like a formula neutralised (a name such as "=HYPERLINK(…)" must stay text).
 */
export function toCsv(header: string[], rows: Array<Array<string | number | boolean | undefined | null>>): Buffer {
  const safe = rows.map((r) => r.map((v) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v ?? '')));
  return Buffer.from(`\uFEFF${stringify([header, ...safe])}`, 'utf8');
}

/** `<kind>-<YYYYMMDD-HHmm>.csv`, safe for every file system. */
export function csvFileName(kind: string, stamp: string): string {
  return `${kind.replace(/[^A-Za-z0-9_-]/g, '-')}-${stamp.replace(/[^0-9]/g, '').slice(0, 12)}.csv`;
}
