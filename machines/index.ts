// Case type → its machine, the filing that opens a case of that type (and who may file it),
// and its event catalog. The version is stored with each case so a persisted snapshot is read
// by the machine it was written for; bump it when a change would misread old snapshots.
import type { AnyStateMachine } from 'xstate';
import type { z } from 'zod';
import type { Role } from '../src/domain/roles.js';
import type { CaseEventCatalog } from './case-events.js';
import { correctionEvents, correctionFilingSchema, correctionMachine } from './correction.machine.js';
import { explanationEvents, explanationFilingSchema, explanationMachine } from './explanation.machine.js';
import { objectionEvents, objectionFilingSchema, objectionMachine } from './objection.machine.js';
import { repairEvents, repairFilingSchema, repairMachine } from './repair.machine.js';
import { reviewEvents, reviewFilingSchema, reviewMachine } from './review.machine.js';

export interface CaseType {
  machine: AnyStateMachine;
  machineVersion: number;
  filing: z.ZodObject;
  /** Who may file one directly (a linked case is opened by its parent's machine). */
  filingRoles: readonly Role[];
  /** Whether evidence files may come with the filing. */
  filingAttachments: boolean;
  events: CaseEventCatalog;
}

export const caseTypes = {
  objection: {
    machine: objectionMachine,
    machineVersion: 2,
    filing: objectionFilingSchema,
    filingRoles: ['citizen'],
    filingAttachments: true,
    events: objectionEvents,
  },
  correction: {
    machine: correctionMachine,
    machineVersion: 1,
    filing: correctionFilingSchema,
    filingRoles: ['reviewer', 'supervisor'],
    filingAttachments: false,
    events: correctionEvents,
  },
  review: {
    machine: reviewMachine,
    machineVersion: 1,
    filing: reviewFilingSchema,
    filingRoles: ['citizen'],
    filingAttachments: true,
    events: reviewEvents,
  },
  repair: {
    machine: repairMachine,
    machineVersion: 1,
    filing: repairFilingSchema,
    filingRoles: ['citizen'],
    filingAttachments: true,
    events: repairEvents,
  },
  explanation: {
    machine: explanationMachine,
    machineVersion: 1,
    filing: explanationFilingSchema,
    filingRoles: ['citizen'],
    filingAttachments: false,
    events: explanationEvents,
  },
} satisfies Record<string, CaseType>;

export type CaseTypeName = keyof typeof caseTypes;
export const caseTypeNames = Object.keys(caseTypes) as CaseTypeName[];

export function isCaseTypeName(value: string): value is CaseTypeName {
  return Object.hasOwn(caseTypes, value);
}

/** An event of a case type by name; undefined for names that are not its own (`__proto__`, `toString`). */
export function eventOfCaseType(caseType: CaseType, name: string): CaseType['events'][string] | undefined {
  return Object.hasOwn(caseType.events, name) ? caseType.events[name] : undefined;
}
