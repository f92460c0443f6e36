// The database schema, one for both drivers (PostgreSQL via postgres.js, embedded PGlite).
// drizzle-kit generates db/migrations from this file; the append-only rule on case_events
// lives in a hand-written migration (db/migrations/*_case_events_append_only.sql).
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { CaseClock } from '../src/domain/case-clock.js';
import type { PolicyVersion } from '../src/domain/policy.js';
import type { NoticeContent } from '../src/domain/decision-notice.js';
import type { OnBehalfRelation } from '../src/domain/on-behalf.js';

/** Binary content; postgres.js hands back a Buffer, PGlite a Uint8Array: both become a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const agencies = pgTable('agencies', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  /** 统一社会信用代码 (GB 32100-2015), validated before insert. */
  uscc: text('uscc').notNull().unique(),
  createdAt: createdAt(),
});

export const subjects = pgTable(
  'subjects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /**
     * 居民身份证号码 (GB 11643-1999) in clear: only in databases from before migration 0010, until
     * the next start seals it (src/services/resident-id-vault.ts) and empties this column.
     */
    residentId: text('resident_id'),
    /** The number, validated before insert, sealed with AES-256-GCM under XIUFU_RESIDENT_ID_KEYS. */
    residentIdSealed: text('resident_id_sealed'),
    /** Keyed hash (XIUFU_RESIDENT_ID_LOOKUP_KEYS) that searches by number compare with. */
    residentIdLookup: text('resident_id_lookup').unique(),
    /** Region code and last four characters, for roles that do not need the whole number. */
    residentIdMasked: text('resident_id_masked'),
    createdAt: createdAt(),
  },
  (table) => [
    check(
      'subjects_resident_id_kept',
      sql`${table.residentId} is not null or (${table.residentIdSealed} is not null and ${table.residentIdLookup} is not null and ${table.residentIdMasked} is not null)`,
    ),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    /** Where e-mail notifications go, when SMTP is configured. */
    email: text('email'),
    /** scrypt$N$r$p$salt$hash (src/services/passwords.ts). */
    passwordHash: text('password_hash').notNull(),
    role: text('role', {
      enum: ['citizen', 'reviewer', 'supervisor', 'agency', 'admin', 'system', 'review_body'],
    }).notNull(),
    subjectId: uuid('subject_id').references(() => subjects.id),
    agencyId: uuid('agency_id').references(() => agencies.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('users_citizen_has_subject', sql`(${t.role} = 'citizen') = (${t.subjectId} is not null)`),
    check('users_agency_has_agency', sql`(${t.role} = 'agency') = (${t.agencyId} is not null)`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the bearer token: a leaked table does not leak usable tokens. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

const recordKind = text('kind', {
  enum: [
    'administrative_penalty',
    'serious_list_entry',
    'court_dishonest_debtor',
    'credit_report_negative',
    'other_dishonesty',
  ],
});

export const creditRecords = pgTable(
  'credit_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    kind: recordKind.notNull(),
    domain: text('domain').notNull(),
    class: text('class', { enum: ['minor', 'general', 'serious'] }).notNull(),
    /** Content is emptied ('' or null) when a credit-report record is deleted (see deletedAt). */
    decisionNumber: text('decision_number').notNull(),
    decisionDate: date('decision_date', { mode: 'string' }),
    facts: text('facts').notNull(),
    legalBasis: text('legal_basis').notNull(),
    obligation: text('obligation'),
    obligationPerformed: boolean('obligation_performed').notNull().default(false),
    publishedFrom: date('published_from', { mode: 'string' }).notNull(),
    repairableFrom: date('repairable_from', { mode: 'string' }),
    /** For a credit-report record (never published): the last day it is kept (征信业管理条例 art. 16). */
    publishedUntil: date('published_until', { mode: 'string' }).notNull(),
    /** Credit-report records: the day the conduct ended (the loan repaid, say); their keeping counts from it. */
    conductEndedOn: date('conduct_ended_on', { mode: 'string' }),
    /**
     * Court list of dishonest judgment debtors only: the paragraph of art. 1 of the SPC rules
     * (2017) the entry rests on. 1: no fixed term (until performance); 2–6: 2 years, extendable by
     * 1–3 years (art. 2). Null for other kinds, and for court entries recorded before this column.
     */
    courtListParagraph: integer('court_list_paragraph'),
    status: text('status', { enum: ['published', 'corrected', 'repaired', 'expired', 'revoked', 'deleted'] })
      .notNull()
      .default('published'),
    /** The tombstone of a deleted record: when and why its content (and every version's) was erased. */
    deletedAt: instant('deleted_at'),
    deletionReason: text('deletion_reason'),
    /** The disputed mark: the open objection on this record, if any. */
    disputedByCaseId: uuid('disputed_by_case_id'),
    /** The subject's published self-explanation, shown beside the record (explanation cases). */
    explanation: text('explanation'),
    explanationCaseId: uuid('explanation_case_id'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [index('credit_records_subject_idx').on(t.subjectId), index('credit_records_agency_idx').on(t.agencyId)],
);

/** Every version a record has had, the current one included; never rewritten. */
export const creditRecordVersions = pgTable(
  'credit_record_versions',
  {
    recordId: uuid('record_id')
      .notNull()
      .references(() => creditRecords.id),
    version: integer('version').notNull(),
    /** The record's fields as they were in this version. */
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    changedByCaseId: uuid('changed_by_case_id'),
    changeReason: text('change_reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.version] })],
);

/**
 * What happened to a record outside any case (case_events holds what cases do to it): for now
 * the deletion of a credit-report record's content at the end of its keeping period. Append-only
 * (a trigger refuses UPDATE, DELETE and TRUNCATE), and it holds no record content.
 */
export const recordEvents = pgTable(
  'record_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => creditRecords.id),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    at: instant('at').notNull(),
    // OBJECTION_KEPT_ON_RECORD: an unresolved objection kept beside the record (征信业管理条例 art. 25).
    // REPAIR_BAN_LIFTED: a bar on repair lifted by a review that went the person's way.
    // FORUM_ANSWER: the answer of the forum a referral went to (court, credit-reporting agency).
    event: text('event', {
      enum: ['CONTENT_DELETED', 'INSTALMENT_MISSED', 'OBJECTION_KEPT_ON_RECORD', 'REPAIR_BAN_LIFTED', 'FORUM_ANSWER'],
    }).notNull(),
    actorUserId: uuid('actor_user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    index('record_events_record_idx').on(t.recordId, t.at),
    index('record_events_subject_idx').on(t.subjectId, t.at),
  ],
);

export const policyVersions = pgTable('policy_versions', {
  id: text('id').primaryKey(),
  jurisdiction: text('jurisdiction').notNull(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  document: jsonb('document').$type<PolicyVersion>().notNull(),
  createdAt: createdAt(),
});

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').notNull(),
    machineVersion: integer('machine_version').notNull(),
    /** The machine's state value, for queues and filters; the snapshot is the truth. */
    state: text('state').notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    outcome: text('outcome'),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    /** Optimistic concurrency: every applied event adds one; equals the last audit event's seq. */
    version: integer('version').notNull(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    recordId: uuid('record_id').references(() => creditRecords.id),
    agencyId: uuid('agency_id').references(() => agencies.id),
    openedByUserId: uuid('opened_by_user_id')
      .notNull()
      .references(() => users.id),
    /** The case this one follows from (an objection's correction, a dismissal's review). */
    parentCaseId: uuid('parent_case_id'),
    assigneeId: uuid('assignee_id').references(() => users.id),
    policyVersionId: text('policy_version_id')
      .notNull()
      .references(() => policyVersions.id),
    /** The clock of the state's own deadline. */
    clock: jsonb('clock').$type<CaseClock>(),
    /** Further clocks that run across states (a repair's report deadline beside its decision). */
    otherClocks: jsonb('other_clocks').$type<CaseClock[]>().notNull().default([]),
    /** SLA moments over all clocks, written with them (slaMomentsOf, src/domain/sla.ts). */
    slaBreachAt: instant('sla_breach_at'),
    slaWarningAt: instant('sla_warning_at'),
    slaRunning: boolean('sla_running').notNull().default(false),
    slaPaused: boolean('sla_paused').notNull().default(false),
    dueAt: instant('due_at'),
    /**
     * When the case's next timer fires (a warning point or a deadline; src/domain/case-timers.ts),
     * null when none is pending: written from the clocks with them, read by the reconciler, which
     * hands the due ones to the job workers. The clocks are the truth; this is their index.
     */
    nextTimerAt: instant('next_timer_at'),
    /** How many times material was asked for (the machine's context.materialRequests), written with the snapshot. */
    materialRequests: smallint('material_requests').notNull().default(0),
    idempotencyKey: text('idempotency_key'),
    /** sha256 of the filing, to tell a replay from a different request under the same key. */
    filingHash: text('filing_hash'),
    /**
     * The network address a person's filing came from (client-address.ts), in clear: only in
     * databases from before migration 0032, until the next start hashes it
     * (protectFilingAddresses, filing-address-vault.ts) and empties this column.
     */
    filedFromAddress: text('filed_from_address'),
    /**
     * The repair application (repair_applications) this case was filed in with others: one
     * commitment and one set of evidence for several records, each record its own case.
     */
    applicationId: uuid('application_id').references((): AnyPgColumn => repairApplications.id),
    /**
     * The filing's address as a keyed hash (HMAC under the look-up key), which the rule that flags
     * possible paid agents groups by (read-agent-flags.ts), and masked (203.0.113.*) for staff;
     * null for cases opened by the system or by another case, and for cases filed before it was kept.
     */
    filedFromAddressLookup: text('filed_from_address_lookup'),
    filedFromAddressMasked: text('filed_from_address_masked'),
    /**
     * A filing on someone else's behalf (民法典 arts. 161–165: an agent acts within a written
     * authorisation): the filer's relation to the subject (onBehalfRelations, src/domain/on-behalf.ts);
     * null when the subject filed it themself. The filer is `opened_by_user_id`; the letter is an
     * attachment of kind "authorisation".
     */
    onBehalfRelation: text('on_behalf_relation').$type<OnBehalfRelation>(),
    /** Staff found the authorisation not valid at intake: when, by whom, and why. */
    authorisationRejectedAt: instant('authorisation_rejected_at'),
    authorisationRejectedBy: uuid('authorisation_rejected_by').references(() => users.id),
    authorisationRejectedReason: text('authorisation_rejected_reason'),
    /**
     * The contact phone given with the filing (optional), sealed like a resident identity number
     * and bound to the case (contact-phone-vault.ts); its keyed hash groups filings for the
     * paid-agent rule; the masked form is what staff see.
     */
    contactPhoneSealed: text('contact_phone_sealed'),
    contactPhoneLookup: text('contact_phone_lookup'),
    contactPhoneMasked: text('contact_phone_masked'),
    openedAt: instant('opened_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    closedAt: instant('closed_at'),
  },
  (t) => [
    index('cases_queue_idx').on(t.type, t.status, t.state),
    // What case_events' (case_id, case_opened_at) refers to.
    uniqueIndex('cases_id_opened_idx').on(t.id, t.openedAt),
    index('cases_subject_idx').on(t.subjectId),
    index('cases_assignee_idx').on(t.assigneeId),
    // Most cases have no parent: only those that do are indexed (a look-up by parent = x uses it).
    index('cases_parent_idx').on(t.parentCaseId).where(sql`${t.parentCaseId} is not null`),
    // Most cases belong to no application: only those that do are indexed.
    index('cases_application_idx').on(t.applicationId).where(sql`${t.applicationId} is not null`),
    // The SLA summary counts cases opened and closed per week; the queue sorts by age.
    index('cases_opened_idx').on(t.openedAt, t.id),
    // The reviewers' queue: open cases by due moment (none last), then age, then id, read in
    // order; the expression is the one the queue's keyset condition compares, so a deep page
    // starts with an index seek (read-cases.ts, queueOrder).
    index('cases_open_due_idx')
      .on(sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`, t.openedAt, t.id)
      .where(sql`${t.status} = 'open'`),
    // The reconciler's and /readyz's look-up: only cases with a timer pending are indexed.
    index('cases_next_timer_idx').on(t.nextTimerAt).where(sql`${t.nextTimerAt} is not null`),
    index('cases_closed_idx').on(t.closedAt).where(sql`${t.closedAt} is not null`),
    // A citizen's list reaches the cases they filed for others (case-access.ts): only those are
    // indexed (a person's own filings are found by their subject); the paid-agent rule groups
    // filings by phone (read-agent-flags.ts).
    index('cases_opened_by_idx').on(t.openedByUserId).where(sql`${t.onBehalfRelation} is not null`),
    index('cases_contact_phone_idx').on(t.contactPhoneLookup).where(sql`${t.contactPhoneLookup} is not null`),
    // Open cases asked for material more than once (一次性告知), listed to supervisors
    // (read-sla-summary.ts, askedAgain): the predicate is the query's, so only those are read.
    // It names a column of its own, not the snapshot or updated_at, which every event changes:
    // an update that changes no indexed column can stay HOT.
    index('cases_open_asked_again_idx')
      .on(t.materialRequests.desc(), t.openedAt, t.id)
      .where(sql`${t.status} = 'open' and ${t.materialRequests} > 1`),
    // One open objection per record: the disputed mark belongs to exactly one case.
    uniqueIndex('cases_one_open_objection_per_record')
      .on(t.recordId)
      .where(sql`${t.type} = 'objection' and ${t.status} = 'open'`),
    // One open repair application per record.
    uniqueIndex('cases_one_open_repair_per_record')
      .on(t.recordId)
      .where(sql`${t.type} = 'repair' and ${t.status} = 'open'`),
    uniqueIndex('cases_idempotency_idx')
      .on(t.openedByUserId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
  ],
);

/**
 * One application to repair several records (issue 16 item 2): the commitment letter signed
 * once and the evidence uploaded once, for records each decided by its own department in a
 * case of its own (cases.application_id). The commitment and the files' hashes are also in
 * each case's FILED audit event; this row is what groups them.
 */
export const repairApplications = pgTable(
  'repair_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    filedByUserId: uuid('filed_by_user_id')
      .notNull()
      .references(() => users.id),
    filedAt: instant('filed_at').notNull(),
    /** The public commitment letter (信用修复承诺书), signed once for every record. */
    commitment: text('commitment').notNull(),
    routes: jsonb('routes').$type<string[]>().notNull(),
    /** The evidence shared by every case: each file by name, type, size and SHA-256. */
    evidence: jsonb('evidence')
      .$type<{ filename: string; contentType: string; size: number; sha256: string }[]>()
      .notNull()
      .default([]),
  },
  (t) => [index('repair_applications_subject_idx').on(t.subjectId, t.filedAt)],
);

/**
 * The audit chain: append-only (the database refuses UPDATE, DELETE and TRUNCATE), and
 * partitioned by the month its case was opened (migration 0016; partitions made ahead by
 * src/services/case-event-partitions.ts). A case's whole chain lives in one partition, so the
 * chain reads from one place, old months archive whole chains at once, and (case_id, seq) stays
 * unique: the partition key is fixed per case, so adding it to the unique index changes nothing.
 */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    caseId: uuid('case_id').notNull(),
    /** The case's opened_at, copied: the partition key. */
    caseOpenedAt: instant('case_opened_at').notNull(),
    seq: integer('seq').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actorRole: text('actor_role').notNull(),
    at: instant('at').notNull(),
    event: text('event').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    payload: jsonb('payload').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    // One event per version of a case: (case, seq) is the key, with the partition key beside it
    // as a partitioned table's key must be. The key is the only index an event writes (issue 17:
    // the serial id had one of its own, which nothing read).
    primaryKey({ columns: [t.caseId, t.seq, t.caseOpenedAt] }),
    // The partition key is the case's own opening moment, held so by the database.
    foreignKey({
      name: 'case_events_case_fk',
      columns: [t.caseId, t.caseOpenedAt],
      foreignColumns: [cases.id, cases.openedAt],
    }),
  ],
);

/** Effects to carry out after commit (notifications, propagation); a relay hands them to BullMQ. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id').references(() => cases.id),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    availableAt: instant('available_at').notNull().defaultNow(),
    processedAt: instant('processed_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [index('outbox_pending_idx').on(t.availableAt).where(sql`${t.processedAt} is null`)],
);

/** Days that differ from the Monday-to-Friday week: public holidays and worked weekend days (调休). */
export const calendarDays = pgTable('calendar_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
  name: text('name').notNull(),
});

/** Years whose State Council notice is loaded; a deadline reaching any other year is refused. */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  source: text('source').notNull(),
  loadedAt: createdAt(),
});

/** Evidence on a case. Its SHA-256 is also in the audit event that added it (event_seq). */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    eventSeq: integer('event_seq').notNull(),
    uploadedByUserId: uuid('uploaded_by_user_id')
      .notNull()
      .references(() => users.id),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** What the file is: evidence (null), or "authorisation", the letter a filing on someone's behalf carries. */
    kind: text('kind', { enum: ['authorisation'] }),
    /** Null on the embedded build: the content is in <data dir>/files under its sha256 (src/services/evidence-store.ts). */
    content: bytea('content'),
    createdAt: createdAt(),
  },
  // By hash: the sweep of the evidence folder asks which files rows still refer to.
  (t) => [index('attachments_case_idx').on(t.caseId), index('attachments_sha256_idx').on(t.sha256)],
);

/** In-app notifications to a subject, written by the case engine's effects. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** A subject's notification (citizens) ... */
    subjectId: uuid('subject_id').references(() => subjects.id),
    /** ... or a staff member's (deadline warnings and breaches). */
    userId: uuid('user_id').references(() => users.id),
    caseId: uuid('case_id').references(() => cases.id),
    /** What happened, as a key the UI words in the reader's language. */
    topic: text('topic').notNull(),
    data: jsonb('data').$type<Record<string, string>>().notNull(),
    createdAt: createdAt(),
    readAt: instant('read_at'),
  },
  // A notification is either a subject's or a staff member's: each index holds only its own
  // rows, so a notification writes one entry there, not two.
  (t) => [
    index('notifications_subject_idx').on(t.subjectId, t.createdAt).where(sql`${t.subjectId} is not null`),
    index('notifications_user_idx').on(t.userId, t.createdAt).where(sql`${t.userId} is not null`),
  ],
);

/** Downstream platforms that publish records and must learn of every change (propagation). */
export const platforms = pgTable('platforms', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** http: the relay posts each change, signed, and a 2xx is the acknowledgement; manual: a person confirms. */
  kind: text('kind', { enum: ['http', 'manual'] }).notNull(),
  endpointUrl: text('endpoint_url'),
  /** HMAC-SHA256 key for the X-Xiufu-Signature header of http deliveries. */
  signingSecret: text('signing_secret'),
  createdAt: createdAt(),
});

/** Which platforms publish which agency's records. */
export const agencyPlatforms = pgTable(
  'agency_platforms',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    platformId: uuid('platform_id')
      .notNull()
      .references(() => platforms.id),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.platformId] })],
);

/** One platform's part in propagating one case's change of a record. */
export const propagations = pgTable(
  'propagations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    platformId: uuid('platform_id')
      .notNull()
      .references(() => platforms.id),
    recordId: uuid('record_id')
      .notNull()
      .references(() => creditRecords.id),
    recordVersion: integer('record_version').notNull(),
    status: text('status', { enum: ['pending', 'acknowledged'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    lastAttemptAt: instant('last_attempt_at'),
    acknowledgedAt: instant('acknowledged_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('propagations_case_platform_idx').on(t.caseId, t.platformId)],
);

/** Subjects barred from credit repair until a date (false material in an earlier repair). */
export const repairBans = pgTable('repair_bans', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  subjectId: uuid('subject_id')
    .notNull()
    .references(() => subjects.id),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id),
  until: date('until', { mode: 'string' }).notNull(),
  reason: text('reason').notNull(),
  createdAt: createdAt(),
  /**
   * Set when a re-examination (复核) or administrative review (行政复议) of the repair decision that
   * imposed the bar went the person's way: the bar no longer counts (the row stays, as history).
   */
  liftedAt: instant('lifted_at'),
  liftedByCaseId: uuid('lifted_by_case_id').references(() => cases.id),
  liftReason: text('lift_reason'),
});

/**
 * The schedule a deferral case granted for a record's obligation (行政处罚法 art. 66), as it now
 * stands: written by the case's effects, read by the record page and repair eligibility. The
 * case's snapshot is the truth; this is its projection onto the record.
 */
export const obligationSchedules = pgTable(
  'obligation_schedules',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id),
    recordId: uuid('record_id')
      .notNull()
      .references(() => creditRecords.id),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    status: text('status', { enum: ['kept', 'missed', 'completed'] }).notNull(),
    instalments: jsonb('instalments').$type<{ dueOn: string; amount: number; paidOn: string | null }[]>().notNull(),
    grantedAt: instant('granted_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [index('obligation_schedules_record_idx').on(t.recordId, t.grantedAt)],
);

/**
 * 查询使用登记 (征信业管理条例 art. 22; 国办发〔2016〕98号 4(1)): every read of a person's records
 * or cases by someone other than that person: who, in what role, when, what, and why.
 */
export const accessLog = pgTable(
  'access_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: instant('at').notNull(),
    actorUserId: uuid('actor_user_id')
      .notNull()
      .references(() => users.id),
    actorRole: text('actor_role').notNull(),
    subjectId: uuid('subject_id')
      .notNull()
      .references(() => subjects.id),
    caseId: uuid('case_id'),
    recordId: uuid('record_id'),
    action: text('action').notNull(),
    purpose: text('purpose').notNull(),
  },
  (t) => [index('access_log_subject_idx').on(t.subjectId, t.at), index('access_log_actor_idx').on(t.actorUserId, t.at)],
);

/** Failed logins, for throttling by account and address pair, by address and by account (src/services/log-in.ts). */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    username: text('username').notNull(),
    address: text('address').notNull(),
    at: instant('at').notNull(),
  },
  (t) => [
    index('login_failures_username_idx').on(t.username, t.at),
    index('login_failures_address_idx').on(t.address, t.at),
  ],
);

/**
 * Public look-ups per client address in the current minute (a fixed window), for throttling the
 * public look-up across every API process: one row per address, counted up in one statement.
 */
export const publicLookupCounts = pgTable('public_lookup_counts', {
  address: text('address').primaryKey(),
  windowStart: instant('window_start').notNull(),
  lookups: integer('lookups').notNull(),
});

/**
 * Daily anchors of the audit chains: one hash over every case's chain head at a moment. Since
 * each head can be found again from case_events (its last event at or before that moment),
 * removing a case's whole trail, which no single chain can reveal, breaks the anchor.
 */
export const auditAnchors = pgTable('audit_anchors', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  takenAt: instant('taken_at').notNull(),
  cases: integer('cases').notNull(),
  root: text('root').notNull(),
  /**
   * `<key id>.<hex HMAC-SHA256>` of the moment, count and root under XIUFU_AUDIT_KEYS: whoever
   * rewrites chains and anchors inside the database cannot make a seal without the key.
   * Null only for anchors taken before migration 0010.
   */
  seal: text('seal'),
});

/**
 * The SLA figures over all open cases (counts by type, state and status, by assignee and by
 * agency; cases opened and closed per week; days to a decision), as last computed. Computing
 * them reads every open case, seconds at a million; supervisors read this copy, at most a
 * minute old, refreshed by one process at a time (read-sla-summary.ts).
 */
export const slaFigures = pgTable('sla_figures', {
  name: text('name').primaryKey(),
  takenAt: instant('taken_at').notNull(),
  figures: jsonb('figures').notNull(),
});

/**
 * The written notices of decisions (决定通知书), one per decision event: the content the PDF is
 * drawn from (src/domain/decision-notice.ts) and the sha256 of that PDF, which the decision's
 * audit event also carries (`payload.notice`), so the file can be drawn again and checked
 * against the trail. The verification code is what the public page is opened with.
 */
export const decisionNotices = pgTable(
  'decision_notices',
  {
    code: text('code').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    eventSeq: integer('event_seq').notNull(),
    kind: text('kind').notNull(),
    /** Whether this decision undoes an earlier one (a revoked repair; a review that revoked). */
    undoes: boolean('undoes').notNull(),
    content: jsonb('content').$type<NoticeContent>().notNull(),
    sha256: text('sha256').notNull(),
    issuedAt: instant('issued_at').notNull(),
  },
  (t) => [uniqueIndex('decision_notices_case_event_idx').on(t.caseId, t.eventSeq)],
);

/**
 * A user's saved views of the case queue ("mine, due this week"): a name and the list's filters
 * as the queue's address takes them (`type=objection&assignee=me&due=week`), kept server-side so
 * they follow the user from one browser to another. Each user's own; names unique per user.
 */
export const queueViews = pgTable(
  'queue_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    query: text('query').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('queue_views_user_name_idx').on(t.userId, t.name)],
);
