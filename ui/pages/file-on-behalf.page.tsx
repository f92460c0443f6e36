// Filing for someone else (issue 16 item 6): the citizen names the subject and the record, states
// their relation, uploads the authorisation letter, and fills in the filing itself. What they
// may do and see afterwards is said before they start.
import { onBehalfCaseTypes, type OnBehalfCaseType } from '../../src/domain/on-behalf.js';
import { Layout } from '../components/layout.js';
import { OnBehalfFields } from '../components/on-behalf.js';
import type { PageContext } from '../page-context.js';
import { caseText } from '../texts/case-texts.js';
import { FilingSection, type FilingForm } from './record.page.js';

/** The case types a citizen may file for someone else (src/domain/on-behalf.ts says why not a repair). */
export const onBehalfFilingTypes = onBehalfCaseTypes;
export type OnBehalfFilingType = OnBehalfCaseType;

export function FileOnBehalfPage(props: { page: PageContext; form: FilingForm }) {
  const { page, form } = props;
  const { t } = page;
  return (
    <Layout page={page} title={t('onBehalfTitle')}>
      <p class="crumbs">
        <a href="/records">{t('recordsTitle')}</a>
      </p>
      <h1>{t('onBehalfTitle')}</h1>
      <p>{t('onBehalfIntro')}</p>
      <p>{t('onBehalfPrivacy')}</p>
      <p>
        <small>{t('onBehalfOrganisations')}</small>
      </p>
      <nav class="card-actions" aria-label={t('onBehalfType')}>
        <span>{t('onBehalfType')}:</span>
        {onBehalfFilingTypes.map((type) => (
          <a href={`/file-on-behalf?type=${type}`} aria-current={type === form.type ? 'page' : undefined}>
            {caseText(page.locale, type).name}
          </a>
        ))}
      </nav>
      <FilingSection
        page={page}
        action={`/file-on-behalf?type=${form.type}`}
        form={form}
        fixed={['recordId']}
        title={`${t('onBehalfTitle')}: ${caseText(page.locale, form.type).name}`}
        submit={t('onBehalfSubmit')}
        before={<OnBehalfFields page={page} values={form.values} errors={form.errors} failed={Boolean(form.problem)} />}
      />
    </Layout>
  );
}
