// Supervisors' pages (and the citizen's access register): SLA, calendar, policy, overview.
import { issuesIn, problemIn } from '../../../../ui/problem-texts.js';
import type { Context } from 'hono';
import type { Hono } from 'hono';
import { PolicyPage } from '../../../../ui/pages/policy.page.js';
import { AccessLogPage } from '../../../../ui/pages/access-log.page.js';
import { readAccessLog, searchAccessLog } from '../../../services/access-log.js';
import { isDomainError } from '../../../domain/errors.js';
import { readOverview } from '../../../services/read-overview.js';
import { readAgentFlags } from '../../../services/read-agent-flags.js';
import { readSlaSummary } from '../../../services/read-sla-summary.js';
import { loadCalendarYear } from '../../../services/load-calendar-year.js';
import { listCalendarDays, listCalendarYears } from '../../../services/read-calendar.js';
import { readPolicyVersions } from '../../../services/read-policy-versions.js';
import { chinaDateOf } from '../../../domain/calendar.js';
import { integerText } from '../../../domain/input-schemas.js';
import { SlaPage } from '../../../../ui/pages/sla.page.js';
import { CalendarPage } from '../../../../ui/pages/calendar.page.js';
import { OverviewPage } from '../../../../ui/pages/overview.page.js';
import { readForm, errorPage, type PageEnv } from './page-kit.js';

export function supervisionPages(pages: Hono<PageEnv>): void {
  pages.get('/sla', async (c) => {
    try {
      return c.html(
        <SlaPage page={c.get('page')} summary={await readSlaSummary(c.get('services'), c.get('page').actor!)} />,
      );
    } catch (error) {
      return errorPage(c, error);
    }
  });

  const calendarPage = async (
    c: Context<PageEnv>,
    year: number,
    extra: {
      flash?: { kind: 'ok' | 'error'; text: string };
      draft?: { year: string; source: string; lines: string };
    } = {},
    status: 200 | 422 = 200,
  ) => {
    const services = c.get('services');
    const [years, days] = await Promise.all([listCalendarYears(services), listCalendarDays(services, year)]);
    return c.html(<CalendarPage page={c.get('page')} years={years} shownYear={year} days={days} {...extra} />, status);
  };

  pages.get('/calendar', async (c) => {
    // A year that does not read (an edited link) shows this year.
    const asked = integerText(2000, 2100).safeParse(c.req.query('year') ?? '');
    const year = asked.success ? asked.data : Number(chinaDateOf(c.get('services').now()).slice(0, 4));
    return calendarPage(c, year);
  });

  pages.post('/calendar', async (c) => {
    const page = c.get('page');
    const { values } = await readForm(c);
    const first = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));
    const draft = { year: first(values.year), source: first(values.source), lines: first(values.lines) };
    const parsedYear = integerText(2000, 2100).safeParse(draft.year);
    const year = parsedYear.success ? parsedYear.data : Number.NaN;
    const days = draft.lines
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [day = '', kind = '', ...name] = line.split(/\s+/);
        return { day, kind: kind as 'holiday' | 'workday', name: name.join(' ') || kind };
      });
    const malformed = days.filter(
      (d) => !/^\d{4}-\d{2}-\d{2}$/.test(d.day) || !['holiday', 'workday'].includes(d.kind),
    );
    if (!Number.isInteger(year) || year < 2000 || year > 2100 || malformed.length > 0 || days.length === 0) {
      const text =
        malformed.length > 0
          ? `${page.t('fixErrors')} ${malformed.map((d) => d.day || '?').join(', ')}`
          : page.t('fixErrors');
      return calendarPage(
        c,
        Number.isInteger(year) && year >= 2000 && year <= 2100
          ? year
          : Number(chinaDateOf(c.get('services').now()).slice(0, 4)),
        { flash: { kind: 'error', text }, draft },
        422,
      );
    }
    try {
      // The service parses the year with the API's schema: days that exist, one-line names, the same limits.
      const result = await loadCalendarYear(c.get('services'), page.actor!, { year, source: draft.source, days });
      return calendarPage(c, year, {
        flash: { kind: 'ok', text: page.t('calendarLoaded', { days: result.days, cases: result.casesComputed }) },
      });
    } catch (error) {
      if (isDomainError(error, 'INVALID_INPUT'))
        return calendarPage(
          c,
          year,
          {
            flash: {
              kind: 'error',
              text: [
                problemIn(page.locale, error),
                ...issuesIn(page.locale, error.details.issues).map((i) => i.message),
              ].join(' '),
            },
            draft,
          },
          422,
        );
      return errorPage(c, error);
    }
  });

  // A citizen's own register; for supervisors and admins the latest entries of everyone's.
  pages.get('/access-log', async (c) => {
    const actor = c.get('page').actor!;
    try {
      const entries =
        actor.role === 'citizen'
          ? await readAccessLog(c.get('services'), actor, {})
          : await searchAccessLog(c.get('services'), actor, {});
      return c.html(<AccessLogPage page={c.get('page')} entries={entries} />);
    } catch (error) {
      return errorPage(c, error);
    }
  });

  pages.get('/policy', async (c) => {
    const { inForce, versions } = await readPolicyVersions(c.get('services'));
    return c.html(<PolicyPage page={c.get('page')} inForce={inForce} versions={versions} />);
  });

  pages.get('/overview', async (c) => {
    try {
      const actor = c.get('page').actor!;
      const [overview, agentFlags] = await Promise.all([
        readOverview(c.get('services'), actor),
        readAgentFlags(c.get('services'), actor),
      ]);
      return c.html(<OverviewPage page={c.get('page')} overview={overview} agentFlags={agentFlags} />);
    } catch (error) {
      return errorPage(c, error);
    }
  });
}
