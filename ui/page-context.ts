// What every page knows about the request: language, the signed-in user, the CSRF token for
// its forms, and the clock (injected, as everywhere).
import type { Actor } from '../src/domain/roles.js';
import type { Locale, Translate } from './i18n.js';

export interface PageContext {
  locale: Locale;
  t: Translate;
  actor: Actor | null;
  displayName: string | null;
  csrfToken: string;
  /** The current path and query, for the language switch and the login redirect. */
  path: string;
  now: Date;
  unreadNotifications: number;
}

const beijing = 'Asia/Shanghai';

export function formatMoment(page: PageContext, iso: string | Date | null | undefined): string {
  if (!iso) return '—';
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(page.locale, { timeZone: beijing, dateStyle: 'medium', timeStyle: 'short' }).format(
    date,
  );
}

export function formatDate(page: PageContext, isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  return new Intl.DateTimeFormat(page.locale, { timeZone: 'UTC', dateStyle: 'medium' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

/** A legal deadline (24:00 at the end of its last day) as that day and 24:00, Beijing time. */
export function formatDeadline(page: PageContext, iso: string): string {
  const lastDay = new Intl.DateTimeFormat(page.locale, { timeZone: beijing, dateStyle: 'medium' }).format(
    new Date(Date.parse(iso) - 1),
  );
  return `${lastDay} 24:00`;
}
