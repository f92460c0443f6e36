// The page for 400, 403, 404, 413, 503 and server errors: plain words, a way back, never a stack trace.
import { Layout } from '../components/layout.js';
import type { PageContext } from '../page-context.js';

export function ErrorPage(props: {
  page: PageContext;
  status: 400 | 403 | 404 | 413 | 500 | 503;
  requestId?: string;
  detail?: string;
}) {
  const { t } = props.page;
  const [title, body] =
    props.status === 404
      ? [t('notFoundTitle'), t('notFoundBody')]
      : props.status === 403
        ? [t('forbiddenTitle'), props.detail ?? t('forbiddenBody')]
        : props.status === 413
          ? [t('tooLargeTitle'), t('tooLargeBody', { mb: props.detail ?? '' })]
          : props.status === 400
            ? [t('badRequestTitle'), props.detail ?? t('badRequestBody')]
            : props.status === 503
              ? [t('unavailableTitle'), props.detail ?? t('unavailableBody')]
              : [t('errorTitle'), t('errorBody', { id: props.requestId ?? '—' })];
  return (
    <Layout page={props.page} title={title}>
      <section class="narrow card">
        <h1>{title}</h1>
        <p>{body}</p>
        <p>
          <a href="/">{t('backHome')}</a>
        </p>
      </section>
    </Layout>
  );
}
