-- Hand-written. This migration once added the clocks of administrative review (行政复议:
-- administrativeReview.*) and the demo profile's re-examination flag (rules.review.offered) to
-- the policy documents stored before them. A stored document that lacks a key a later release
-- added now reads it from the shipped version of its id (completedPolicyVersion / deadlineRuleOf
-- in src/domain/policy.ts): one mechanism, that stays true as versions and keys are added,
-- instead of policy content copied into SQL. A database that ran the old statements keeps what
-- they wrote; one that did not reads the same from the code.
SELECT 1;
