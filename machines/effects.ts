// The effects every case machine may name, declared once. Nothing here runs during
// transition(): the case engine receives the named actions and carries them out
// (src/services/carry-out-case-effects.ts), in the same transaction as the case change.
import type { CaseEffectParams } from './case-events.js';

const effect =
  <K extends keyof CaseEffectParams>() =>
  (_: unknown, _params: CaseEffectParams[K]) => {};

export const effectActions = {
  markRecordDisputed: effect<'markRecordDisputed'>(),
  clearDisputedMark: effect<'clearDisputedMark'>(),
  correctRecord: effect<'correctRecord'>(),
  notifySubject: effect<'notifySubject'>(),
  openLinkedCase: effect<'openLinkedCase'>(),
  propagateRecord: effect<'propagateRecord'>(),
  markRecordRepaired: effect<'markRecordRepaired'>(),
  restoreRecordDisplay: effect<'restoreRecordDisplay'>(),
  banRepair: effect<'banRepair'>(),
  extendClock: effect<'extendClock'>(),
  recordAcknowledgement: effect<'recordAcknowledgement'>(),
  publishExplanation: effect<'publishExplanation'>(),
  withdrawExplanation: effect<'withdrawExplanation'>(),
};
