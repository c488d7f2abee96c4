import { describe, expect, it } from 'vitest';
import { auditCard } from '../../src/features/audit/card.js';
import { auditKey, countOutcomes } from '../../src/observe/audit.js';

describe('the audit card and keys', () => {
  it('escapes platform text in a row and shows the time in the given time zone', () => {
    const card = auditCard([{ at: Date.UTC(2026, 11, 1, 4, 5, 6), actor: 'ou_admin', kind: 'command', what: 'jing.status', people: 1, outcomes: { '<at id=all></at>**x**': 1 }, jobId: 'jing1', result: 'done' }], 'Asia/Shanghai');
    const json = JSON.stringify(card);
    expect(json).not.toContain('<at id=all>');
    expect(json).not.toContain('**x**');
    expect(json).toContain('2026-12-01 12:05:06');
    expect(json).toContain("<person id='ou_admin'");
  });

  it('makes keys that sort by time, and counts outcomes by result', () => {
    const keys = [5, 100, 20].map((ms) => auditKey(ms, () => 0.5));
    expect([...keys].sort()).toEqual([keys[0], keys[2], keys[1]]);
    expect(countOutcomes([{ result: 'success' }, { result: 'success' }, { ok: false }, {}])).toEqual({ success: 2, failed: 1, done: 1 });
  });
});
