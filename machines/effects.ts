// The effects a case machine may name, picked per case type: caseEffects('markRecordDisputed',
// …) gives the action implementations a machine's setup() spreads (so naming an effect the
// type did not declare fails the type check) and the list its definition declares. Nothing
// here runs during transition(): the case engine receives the named actions and carries them
// out (src/services/carry-out-case-effects.ts), in the same transaction as the case change.
import type { CaseEffectName, CaseEffectParams } from './case-events.js';

type EffectActions<K extends CaseEffectName> = {
  [Name in K]: (_: unknown, params: CaseEffectParams[Name]) => void;
};

export interface DeclaredEffects<K extends CaseEffectName> {
  names: readonly K[];
  actions: EffectActions<K>;
}

export function caseEffects<const K extends CaseEffectName>(...names: K[]): DeclaredEffects<K> {
  const actions = Object.fromEntries(names.map((name) => [name, () => {}])) as unknown as EffectActions<K>;
  return { names, actions };
}
