// The decision notice's pure parts: which events are decisions (each a real event of its case
// type's current version), what the notice says, masking, the code's form and whether a notice
// stands after later decisions.
import { describe, expect, it } from 'vitest';
import { caseTypeVersions, eventOfCaseType, type CaseTypeName } from '../../machines/index.js';
import {
  composeNotice,
  formatVerificationCode,
  maskPersonName,
  noticeDecisionEvents,
  noticeDecisionOf,
  normalizeVerificationCode,
  standingOf,
  undoesEarlierDecision,
  verificationCodePattern,
} from '../../src/domain/decision-notice.js';
import { remedyWindows } from '../../src/domain/policy.js';

describe('decision notices', () => {
  it('names only events that exist in the current version of their case type', () => {
    for (const { caseType, event } of noticeDecisionEvents()) {
      const versions = caseTypeVersions(caseType as CaseTypeName);
      expect(versions.length, caseType).toBeGreaterThan(0);
      expect(eventOfCaseType(versions[versions.length - 1]!, event), `${caseType} ${event}`).toBeDefined();
    }
    expect(noticeDecisionOf('objection', 'SUPPLEMENT')).toBeNull();
    expect(noticeDecisionOf('repair', 'APPROVE')).toBe('repair_approved');
  });

  it('masks a name to its family name and last character', () => {
    expect(maskPersonName('张三丰')).toBe('张*丰');
    expect(maskPersonName('李四')).toBe('李*');
    expect(maskPersonName('欧阳娜娜')).toBe('欧**娜');
    expect(maskPersonName('王')).toBe('王*');
  });

  it('makes codes of 16 Crockford characters and reads them back as typed', () => {
    const code = formatVerificationCode(new Uint8Array([0, 1, 2, 3, 4, 250, 251, 252, 253, 254]));
    expect(code).toMatch(verificationCodePattern);
    expect(normalizeVerificationCode(code.toLowerCase().replaceAll('-', ' '))).toBe(code);
    expect(normalizeVerificationCode('0OIL-aaaa-bbbb-cccc')).toBe('0011-AAAA-BBBB-CCCC');
  });

  it('says what was decided, with the reasons, the masked subject and the remedies', () => {
    const content = composeNotice({
      code: 'ABCD-EFGH-JKMN-PQRS',
      verifyUrl: 'https://credit.example.gov.cn/verify/ABCD-EFGH-JKMN-PQRS',
      caseId: 'c1',
      caseType: 'review',
      caseTypeName: '复核',
      eventSeq: 5,
      kind: 'review_decided',
      payload: { outcome: 'revoke', reasons: '原决定认定事实不清。' },
      decidedAt: new Date('2026-12-02T02:00:00Z'),
      decidedOn: '2026年12月2日',
      subject: { name: '张三丰', residentIdMasked: '110101********123X' },
      record: { kind: 'administrative_penalty', decisionNumber: '京罚〔2026〕1号', agency: '某局' },
      decidedBy: '信用中心',
      remedies: [
        {
          kind: 'administrative_review',
          window: remedyWindows.administrativeReview,
          lastDay: '2027-01-31',
          filedAs: null,
        },
      ],
    });
    expect(content.decision).toBe('复核决定：撤销原决定。');
    expect(content.reasons).toBe('原决定认定事实不清。');
    expect(content.subject).toEqual({ name: '张*丰', residentId: '110101********123X' });
    expect(content.record?.kind).toBe('行政处罚信息');
    expect(content.remedies).toEqual([
      { name: '申请行政复议', window: '自知道该决定之日起60日内', lastDay: '2027年1月31日' },
    ]);
    expect(undoesEarlierDecision('review_decided', 'revoke')).toBe(true);
    expect(undoesEarlierDecision('review_decided', 'uphold')).toBe(false);
    expect(undoesEarlierDecision('repair_revoked', null)).toBe(true);
  });

  it('stands until a later decision replaces it, or is revoked by one that undoes it', () => {
    const notice = { caseId: 'a', eventSeq: 3 };
    expect(standingOf(notice, [])).toBe('in_force');
    expect(standingOf(notice, [{ caseId: 'a', eventSeq: 2, undoes: false, parentCaseId: null }])).toBe('in_force');
    expect(standingOf(notice, [{ caseId: 'a', eventSeq: 6, undoes: false, parentCaseId: null }])).toBe('superseded');
    // A repair revoked for false material.
    expect(standingOf(notice, [{ caseId: 'a', eventSeq: 9, undoes: true, parentCaseId: null }])).toBe('revoked');
    // A re-examination (its own case, under this one) that revoked the decision; one that upheld it leaves it standing.
    expect(standingOf(notice, [{ caseId: 'r', eventSeq: 4, undoes: true, parentCaseId: 'a' }])).toBe('revoked');
    expect(standingOf(notice, [{ caseId: 'r', eventSeq: 4, undoes: false, parentCaseId: 'a' }])).toBe('in_force');
  });
});
