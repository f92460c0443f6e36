// A notification in words, in the reader's language: the same sentence in the app and in
// e-mail (the relay is handed this function; services do not import ui/).
import { translator, type Locale } from './i18n.js';
import { caseText } from './texts/case-texts.js';

export interface WordableNotification {
  topic: string;
  data: Record<string, string>;
}

export type NotificationWording = (
  locale: Locale,
  caseType: string,
  notification: WordableNotification,
  formatDue?: (iso: string) => string,
) => string;

export const wordNotification: NotificationWording = (locale, caseType, notification, formatDue = (iso) => iso) => {
  const t = translator(locale);
  const texts = caseText(locale, caseType);
  const type = locale === 'en' ? texts.name.toLowerCase() : texts.name;
  const { data } = notification;
  switch (notification.topic) {
    case 'material_requested': {
      const asked = t('notificationMaterialRequested', { type, requested: data.requested ?? '' });
      // The period the policy gives for the material (objection v4 on).
      return data.dueAt ? `${asked} ${t('notificationMaterialDue', { due: formatDue(data.dueAt) })}` : asked;
    }
    case 'case_closed': {
      const closed = t('notificationCaseClosed', { type, outcome: texts.outcome(data.outcome ?? '') });
      // Why, where the case says (a cancelled correction).
      return data.reasons ? `${closed} ${t('notificationClosedReasons', { reasons: data.reasons })}` : closed;
    }
    case 'deadline_warning':
      return t('notificationDeadlineWarning', { type: texts.name, due: data.dueAt ? formatDue(data.dueAt) : '' });
    case 'deadline_breached':
      return t('notificationDeadlineBreached', { type: texts.name, due: data.dueAt ? formatDue(data.dueAt) : '' });
    default:
      return notification.topic;
  }
};
