import { describe, expect, it } from 'vitest';
import { formatEnd, parseUntil, rejoinUntil } from '../../src/features/status/until.js';

const TZ = 'Asia/Shanghai';
/** 2026-03-10 10:00 in Shanghai. */
const NOW = Date.parse('2026-03-10T02:00:00Z');
const LATE = Date.parse('2026-03-10T15:30:00Z'); // 23:30 in Shanghai: less than an hour left today

const ok = (raw: string | undefined, now = NOW) => {
  const r = parseUntil(raw, now, TZ);
  if (!r.ok) throw new Error(`${raw}: ${r.problem.en_us}`);
  return formatEnd(r.endMs, TZ) + (r.endMs % 60_000 === 59_000 ? ':59' : '');
};

describe('parseUntil', () => {
  it.each([
    [undefined, NOW, '2026-03-10 23:59:59'],
    ['', NOW, '2026-03-10 23:59:59'],
    [undefined, LATE, '2026-03-11 23:59:59'],
    ['2h', NOW, '2026-03-10 12:00'],
    ['90m', NOW, '2026-03-10 11:30'],
    ['3d', NOW, '2026-03-13 10:00'],
    ['3 days', NOW, '2026-03-13 10:00'],
    ['18:00', NOW, '2026-03-10 18:00'],
    ['18：00', NOW, '2026-03-10 18:00'],
    ['09:00', NOW, '2026-03-11 09:00'], // already past today → tomorrow
    ['10:00', NOW, '2026-03-11 10:00'], // exactly now is not the future
    ['9:05', NOW, '2026-03-11 09:05'],
    ['tomorrow 09:00', NOW, '2026-03-11 09:00'],
    ['Tomorrow 9:00', NOW, '2026-03-11 09:00'],
    ['明天 09:00', NOW, '2026-03-11 09:00'],
    ['tomorrow', NOW, '2026-03-11 23:59:59'],
    ['2026-12-01', NOW, '2026-12-01 23:59:59'],
    ['2026-12-01 18:00', NOW, '2026-12-01 18:00'],
    ['2027-03-10 10:00', NOW, '2027-03-10 10:00'], // exactly 365 days ahead: allowed
    ['365d', NOW, '2027-03-10 10:00'],
    ['2 hours', NOW, '2026-03-10 12:00'],
    ['1 hour', NOW, '2026-03-10 11:00'],
    ['45 minutes', NOW, '2026-03-10 10:45'],
    ['2小时', NOW, '2026-03-10 12:00'],
    ['2个小时', NOW, '2026-03-10 12:00'],
    ['30分钟', NOW, '2026-03-10 10:30'],
    ['3天', NOW, '2026-03-13 10:00'],
    ['明天9点', NOW, '2026-03-11 09:00'],
    ['明天 09:00', NOW, '2026-03-11 09:00'],
    ['明天 9点半', NOW, '2026-03-11 09:30'],
    ['今天18:00', NOW, '2026-03-10 18:00'],
    ['今天１８：００', NOW, '2026-03-10 18:00'],
    ['18点', NOW, '2026-03-10 18:00'],
    ['18点30', NOW, '2026-03-10 18:30'],
    ['18点30分', NOW, '2026-03-10 18:30'],
    ['下午6点', NOW, '2026-03-10 18:00'],
    ['9点', NOW, '2026-03-11 09:00'], // already past today → tomorrow
    ['2026-12-01 18点', NOW, '2026-12-01 18:00'],
  ])('%s (now %s) → %s', (raw, now, want) => {
    expect(ok(raw, now)).toBe(want);
  });

  it.each([
    ['yesterday', 'not a time I understand'],
    ['0h', 'not a time I understand'],
    ['25:00', 'not a time I understand'],
    ['2026-02-30', 'not a time I understand'],
    ['2026-13-01 10:00', 'not a time I understand'],
    ['2h30', 'not a time I understand'],
    ['25点', 'not a time I understand'],
    ['18点61', 'not a time I understand'],
    ['0小时', 'not a time I understand'],
    ['今天9点', 'is in the past'],
    ['2026-03-09', 'is in the past'],
    ['2026-03-10 09:59', 'is in the past'],
    ['366d', 'more than 365 days'],
    ['2027-03-10 10:01', 'more than 365 days'],
  ])('%s is refused: %s', (raw, why) => {
    const r = parseUntil(raw, NOW, TZ);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.en_us).toContain(why);
      expect(r.problem.zh_cn).not.toBe(r.problem.en_us);
    }
  });

  it('reads times in the configured zone, not the server zone', () => {
    const r = parseUntil('18:00', NOW, 'UTC');
    expect(r.ok && new Date(r.endMs).toISOString()).toBe('2026-03-10T18:00:00.000Z');
  });
});

describe('rejoinUntil', () => {
  it('puts a clock time that the tokenizer split off back onto a day word', () => {
    expect(rejoinUntil('tomorrow', ['ou_a', '09:00', 'ou_b'])).toEqual({ until: 'tomorrow 09:00', targets: ['ou_a', 'ou_b'] });
    expect(rejoinUntil('2026-12-01', ['18:00'])).toEqual({ until: '2026-12-01 18:00', targets: [] });
  });
  it('rejoins 9点 after a day word and a unit split off its number', () => {
    expect(rejoinUntil('明天', ['ou_a', '9点'])).toEqual({ until: '明天 9点', targets: ['ou_a'] });
    expect(rejoinUntil('2', ['ou_a', 'hours'])).toEqual({ until: '2 hours', targets: ['ou_a'] });
    expect(rejoinUntil('30', ['分钟', 'ou_a'])).toEqual({ until: '30 分钟', targets: ['ou_a'] });
  });
  it('leaves other values alone', () => {
    expect(rejoinUntil('2h', ['ou_a', '09:00'])).toEqual({ until: '2h', targets: ['ou_a', '09:00'] });
    expect(rejoinUntil(undefined, ['ou_a'])).toEqual({ until: undefined, targets: ['ou_a'] });
  });
});
