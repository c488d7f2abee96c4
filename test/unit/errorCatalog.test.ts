import { describe, expect, it } from 'vitest';
import { explainCode } from '../../src/upstream/errorCatalog.js';

describe('error catalogue', () => {
  it('explains each feature’s codes without the feature’s modules being loaded first', () => {
    expect(explainCode('personal_settings.system_status.batch_open', 2005006)?.action.en_us).toMatch(/tenant|external/i);
    expect(explainCode('okr.okr.batch_get', 1001004)).toBeDefined();
    expect(explainCode('acs.user.list', 1490018)).toBeDefined();
  });

  it('prefers a feature’s meaning of a code, and falls back to the platform-wide one', () => {
    expect(explainCode('okr.period.list', 99991400)?.meaning.en_us).toMatch(/rate limited/i);
    expect(explainCode('personal_settings.system_status.list', 12345)).toBeUndefined();
  });
});
