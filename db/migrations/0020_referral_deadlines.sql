-- Hand-written: referrals (machines/referral.machine.ts) run under the forum's own limit, which
-- every policy version now names (src/domain/policy.ts, referralDeadlines). Stored versions
-- written before had no such key; no case ran under it, so adding it changes no running clock.
-- The numbers are the law's, not the jurisdiction's: SPC rules on the dishonest judgment debtor
-- list (2017) art. 12 (15 days), 征信业管理条例 art. 25 (20 days).
UPDATE policy_versions
SET document = jsonb_set(
  document,
  '{deadlines,referral.court}',
  '{"limit": 15, "unit": "calendar", "countsFrom": "the referral to the enforcing court (its receipt of the written application)", "source": "SPC rules on the dishonest judgment debtor list (2017) art. 12 (review within 15 days)", "verified": true, "note": "Where the application is well founded, the court corrects within 3 working days of its review."}'::jsonb
)
WHERE NOT (document -> 'deadlines' ? 'referral.court');
--> statement-breakpoint
UPDATE policy_versions
SET document = jsonb_set(
  document,
  '{deadlines,referral.creditReport}',
  '{"limit": 20, "unit": "calendar", "countsFrom": "the referral to the credit-reporting agency or data provider (its receipt of the objection)", "source": "征信业管理条例 art. 25 (mark on receipt; verify and answer in writing within 20 days)", "verified": true}'::jsonb
)
WHERE NOT (document -> 'deadlines' ? 'referral.creditReport');
