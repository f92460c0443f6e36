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
    case 'material_requested':
      return t('notificationMaterialRequested', { type, requested: data.requested ?? '' });
    case 'case_closed':
      return t('notificationCaseClosed', { type, outcome: texts.outcome(data.outcome ?? '') });
    case 'deferral_granted':
      return t('notificationDeferralGranted', { type, count: data.instalments ?? '' });
    case 'instalment_missed':
      return t('notificationInstalmentMissed', { due: data.dueOn ?? '', amount: data.amount ?? '' });
    case 'deadline_warning':
      return t('notificationDeadlineWarning', { type: texts.name, due: data.dueAt ? formatDue(data.dueAt) : '' });
    case 'deadline_breached':
      return t('notificationDeadlineBreached', { type: texts.name, due: data.dueAt ? formatDue(data.dueAt) : '' });
    default:
      return notification.topic;
  }
};
