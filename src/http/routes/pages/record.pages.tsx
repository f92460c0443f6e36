// The citizen's records: the list, one record with its history, and filing about it.
import type { Hono } from 'hono';
import { caseTypes, isCaseTypeName, isRecordFilingType, recordFilingTypes } from '../../../../machines/index.js';
import type { RecordStanding } from '../../../../machines/case-type.js';
import { isDomainError } from '../../../domain/errors.js';
import { openCase } from '../../../services/open-case.js';
import { getRecord, listMyRecords } from '../../../services/read-records.js';
import { issuesIn, problemIn } from '../../../../ui/problem-texts.js';
import { getCase } from '../../../services/read-cases.js';
import { listAttachments } from '../../../services/read-attachments.js';
import type { ServiceContext } from '../../../services/context.js';
import type { Actor } from '../../../domain/roles.js';
import { errorsByPath, formToInput } from '../../../../ui/components/schema-form.js';
import type { PageContext } from '../../../../ui/page-context.js';
import { ErrorPage } from '../../../../ui/pages/error.page.js';
import { RecordPage, type FilingForm } from '../../../../ui/pages/record.page.js';
import { RecordsPage, type SeveralRecordsForm } from '../../../../ui/pages/records.page.js';
import { RepairApplicationPage } from '../../../../ui/pages/repair-application.page.js';
import { withoutFixedFields } from '../../../../ui/pages/record.page.js';
import {
  FileOnBehalfPage,
  onBehalfFilingTypes,
  type OnBehalfFilingType,
} from '../../../../ui/pages/file-on-behalf.page.js';
import {
  fileRepairApplication,
  repairChoicesOf,
  type RefusedRecord,
} from '../../../services/file-repair-application.js';
import { getRepairApplication } from '../../../services/read-repair-applications.js';
import { homeOf, readForm, statusOf, errorPage, filingSchemaOf, emptyForm, type PageEnv } from './page-kit.js';

/** The repair filing's fields without the record: the records are the ticks on the list. */
const severalSchema = withoutFixedFields(filingSchemaOf('repair'), ['recordId']);

const onBehalfTypeOf = (type: string | undefined): OnBehalfFilingType =>
  onBehalfFilingTypes.find((known) => known === type) ?? 'objection';

