import { describe, expect, it } from 'vitest';
import { argErrorCard, upstreamErrorCard } from '../../src/cards-kit/common.js';
import { renderCardText } from '../../src/cards-kit/render.js';
import { t } from '../../src/cards-kit/i18n.js';
import { ACS_ERRORS } from '../../src/upstream/catalog/acs.js';
import { CHENGXUN_ERRORS } from '../../src/upstream/catalog/chengxun.js';
import { COMMON_ERRORS } from '../../src/upstream/catalog/common.js';
import { JINGSOCIAL_ERRORS } from '../../src/upstream/catalog/jingsocial.js';
import { OKR_ERRORS } from '../../src/upstream/catalog/okr.js';
import { CHAT_MEMBERS_ERRORS, SYSTEM_STATUS_ERRORS } from '../../src/upstream/catalog/personalSettings.js';
import { repeatedAdvice } from '../helpers/repeatedAdvice.js';

describe('no advice said twice on one card', () => {
  it('the check finds a sentence said twice, after a label or not, and passes a card that says each thing once', () => {
    const twice = upstreamErrorCard('x.api', 1, 'boom', undefined, { meaning: t('稍后重试。', 'Try again later.'), action: t('稍后重试。', 'Try again later.') });
    expect(repeatedAdvice(twice)).toBeDefined();
    const once = upstreamErrorCard('x.api', 1, 'boom', undefined, { meaning: t('限流了。', 'Rate limited.'), action: t('稍后重试。', 'Try again later.') });
    expect(repeatedAdvice(once)).toBeUndefined();
  });

  const catalogues = { ACS_ERRORS, CHENGXUN_ERRORS, COMMON_ERRORS, JINGSOCIAL_ERRORS, OKR_ERRORS, CHAT_MEMBERS_ERRORS, SYSTEM_STATUS_ERRORS };
  const entries = Object.entries(catalogues).flatMap(([name, codes]) => Object.entries(codes).map(([code, help]) => [name, code, help] as const));
  it.each(entries)('%s %s: the upstream error card says its meaning and its action once each', (_name, code, help) => {
    const card = upstreamErrorCard('some.api', code, 'the platform’s message', 'log-1', help);
    expect(repeatedAdvice(card), renderCardText(card)).toBeUndefined();
  });

  it('an argument error whose example would be its usage shows the line once', () => {
    const text = renderCardText(argErrorCard('status list', 'x', t('是多余的参数', 'is an extra argument'), '/status list', '/status list'));
    expect(text.match(/\/status list`/g)).toHaveLength(1);
    expect(text).not.toContain('Example');
  });
});
