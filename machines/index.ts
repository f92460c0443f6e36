// Case type → its machine, the input that opens a case of that type, and its event catalog.
// The version is stored with each case so a persisted snapshot is read by the machine it was
// written for; bump it when a change to a machine would misread old snapshots.
import type { AnyStateMachine } from 'xstate';
import type { z } from 'zod';
import type { CaseEventCatalog } from './case-events.js';
import { objectionEvents, objectionFilingSchema, objectionMachine } from './objection.machine.js';

export interface CaseType {
  machine: AnyStateMachine;
  machineVersion: number;
  filing: z.ZodObject;
  /** Whether evidence files may come with the filing. */
  filingAttachments: boolean;
  events: CaseEventCatalog;
}

export const caseTypes = {
  objection: { machine: objectionMachine, machineVersion: 1, filing: objectionFilingSchema, filingAttachments: true, events: objectionEvents },
} satisfies Record<string, CaseType>;

export type CaseTypeName = keyof typeof caseTypes;
export const caseTypeNames = Object.keys(caseTypes) as CaseTypeName[];

export function isCaseTypeName(value: string): value is CaseTypeName {
  return Object.hasOwn(caseTypes, value);
}
