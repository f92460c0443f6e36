// What the applicant reads when the finding department refuses a repair for false material: the
// outcome, the department's reasons, the bar on repair and the remedies, in both languages.
import { describe, expect, it } from 'vitest';
import { wordNotification } from '../../ui/notification-wording.js';

describe('the notice of a refused or revoked repair', () => {
  const notice = {
    topic: 'case_closed',
    data: { outcome: 'refusedForFalseMaterial', reasons: 'The certificate is forged', bannedMonths: '36' },
  };

  it('gives the reasons, the bar and the remedies', () => {
    const en = wordNotification('en', 'repair', notice);
    expect(en).toContain('refused for false material');
    expect(en).toContain('Reasons: The certificate is forged');
    expect(en).toContain('for 36 months');
    expect(en).toMatch(/administrative review/i);
    const zh = wordNotification('zh-CN', 'repair', notice);
    expect(zh).toContain('因虚假材料不予修复');
    expect(zh).toContain('理由：The certificate is forged');
    expect(zh).toContain('36个月内不得再申请信用修复');
    expect(zh).toContain('行政复议');
  });

  it('says nothing of a bar where there is none, nor remedies for a repair granted', () => {
    const repaired = wordNotification('en', 'repair', { topic: 'case_closed', data: { outcome: 'repaired' } });
    expect(repaired).toBe('Your credit repair was closed: repaired');
  });
});
