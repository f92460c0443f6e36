// The case type definitions and what their states mean: every version in the registry checks
// out (unique leaf names, whose move it is, events from its catalog, effects declared), the
// meaning of a state is read from its meta along the active path (nested states included), and
// no state name appears as a string literal outside machines/, so a renamed or moved state
// cannot leave a stale copy of the rule behind.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialTransition, setup, type StateValue, transition } from 'xstate';
import { z } from 'zod';
import {
  caseStatesOf,
  defineCaseType,
  type RecordStanding,
  stateMetaOf,
  stateNameOf,
} from '../../machines/case-type.js';
import { caseEffects } from '../../machines/effects.js';
import {
  caseTypeNames,
  caseTypeVersion,
  caseTypeVersions,
  caseTypes,
  mayBeReviewed,
  recordFilingTypes,
  stateNamesOf,
  statesWhere,
} from '../../machines/index.js';
import { caseMigrations, definitionsOf, migrateSnapshot } from '../../machines/migrations.js';
import { recordStatuses } from '../../src/domain/records.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('the registry of case types', () => {
  it('starts new cases under the last version of each type and keeps the older ones loadable', () => {
    expect(caseTypes.objection.version).toBe(5);
    expect(caseTypeVersion('objection', 2)?.version).toBe(2);
    expect(caseTypeVersion('objection', 3)?.version).toBe(3);
    expect(caseTypeVersion('objection', 9)).toBeUndefined();
    expect(caseTypeVersion('toString', 1)).toBeUndefined();
    for (const name of caseTypeNames) {
      const versions = caseTypeVersions(name).map((d) => d.version);
      expect(versions, name).toEqual([...versions].sort((a, b) => a - b));
      expect(caseTypes[name]).toBe(caseTypeVersions(name).at(-1));
      for (const definition of caseTypeVersions(name)) expect(definition.name).toBe(name);
    }
  });

  it('refuses a definition whose machine breaks the rules', () => {
    const effects = caseEffects('notifySubject');
    const machine = setup({ actions: { ...caseEffects('notifySubject', 'extendClock').actions } }).createMachine({
      id: 'broken',
      initial: 'a',
      states: {
        a: { meta: { waitingOn: 'reviewer' }, on: { GO: 'b' } },
        b: { initial: 'a', states: { a: {} } },
      },
    });
    expect(() =>
      defineCaseType({
        name: 'broken',
        version: 1,
        machine,
        filing: z.object({}),
        filingRoles: [],
        filingAttachments: false,
        events: {},
        effects,
      }),
    ).toThrow(
      /leaf state names repeat: a.*state a does not say whose move it is.*handles GO, not in the catalog.*effect extendClock is not declared/,
    );
  });

  it('offers filings about a record by what the record is now', () => {
    const standing: RecordStanding = {
      status: 'published',
      disputed: false,
      explained: false,
      forum: 'platform',
      repairable: true,
      referred: false,
    };
    const offered = (record: RecordStanding) => recordFilingTypes.filter((t) => caseTypes[t].offeredFor(record));
    expect(offered(standing)).toEqual(['objection', 'repair', 'explanation']);
    expect(offered({ ...standing, status: 'disputed', disputed: true })).toEqual(['explanation']);
    expect(offered({ ...standing, status: 'repaired', explained: true })).toEqual(['objection']);
    // Another forum decides: a referral instead of an objection, and no repair for a kind the law excludes.
    const courtList = { ...standing, forum: 'enforcing_court', repairable: false } as const;
    expect(offered(courtList)).toEqual(['explanation', 'referral']);
    expect(offered({ ...courtList, referred: true })).toEqual(['explanation']);
  });
});

describe('what a state means', () => {
  const objectionV2 = caseTypeVersion('objection', 2)!.machine;
  const objectionV3 = caseTypeVersion('objection', 3)!.machine;
  const input = { recordId: 'r', subjectId: 's', reason: 'wrong' };

  it('names a nested state by its leaf and merges meta down the active path', () => {
    const [opened] = initialTransition(objectionV3, input);
    expect(opened.value).toEqual({ open: 'intake' });
    expect(stateNameOf(opened)).toBe('intake');
    expect(stateMetaOf(opened)).toEqual({ waitingOn: 'reviewer', deadline: 'objection.answer' });
    const [waiting] = transition(objectionV3, opened, { type: 'REQUEST_MATERIAL', requested: 'receipt' });
    expect(stateNameOf(waiting)).toBe('awaitingMaterial');
    expect(stateMetaOf(waiting)).toEqual({ waitingOn: 'citizen', clockPaused: true });
    expect(caseStatesOf(objectionV3).map((s) => s.path.join('.'))).toContain('open.verifying');
  });

  it('gives both objection versions the same state names', () => {
    expect(caseStatesOf(objectionV3).map((s) => s.name)).toEqual(caseStatesOf(objectionV2).map((s) => s.name));
    expect(stateNamesOf('objection')).not.toContain('open');
  });

  it('reads whose move it is per case type, never across types', () => {
    const supervisor = statesWhere((meta) => meta.waitingOn === 'supervisor');
    expect(supervisor).toEqual([{ type: 'correction', states: ['awaitingApproval'] }]);
    const citizen = statesWhere((meta) => meta.waitingOn === 'citizen');
    expect(citizen.map((e) => e.type).sort()).toEqual([
      'administrative-review',
      'deferral',
      'objection',
      'repair',
      'review',
    ]);
    const reviewBody = statesWhere((meta) => meta.waitingOn === 'review_body');
    expect(reviewBody).toEqual([
      {
        type: 'administrative-review',
        states: [
          'acceptanceReview',
          'copyToRespondent',
          'deliberating',
          'suspended',
          'supplementNoticeServing',
          'awaitingService',
        ],
      },
    ]);
  });

  it.each([
    { type: 'objection', machineVersion: 2, outcome: 'dismissed', reviewable: true },
    { type: 'objection', machineVersion: 3, outcome: 'dismissed', reviewable: true },
    { type: 'objection', machineVersion: 3, outcome: 'unresolved', reviewable: true },
    { type: 'objection', machineVersion: 3, outcome: 'rejected', reviewable: true },
    { type: 'objection', machineVersion: 3, outcome: 'upheld', reviewable: false },
    { type: 'objection', machineVersion: 3, outcome: 'withdrawn', reviewable: false },
    { type: 'repair', machineVersion: 1, outcome: 'refused', reviewable: true },
    { type: 'repair', machineVersion: 1, outcome: 'repaired', reviewable: false },
    { type: 'review', machineVersion: 1, outcome: 'decided', reviewable: false },
    { type: 'objection', machineVersion: 3, outcome: 'intake', reviewable: false },
  ])('a $type ending $outcome (v$machineVersion) may be reviewed: $reviewable', (theCase) => {
    expect(mayBeReviewed({ ...theCase, status: 'closed' })).toBe(theCase.reviewable);
  });
});

