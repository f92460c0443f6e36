// A citizen's in-app notifications, worded in their language from each notification's topic.
import { Layout } from '../components/layout.js';
import type { PageContext } from '../page-context.js';
import { formatDeadline, formatMoment } from '../page-context.js';
import { wordNotification } from '../notification-wording.js';

export interface NotificationItem {
  id: number;
  caseId: string | null;
  topic: string;
  data: Record<string, string>;
  createdAt: Date;
  readAt: Date | null;
  caseType: string | null;
}

export function NotificationsPage(props: { page: PageContext; notifications: NotificationItem[] }) {
  const { page } = props;
  const { t } = page;
  const wording = (n: NotificationItem) =>
    wordNotification(page.locale, n.caseType ?? 'objection', n, (iso) => formatDeadline(page, iso));
  return (
    <Layout page={page} title={t('notificationsTitle')}>
      <h1>{t('notificationsTitle')}</h1>
      {props.notifications.length === 0 && <p>{t('noNotifications')}</p>}
      <ul class="notifications">
        {props.notifications.map((n) => (
          <li class={n.readAt ? 'read' : 'unread'}>
            {!n.readAt && <span class="badge">{t('unread')}</span>}{' '}
            <time datetime={n.createdAt.toISOString()}>{formatMoment(page, n.createdAt)}</time>{' '}
            {n.caseId ? <a href={`/cases/${n.caseId}`}>{wording(n)}</a> : wording(n)}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
