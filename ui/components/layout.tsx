// The page shell: header with the role's navigation, language switch and logout; a skip link
// and a main landmark for keyboard and screen-reader users; htmx from the installed package.
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { PageContext } from '../page-context.js';

function NavLinks({ page }: { page: PageContext }) {
  const { t, actor } = page;
  if (!actor) return null;
  const notificationsLink: [string, string] = [
    '/notifications',
    page.unreadNotifications ? `${t('navNotifications')} (${page.unreadNotifications})` : t('navNotifications'),
  ];
  const links: [string, string][] =
    actor.role === 'citizen'
      ? [
          ['/records', t('navRecords')],
          ['/cases', t('navMyCases')],
          notificationsLink,
          ['/access-log', t('accessLogTitle')],
        ]
      : actor.role === 'agency'
        ? [['/cases', t('navAgencyInbox')], notificationsLink]
        : actor.role === 'supervisor' || actor.role === 'admin'
          ? [
              ['/overview', t('navOverview')],
              ['/sla', t('navSla')],
              ['/cases', t('navQueue')],
              notificationsLink,
              ['/calendar', t('calendarTitle')],
              ['/policy', t('policyTitle')],
              ['/admin/queues', t('navQueues')],
            ]
          : [['/cases', t('navQueue')], notificationsLink];
  const here = page.path.split('?')[0];
  return (
    <ul>
      {links.map(([href, label]) => (
        <li>
          <a href={href} aria-current={here === href || here?.startsWith(`${href}/`) ? 'page' : undefined}>
            {label}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function Layout(props: { page: PageContext; title: string; children?: Child }) {
  const { page } = props;
  const { t } = page;
  const otherLocale = page.locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={page.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · ${t('appName')}`}</title>
          <link rel="icon" type="image/svg+xml" href="/favicon.ico" />
          <link rel="stylesheet" href="/assets/style.css" />
          {/* htmx swaps error pages too, so a refusal (409, 422) is shown, not swallowed. Its
            indicator style lives in style.css: the Content-Security-Policy allows no inline <style>. */}
          <meta
            name="htmx-config"
            content='{"responseHandling":[{"code":"204","swap":false},{"code":"...","swap":true}],"scrollIntoViewOnBoost":false,"includeIndicatorStyles":false}'
          />
          <script src="/assets/htmx.min.js" defer></script>
        </head>
        <body hx-boost="true">
          <a class="skip-link" href="#main">
            {t('skipToContent')}
          </a>
          <header class="site-header">
            <a class="brand" href="/">
              {t('appName')}
            </a>
            <nav aria-label={t('appName')}>
              <NavLinks page={page} />
            </nav>
            <div class="session">
              <a
                href={`/lang/${otherLocale}?next=${encodeURIComponent(page.path)}`}
                lang={otherLocale}
                hx-boost="false"
              >
                {t('otherLanguage')}
              </a>
              {page.actor && (
                <form method="post" action="/logout" class="inline">
                  <input type="hidden" name="_csrf" value={page.csrfToken} />
                  <span class="who">{page.displayName}</span>
                  <button type="submit" class="link">
                    {t('logout')}
                  </button>
                </form>
              )}
            </div>
          </header>
          <main id="main" tabindex={-1}>
            {props.children}
          </main>
          <footer class="site-footer">{t('tagline')}</footer>
        </body>
      </html>
    </>
  );
}

export function Flash(props: { kind: 'ok' | 'warn' | 'error'; children?: Child }) {
  return (
    <div class={`flash ${props.kind}`} role={props.kind === 'ok' ? 'status' : 'alert'}>
      {props.children}
    </div>
  );
}
