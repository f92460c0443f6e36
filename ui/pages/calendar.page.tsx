// The working-day calendar for supervisors: the years loaded (with their notice), the holidays
// and worked weekend days of a year, and the form to load or replace a year.
import { Flash, Layout } from '../components/layout.js';
import type { PageContext } from '../page-context.js';

export function CalendarPage(props: {
  page: PageContext;
  years: { year: number; source: string }[];
  shownYear: number;
  days: { day: string; kind: string; name: string }[];
  flash?: { kind: 'ok' | 'error'; text: string } | undefined;
  draft?: { year: string; source: string; lines: string } | undefined;
}) {
  const { page } = props;
  const { t } = page;
  return (
    <Layout page={page} title={t('calendarTitle')}>
      <h1>{t('calendarTitle')}</h1>
      {props.flash && <Flash kind={props.flash.kind}>{props.flash.text}</Flash>}
      <section class="card">
        <h2>{t('calendarYears')}</h2>
        <ul class="years">
          {props.years.map((y) => (
            <li>
              <a href={`/calendar?year=${y.year}`} aria-current={y.year === props.shownYear ? 'page' : undefined}>
                {y.year}
              </a>{' '}
              <small>{y.source}</small>
            </li>
          ))}
        </ul>
      </section>
      <section class="card">
        <h2>{t('calendarDaysOf', { year: props.shownYear })}</h2>
        <table>
          <tbody>
            {props.days.map((d) => (
              <tr>
                <th scope="row">{d.day}</th>
                <td>{d.kind === 'holiday' ? t('holiday') : t('workedDay')}</td>
                <td>{d.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {page.actor?.role === 'supervisor' || page.actor?.role === 'admin' ? (
        <section class="card">
          <h2>{t('loadYear')}</h2>
          <p class="hint">{t('loadYearHint')}</p>
          <form method="post" action="/calendar">
            <input type="hidden" name="_csrf" value={page.csrfToken} />
            <div class="field">
              <label for="cal-year">{t('year')}</label>
              <input
                id="cal-year"
                name="year"
                type="number"
                min={2000}
                max={2100}
                required
                value={props.draft?.year ?? ''}
              />
            </div>
            <div class="field">
              <label for="cal-source">{t('notice')}</label>
              <input
                id="cal-source"
                name="source"
                type="text"
                required
                maxlength={500}
                value={props.draft?.source ?? ''}
              />
            </div>
            <div class="field">
              <label for="cal-lines">{t('calendarLines')}</label>
              <textarea id="cal-lines" name="lines" rows={10} required>
                {props.draft?.lines ?? ''}
              </textarea>
            </div>
            <button type="submit">{t('loadYear')}</button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