/** A state's path as the state value resolveState reads (nested states as objects). */
function stateValueOf(path: readonly string[]): StateValue {
  return path.slice(0, -1).reduceRight<StateValue>((inner, key) => ({ [key]: inner }), path.at(-1)!);
}

describe.each(caseMigrations)('migration $type v$from → v$to', (migration) => {
  const { from, to } = definitionsOf(migration);

  it('maps every state of the old version to a state of the new one with the same meaning', () => {
    expect(Object.keys(migration.states).sort()).toEqual(
      caseStatesOf(from.machine)
        .map((s) => s.name)
        .sort(),
    );
    for (const state of caseStatesOf(from.machine)) {
      const old = from.machine.resolveState({ value: stateValueOf(state.path), context: {} });
      const moved = migrateSnapshot(migration, old);
      const changed = migration.meaningChanges?.[state.name];
      const added = migration.clocksAdded?.[state.name];
      if (added) {
        // Declared with why: the new state runs the old one's clocks and exactly these besides.
        const { deadlines: newClocks, ...movedMeta } = stateMetaOf(moved);
        const { deadlines: oldClocks, ...oldMeta } = stateMetaOf(old);
        expect(movedMeta, state.name).toEqual(oldMeta);
        expect([...(newClocks ?? [])].sort(), state.name).toEqual([...(oldClocks ?? []), ...Object.keys(added)].sort());
      } else if (changed) {
        // Declared with its reason: who acts changes, the clocks and whether the case is closed do not.
        const clocksAndClosing = ({ deadline, deadlines, closed }: ReturnType<typeof stateMetaOf>) =>
          JSON.stringify({ deadline, deadlines, closed });
        expect(clocksAndClosing(stateMetaOf(moved)), `${state.name}: ${changed}`).toBe(
          clocksAndClosing(stateMetaOf(old)),
        );
      } else {
        expect(stateMetaOf(moved), state.name).toEqual(stateMetaOf(old));
      }
      expect(moved.status, state.name).toBe(old.status);
      expect(caseStatesOf(to.machine).map((s) => s.name)).toContain(stateNameOf(moved));
    }
  });

  it('refuses a state it does not map', () => {
    const old = from.machine.resolveState({ value: stateValueOf(caseStatesOf(from.machine)[0]!.path), context: {} });
    expect(() => migrateSnapshot({ ...migration, states: {} }, old)).toThrow(/does not map the state/);
  });
});

describe('no state names outside machines/', () => {
  // Words that are also a record's status (a published record, a repaired one) are that, outside machines/.
  const otherVocabulary = new Set<string>(recordStatuses);
  const stateNames = [...new Set(caseTypeNames.flatMap((name) => stateNamesOf(name)))].filter(
    (name) => !otherVocabulary.has(name),
  );

  function sourceFiles(dir: string): string[] {
    return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
      .map((e) => path.join(e.parentPath, e.name));
  }

  function literalsIn(source: string, names: readonly string[]): string[] {
    const found: string[] = [];
    for (const name of names) {
      if (new RegExp(`(['"\`])${name}\\1`).test(source)) found.push(name);
    }
    return found;
  }

  // The same words meaning something else, each checked by hand. ui/texts/ is left out as a
  // whole: it gives each state its words, and an English word may be the state's own name.
  const sameWordElsewhere: Record<string, string> = {
    "src/services/apply-case-event.ts: 'applied'": 'the outcome label of a metric',
    "src/services/case-engine.ts: 'rejected'": 'the status of a settled promise',
    "ui/pages/overview.page.tsx: 'awaitingApproval'": 'the key of a heading in ui/i18n.ts',
  };

  it('finds none in src/ or ui/', () => {
    const findings = ['src', 'ui'].flatMap((dir) =>
      sourceFiles(dir)
        .filter((file) => !file.startsWith(path.join(root, 'ui/texts') + path.sep))
        .flatMap((file) =>
          literalsIn(readFileSync(file, 'utf8'), stateNames).map((name) => `${path.relative(root, file)}: '${name}'`),
        ),
    );
    expect(findings.filter((finding) => !Object.hasOwn(sameWordElsewhere, finding))).toEqual([]);
  });

  it('would find one', () => {
    expect(literalsIn("inArray(cases.state, ['underReview', 'decided'])", stateNames)).toEqual([
      'underReview',
      'decided',
    ]);
    expect(literalsIn('texts.state(id) // underReviewing', stateNames)).toEqual([]);
  });
});
