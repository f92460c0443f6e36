// One case type at one version, defined once: its machine, the filing that opens a case, who
// may file it, its event catalog, the effects it may cause, and (for a filing about a record)
// when a record offers it. And the one reading of a machine's states the rest of the system
// uses: state names are the names of the active leaf states (a nested state `open.intake` is
// stored and shown as `intake`, so leaf names are unique within a machine), and what a state
// means (whose move it is, the clock, whether its outcome can be reviewed) is its meta merged
// from the root down the active path.
import type { AnyMachineSnapshot, AnyStateMachine, AnyStateNode } from 'xstate';
import type { z } from 'zod';
import type { Forum } from '../src/domain/forums.js';
import type { Role } from '../src/domain/roles.js';
import { caseEffectNames, type CaseEffectName, type CaseEventCatalog, type CaseStateMeta } from './case-events.js';
import type { DeclaredEffects } from './effects.js';

/** What a record's page knows of it when it decides which filings to offer. */
export interface RecordStanding {
  /** The status as displayed (disputed while an objection runs). */
  status: string;
  disputed: boolean;
  explained: boolean;
  /** Who decides an objection about it (src/domain/forums.ts): here, or a forum it is referred to. */
  forum: Forum;
  /** Whether its kind can be repaired at all (a kind the law excludes is not). */
  repairable: boolean;
  /** Whether a referral about it is open. */
  referred: boolean;
  /** The record's kind (records.ts). */
  kind?: string;
  /** The record has an obligation (a fine) not yet performed. */
  obligationOpen?: boolean;
  /** A deferral of its obligation is being decided, or its granted schedule is being kept. */
  deferralRunning?: boolean;
}

export interface CaseTypeDefinition<
  Name extends string = string,
  Machine extends AnyStateMachine = AnyStateMachine,
  Filing extends z.ZodObject = z.ZodObject,
  Events extends CaseEventCatalog = CaseEventCatalog,
> {
  name: Name;
  /** Stored with each case (cases.machine_version): a case runs on the version it started under. */
  version: number;
  machine: Machine;
  filing: Filing;
  /** Who may file one directly (a linked case is opened by its parent's machine). */
  filingRoles: readonly Role[];
  /** Whether evidence files may come with the filing. */
  filingAttachments: boolean;
  events: Events;
  /** The effects this type's machine may ask for; the machine's setup() knows no others. */
  effects: Pick<DeclaredEffects<CaseEffectName>, 'names'>;
  /** For a filing about a record by its subject: whether the record, as it stands, offers it. */
  offeredFor?: (record: RecordStanding) => boolean;
}

export type AnyCaseTypeDefinition = CaseTypeDefinition;

/**
 * A case type's definition, checked once when the module loads: leaf state names are unique,
 * every state says whose move it is, every event a state handles is in the catalog, and the
 * machine's effect actions are exactly the declared effects.
 */
/**
 * The context of the throwaway actor XState's pure transition() starts on every call, made
 * without input: a machine's context reads its input, so it answers this instead of throwing a
 * TypeError (XState catches it; its stack trace cost more than the transition itself, issue 17).
 * That actor's context is never read.
 */
export const withoutInput = (): never => ({}) as never;

export function defineCaseType<const Definition extends AnyCaseTypeDefinition>(definition: Definition): Definition {
  const problems = problemsOf(definition);
  if (problems.length > 0)
    throw new Error(`case type ${definition.name} v${definition.version}: ${problems.join('; ')}`);
  return Object.freeze(definition);
}

function problemsOf(definition: AnyCaseTypeDefinition): string[] {
  const problems: string[] = [];
  const names = caseStatesOf(definition.machine).map((s) => s.name);
  const repeated = names.filter((name, i) => names.indexOf(name) !== i);
  if (repeated.length > 0) problems.push(`leaf state names repeat: ${repeated.join(', ')}`);
  for (const state of caseStatesOf(definition.machine)) {
    if (!state.meta.waitingOn) problems.push(`state ${state.name} does not say whose move it is`);
  }
  for (const node of allNodesOf(definition.machine)) {
    for (const event of node.transitions.keys()) {
      if (!Object.hasOwn(definition.events, event)) problems.push(`${node.key} handles ${event}, not in the catalog`);
    }
  }
  const declared = new Set<string>(definition.effects.names);
  const effectActions = Object.keys(definition.machine.implementations.actions).filter((name) =>
    (caseEffectNames as readonly string[]).includes(name),
  );
  for (const name of effectActions) if (!declared.has(name)) problems.push(`effect ${name} is not declared`);
  for (const name of declared) if (!effectActions.includes(name)) problems.push(`effect ${name} has no action`);
  return problems;
}

