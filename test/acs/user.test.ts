import { describe, expect, it } from 'vitest';
import { cardText } from '../helpers/harness.js';
import { useAcsHarness } from './acsHelpers.js';

const s = useAcsHarness();

describe('/acs user', () => {
  it('shows the card number and face state of an access-control user', async () => {
    const sent = await s.h.say(`/acs user ${s.userAt(0)}`);
    expect(sent).toHaveLength(1);
    const text = cardText(sent[0]);
    expect(text).toContain('Access-control user');
    expect(text).toContain(`open_id: \`${s.userAt(0)}\``);
    expect(text).toContain('**Card number**: 100000');
  });

  it('answers the platform’s "user not found" (1490101) with the permission-group advice, not an error card', async () => {
    const nobody = 'ou_notinanygroup0000000000000001';
    const sent = await s.h.say(`/acs user ${nobody}`);
    expect(sent).toHaveLength(1);
    const text = cardText(sent[0]);
    expect(text).toContain('Not an access-control user');
    expect(text).toContain('was not found in access control');
    expect(text).toContain('add the user to a permission group');
    expect(text).not.toContain('1490101');
    expect(cardText(sent[0], 'zh_cn')).toContain('请在飞书门禁管理后台把该用户加入权限组');
  });
});