export function recordPages(pages: Hono<PageEnv>): void {
  /** The records list with a repair choice on each record, and the form for several at once. */
  async function recordsPage(page: PageContext, ctx: ServiceContext, several: Partial<SeveralRecordsForm> = {}) {
    const records = await listMyRecords(ctx, page.actor!);
    const choices = await repairChoicesOf(
      ctx,
      page.actor!,
      records.filter((record) => record.publicKind && !record.deletedAt),
    );
    return (
      <RecordsPage
        page={page}
        records={records}
        repairChoices={choices}
        several={{ schema: severalSchema, values: {}, errors: {}, ...several }}
      />
    );
  }

  pages.get('/records', async (c) => {
    const page = c.get('page');
    if (page.actor!.role !== 'citizen') return c.redirect(homeOf(page.actor!.role), 303);
    return c.html(await recordsPage(page, c.get('services')));
  });

  /**
   * One application for the records ticked (issue 16 item 2): all or none. A refusal shows the
   * list again with what was written and ticked kept, each record that did not qualify named
   * with its rules, and the files to be chosen again (a browser cannot be handed them back).
   */
  pages.post('/repair-applications', async (c) => {
    const page = c.get('page');
    if (page.actor!.role !== 'citizen') return c.redirect(homeOf(page.actor!.role), 303);
    const { values, files } = await readForm(c);
    try {
      const filed = await fileRepairApplication(c.get('services'), {
        actor: page.actor!,
        filing: {
          ...formToInput(severalSchema, values),
          recordIds: [values.recordIds ?? []].flat().filter((id) => id !== ''),
        },
        files,
        clientAddress: c.get('clientAddress'),
      });
      return c.redirect(`/repair-applications/${filed.applicationId}?done=FILED`, 303);
    } catch (error) {
      if (!isDomainError(error) || ['RECORD_NOT_FOUND', 'FORBIDDEN'].includes(error.code)) return errorPage(c, error);
      return c.html(
        await recordsPage(page, c.get('services'), {
          values,
          errors: errorsByPath(issuesIn(page.locale, error.details.issues)),
          problem: problemIn(page.locale, error),
          refused: (error.details.records as RefusedRecord[] | undefined) ?? [],
        }),
        statusOf(error),
      );
    }
  });

  pages.get('/repair-applications/:id', async (c) => {
    const page = c.get('page');
    try {
      const application = await getRepairApplication(c.get('services'), page.actor!, c.req.param('id'));
      return c.html(
        <RepairApplicationPage page={page} application={application} filed={c.req.query('done') === 'FILED'} />,
      );
    } catch (error) {
      return errorPage(c, error);
    }
  });

  /** What the record's subject may file about it now; a refusal (e.g. repair eligibility) comes on sending. */
  function filingsFor(
    page: PageContext,
    record: Awaited<ReturnType<typeof getRecord>>,
    failed?: FilingForm,
  ): FilingForm[] {
    // A deleted credit-report record is a tombstone: nothing can be filed about it.
    if (page.actor?.role !== 'citizen' || record.deletedAt) return [];
    const standing: RecordStanding = {
      status: record.status,
      disputed: record.disputedByCaseId !== null,
      explained: record.explanationCaseId !== null,
      forum: record.kindRule.forum,
      repairable: record.kindRule.repair.repairable,
      referred: record.openReferralCaseId !== null,
      kind: record.kind,
      obligationOpen: record.obligation !== null && !record.obligationPerformed,
      deferralRunning: record.deferralCaseId !== null,
    };
    return (
      recordFilingTypes
        .filter((type) => caseTypes[type].offeredFor(standing))
        // Before the first repair day the page shows the countdown instead of the form.
        .filter((type) => !(type === 'repair' && record.repairWait))
        .map((type) => (failed?.type === type ? failed : emptyForm(type)))
    );
  }

  /**
   * "Apply again" after a refused repair (issue 16 item 3): the form starts with the refused
   * application's routes and commitment, and keeps its uploads by reference.
   */
  async function appliedAgain(
    ctx: ServiceContext,
    actor: Actor,
    form: FilingForm,
    recordId: string,
    caseId: string,
  ): Promise<FilingForm> {
    const earlier = await getCase(ctx, actor, caseId);
    if (earlier.type !== form.type || earlier.recordId !== recordId || earlier.status !== 'closed') return form;
    const details = earlier.details as { routes?: { route: string }[]; commitment?: string };
    const files = await listAttachments(ctx, actor, caseId);
    return {
      ...form,
      values: {
        ...form.values,
        ...(details.routes ? { routes: details.routes.map((r) => r.route) } : {}),
        ...(details.commitment ? { commitment: details.commitment } : {}),
      },
      kept: { caseId, files: files.map((f) => ({ filename: f.filename, sha256: f.sha256 })) },
    };
  }

  pages.get('/records/:id', async (c) => {
    const page = c.get('page');
    try {
      const record = await getRecord(c.get('services'), page.actor!, c.req.param('id'));
      // Linked from a decided repair ("object to this result"): the objection form says so already.
      const concerns = c.req.query('concerns');
      const again = c.req.query('again');
      const filings = await Promise.all(
        filingsFor(page, record).map((form) =>
          form.type === 'objection' && (concerns === 'repair_result' || concerns === 'display_period')
            ? { ...form, values: { ...form.values, concerns } }
            : form.type === 'repair' && again
              ? appliedAgain(c.get('services'), page.actor!, form, record.id, again)
              : form,
        ),
      );
      return c.html(<RecordPage page={page} record={record} filings={filings} />);
    } catch (error) {
      return errorPage(c, error);
    }
  });

  /** A reviewer or supervisor asks to see the whole resident identity number: registered, then shown. */
  pages.post('/records/:id/resident-id', async (c) => {
    const page = c.get('page');
    try {
      const record = await getRecord(c.get('services'), page.actor!, c.req.param('id'), { revealResidentId: true });
      return c.html(<RecordPage page={page} record={record} filings={[]} />);
    } catch (error) {
      return errorPage(c, error);
    }
  });

  /** Filing for someone else: the form, for a type about a record (objection by default). */
  pages.get('/file-on-behalf', (c) => {
    const page = c.get('page');
    if (page.actor!.role !== 'citizen') return c.html(<ErrorPage page={page} status={403} />, 403);
    return c.html(<FileOnBehalfPage page={page} form={emptyForm(onBehalfTypeOf(c.req.query('type')))} />);
  });

  pages.post('/file-on-behalf', async (c) => {
    const page = c.get('page');
    if (page.actor!.role !== 'citizen') return c.html(<ErrorPage page={page} status={403} />, 403);
    const type = onBehalfTypeOf(c.req.query('type'));
    const { values, files, letters } = await readForm(c);
    try {
      const opened = await openCase(c.get('services'), {
        actor: page.actor!,
        type,
        filing: formToInput(filingSchemaOf(type), values),
        files,
        clientAddress: c.get('clientAddress'),
        onBehalf: {
          subjectResidentId: values.subjectResidentId,
          subjectName: values.subjectName,
          decisionNumber: values.decisionNumber,
          relation: values.relation,
        },
        authorisationLetters: letters,
        contactPhone: values.contactPhone,
      });
      return c.redirect(`/cases/${opened.row.id}?done=FILED`, 303);
    } catch (error) {
      if (!isDomainError(error) || error.code === 'FORBIDDEN') return errorPage(c, error);
      // Everything the person entered comes back with the problem; only the files are chosen again.
      const failed: FilingForm = {
        ...emptyForm(type),
        values,
        errors: errorsByPath(issuesIn(page.locale, error.details.issues)),
        problem: problemIn(page.locale, error),
      };
      return c.html(<FileOnBehalfPage page={page} form={failed} />, statusOf(error));
    }
  });

  pages.post('/records/:id/file/:type', async (c) => {
    const page = c.get('page');
    const recordId = c.req.param('id');
    const type = c.req.param('type');
    if (!isCaseTypeName(type) || !isRecordFilingType(type)) return c.html(<ErrorPage page={page} status={404} />, 404);
    const { values, files } = await readForm(c);
    try {
      const input = formToInput(filingSchemaOf(type), values);
      const keepEvidenceOf = typeof values.keepEvidenceOf === 'string' ? values.keepEvidenceOf : undefined;
      const opened = await openCase(c.get('services'), {
        actor: page.actor!,
        type,
        filing: { ...input, recordId },
        files,
        clientAddress: c.get('clientAddress'),
        keepEvidenceOf,
        contactPhone: values.contactPhone,
      });
      return c.redirect(`/cases/${opened.row.id}?done=${opened.attached ? 'SUPPLEMENT' : 'FILED'}`, 303);
    } catch (error) {
      if (!isDomainError(error) || ['RECORD_NOT_FOUND', 'FORBIDDEN'].includes(error.code)) return errorPage(c, error);
      const record = await getRecord(c.get('services'), page.actor!, recordId);
      const keptOf = typeof values.keepEvidenceOf === 'string' ? values.keepEvidenceOf : undefined;
      // A refused "apply again" keeps what it kept: nothing the person chose is lost.
      const failedForm: FilingForm = {
        ...emptyForm(type),
        values,
        errors: errorsByPath(issuesIn(page.locale, error.details.issues)),
        problem: problemIn(page.locale, error),
      };
      const failed =
        keptOf && type === 'repair'
          ? {
              ...(await appliedAgain(c.get('services'), page.actor!, failedForm, recordId, keptOf).catch(
                () => failedForm,
              )),
              values,
            }
          : failedForm;
      return c.html(
        <RecordPage page={page} record={record} filings={filingsFor(page, record, failed)} />,
        statusOf(error),
      );
    }
  });
}
