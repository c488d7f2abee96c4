/** A non-empty string field of an event, or undefined for anything else (numbers, objects, ""). */
export function stringOr(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/**
 * How old an event is by its header.create_time, whose unit differs between doc pages (ms for messages,
 * µs for card callbacks): judged by its number of digits. Undefined when it cannot be read.
 */
export function eventAgeMs(createTime: unknown, nowMs: number): number | undefined {
  const raw = typeof createTime === 'number' ? String(Math.trunc(createTime)) : createTime;
  if (typeof raw !== 'string' || !/^\d{9,17}$/.test(raw)) return undefined;
  const n = Number(raw);
  const ms = raw.length >= 15 ? n / 1000 : raw.length >= 12 ? n : n * 1000;
  return nowMs - ms;
}
