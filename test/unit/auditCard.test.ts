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
    expect(json).toContain('`ou_admin`');
    expect(json).not.toContain('Showing open_ids');
  });

  it('names who did it, escaped; without the contact scope it says how to get names, in both languages', () => {
    const rec = { at: 0, actor: 'ou_admin', kind: 'command' as const, what: 'status.open', people: 1, outcomes: {}, result: 'done' as const };
    const named = JSON.stringify(auditCard([rec], 'UTC', { names: { ou_admin: 'Ann <at id=all>' }, noPermission: false }));
    expect(named).toContain('Ann &#60;at id=all&#62;');
    expect(named).not.toContain('`ou_admin`');
    const bare = auditCard([rec], 'UTC', { names: {}, noPermission: true });
    expect(JSON.stringify(bare)).toContain('Showing open_ids: grant the app `contact:contact.base:readonly`');
    expect(JSON.stringify(bare)).toContain('显示的是 open_id');
  });

  it('makes keys that sort by time, and counts outcomes by result', () => {
    const keys = [5, 100, 20].map((ms) => auditKey(ms, () => 0.5));
    expect([...keys].sort()).toEqual([keys[0], keys[2], keys[1]]);
    expect(countOutcomes([{ result: 'success' }, { result: 'success' }, { ok: false }, {}])).toEqual({ success: 2, failed: 1, done: 1 });
  });
});