/** A leaf state of a machine as the rest of the system sees it. */
export interface CaseState {
  name: string;
  /** The path from the root (`['open', 'intake']`); one element for a top-level state. */
  path: readonly string[];
  /** The state's meta merged with its ancestors' (the nearer wins). */
  meta: CaseStateMeta;
  final: boolean;
  description: string | undefined;
}

const statesByMachine = new WeakMap<AnyStateMachine, readonly CaseState[]>();

/** Every leaf state of a machine (atomic or final), in document order. */
export function caseStatesOf(machine: AnyStateMachine): readonly CaseState[] {
  const known = statesByMachine.get(machine);
  if (known) return known;
  const states: CaseState[] = [];
  const walk = (node: AnyStateNode, inherited: Partial<CaseStateMeta>) => {
    const meta = { ...inherited, ...(node.meta as Partial<CaseStateMeta> | undefined) };
    const children = Object.values(node.states) as AnyStateNode[];
    if (children.length === 0 && node !== machine.root) {
      states.push({
        name: node.key,
        path: node.path,
        meta: meta as CaseStateMeta,
        final: node.type === 'final',
        description: node.description,
      });
    }
    for (const child of children) walk(child, meta);
  };
  walk(machine.root, {});
  statesByMachine.set(machine, states);
  return states;
}

function allNodesOf(machine: AnyStateMachine): AnyStateNode[] {
  const nodes: AnyStateNode[] = [];
  const walk = (node: AnyStateNode) => {
    nodes.push(node);
    for (const child of Object.values(node.states) as AnyStateNode[]) walk(child);
  };
  walk(machine.root);
  return nodes;
}

/** The active leaf states of a snapshot (one, or one per region of a parallel state). */
function activeLeavesOf(snapshot: AnyMachineSnapshot): AnyStateNode[] {
  return snapshot._nodes.filter((node) => node.type === 'atomic' || node.type === 'final');
}

/** The name a case's state is stored and shown under: its leaf state's (joined with + in parallel regions). */
export function stateNameOf(snapshot: AnyMachineSnapshot): string {
  return activeLeavesOf(snapshot)
    .map((node) => node.key)
    .join('+');
}

/** The meta of the active states, merged from the root down (the nearer state wins). */
export function stateMetaOf(snapshot: AnyMachineSnapshot): CaseStateMeta {
  const metas = snapshot._nodes.map((node) => node.meta as Partial<CaseStateMeta> | undefined).filter(Boolean);
  return Object.assign({ waitingOn: 'nobody' }, ...metas) as CaseStateMeta;
}

/** The description of the active leaf state(s). */
export function stateDescriptionOf(snapshot: AnyMachineSnapshot): string | undefined {
  const descriptions = activeLeavesOf(snapshot).flatMap((node) => (node.description ? [node.description] : []));
  return descriptions.length > 0 ? descriptions.join(' ') : undefined;
}

/** The state of this name in the machine, if it has one. */
export function caseStateNamed(machine: AnyStateMachine, name: string): CaseState | undefined {
  return caseStatesOf(machine).find((state) => state.name === name);
}

/** Whether a case that ended in this state decided against the person (its decision states the remedies). */
export function isAdverseOutcome(machine: AnyStateMachine, outcome: string | null): boolean {
  if (outcome === null) return false;
  const meta = caseStateNamed(machine, outcome)?.meta;
  return meta?.adverse === true || meta?.reviewable === true;
}

/** Whether a case that ended in this state may be challenged by re-examination (复核). */
export function isReviewableOutcome(machine: AnyStateMachine, outcome: string | null): boolean {
  if (outcome === null) return false;
  const state = caseStateNamed(machine, outcome);
  return state?.final === true && state.meta.reviewable === true;
}
