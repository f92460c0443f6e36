-- Hand-written: the clocks of administrative review (行政复议, case type administrative-review)
-- added to the policy documents stored before it existed, so a case opened under one of them
-- finds its deadlines (src/domain/policy.ts, commonDeadlines; 行政复议法 2023 arts. 30, 31, 48,
-- 62, 88). Only keys a document lacks are added: nothing a running case reads changes. The demo
-- document also gets the flag saying it offers re-examination (复核), as the shipped one does.
UPDATE "policy_versions"
SET "document" = jsonb_set("document", '{deadlines}', '{"administrativeReview.accept":{"limit":5,"unit":"working","countsFrom":"receipt of the application; silence: accepted on the day the period ends","source":{"zh":"《中华人民共和国行政复议法》（2023年修订）第三十条、第八十八条","en":"Administrative Review Law (2023) arts. 30, 88"},"verified":true},"administrativeReview.supplement":{"limit":10,"unit":"working","countsFrom":"receipt of the one notice to supplement (else deemed withdrawn)","source":{"zh":"《中华人民共和国行政复议法》（2023年修订）第三十一条、第八十八条","en":"Administrative Review Law (2023) arts. 31, 88"},"verified":true},"administrativeReview.answer":{"limit":10,"unit":"calendar","countsFrom":"the respondent’s receipt of the copy of the application","source":{"zh":"《中华人民共和国行政复议法》（2023年修订）第四十八条","en":"Administrative Review Law (2023) art. 48"},"verified":true,"note":"Simplified procedure: 5 days (art. 54), not tracked here."},"administrativeReview.decide":{"limit":60,"unit":"calendar","countsFrom":"acceptance of the application","source":{"zh":"《中华人民共和国行政复议法》（2023年修订）第六十二条（经复议机关负责人批准，可延长一次，最长三十日）","en":"Administrative Review Law (2023) art. 62 (extendable once by up to 30 days, with the head’s approval)"},"verified":true}}'::jsonb || ("document" -> 'deadlines'))
WHERE NOT ("document" -> 'deadlines') ? 'administrativeReview.accept';
--> statement-breakpoint
UPDATE "policy_versions"
SET "document" = jsonb_set(
  "document",
  '{rules,review,offered}',
  '{"value": true, "source": {"zh": "演示规则：为试用 xiufu 提供复核，地方规则可作此规定", "en": "demo policy: re-examination offered for trying xiufu, as a local rule may provide it"}, "verified": false}'::jsonb
)
WHERE "jurisdiction" = 'demo' AND NOT ("document" -> 'rules' -> 'review') ? 'offered';
