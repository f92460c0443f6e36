// The login page: the first page a new user sees.
import { Flash, Layout } from '../components/layout.js';
import type { PageContext } from '../page-context.js';

export function LoginPage(props: {
  page: PageContext;
  next: string;
  failed: boolean;
  username: string;
  demo: boolean;
  throttled?: boolean;
  retryAfterSeconds?: number;
}) {
  const { t } = props.page;
  return (
    <Layout page={props.page} title={t('login')}>
      <section class="narrow card">
        <h1>{t('login')}</h1>
        <p>{t('tagline')}</p>
        {props.failed && (
          <Flash kind="error">
            {props.throttled ? t('loginThrottled', { seconds: props.retryAfterSeconds ?? 900 }) : t('loginFailed')}
          </Flash>
        )}
        <form method="post" action="/login" hx-boost="false">
          <input type="hidden" name="next" value={props.next} />
          <div class="field">
            <label for="username">{t('username')}</label>
            <input id="username" name="username" autocomplete="username" required value={props.username} autofocus />
          </div>
          <div class="field">
            <label for="password">{t('password')}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required />
          </div>
          <button type="submit">{t('login')}</button>
        </form>
        {props.demo && <p class="hint">{t('demoHint')}</p>}
      </section>
    </Layout>
  );
}
