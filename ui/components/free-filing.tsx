// What a person reads where they decide to apply (the records list, a record's page with its
// forms): filing is free and needs no agent, how to report someone who asks for money, and that
// a bank credit-report objection (征信异议) and the repair of public credit information
// (信用修复) are different procedures that go to different places. Scams trade on the confusion.
import type { PageContext } from '../page-context.js';

export function FreeFilingNotice(props: { page: PageContext }) {
  const { t } = props.page;
  return (
    <aside class="card free-filing" aria-labelledby="free-filing-heading">
      <h2 id="free-filing-heading">{t('freeFilingTitle')}</h2>
      <p>
        <strong>{t('freeFilingBody')}</strong>
      </p>
      <p>{t('freeFilingReport')}</p>
      <h3>{t('twoProceduresTitle')}</h3>
      <ul>
        <li>{t('twoProceduresCreditReport')}</li>
        <li>{t('twoProceduresRepair')}</li>
      </ul>
    </aside>
  );
}
