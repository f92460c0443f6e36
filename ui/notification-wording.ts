// A notification in words, in the reader's language: the same sentence in the app and in
// e-mail (the relay is handed this function; services do not import ui/).
import { caseTypeVersions, endedAdversely, isCaseTypeName } from '../machines/index.js';
import { remediesAgainst } from '../src/domain/remedies.js';
import { wordRemedies } from './components/remedies.js';
import { citationIn } from '../src/domain/citation.js';
import { isRefusalReasonCode, refusalReasons } from '../src/domain/refusal-reasons.js';
import { translator, type Locale } from './i18n.js';
import { caseText } from './texts/case-texts.js';
import { onBehalfRelationKeys } from './components/on-behalf.js';
import { onBehalfRelations, type OnBehalfRelation } from '../src/domain/on-behalf.js';

const isOnBehalfRelation = (value: unknown): value is OnBehalfRelation =>
  (onBehalfRelations as readonly unknown[]).includes(value);

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
      const asked =
        t('notificationMaterialRequested', { type, requested: data.requested ?? '' }) +
        // Why (repair v3 on) and the how-many-th request this is (一次性告知).
        (isRefusalReasonCode(data.reasonCode)
          ? t('notificationReasonCode', { label: citationIn(locale, refusalReasons[data.reasonCode].label) })
          : '') +
        (data.times ? t('notificationMaterialTimes', { times: data.times }) : '');
      // The period the policy gives for the material (objection v4 on).
      return data.dueAt ? `${asked} ${t('notificationMaterialDue', { due: formatDue(data.dueAt) })}` : asked;
    }
    case 'referral_sent':
      return t('notificationReferralSent', { type, sentTo: data.sentTo ?? '', sentOn: data.sentOn ?? '' });
    case 'case_closed': {
      // The department's reasons and any bar on repair are part of what the person is told.
      const closed =
        t('notificationCaseClosed', { type, outcome: texts.outcome(data.outcome ?? '') }) +
        // Why, from the closed list, and what to do now (issue 16 item 3), before the officer's words.
        (isRefusalReasonCode(data.reasonCode)
          ? t('notificationReasonCode', { label: citationIn(locale, refusalReasons[data.reasonCode].label) })
          : '') +
        (data.reasons ? t('notificationReasons', { reasons: data.reasons }) : '') +
        (isRefusalReasonCode(data.reasonCode)
          ? t('notificationWhatToDo', { whatToDo: citationIn(locale, refusalReasons[data.reasonCode].whatToDo) })
          : '') +
        (data.bannedMonths ? t('notificationRepairBan', { months: data.bannedMonths }) : '');
      return decidedAgainst(caseType, data.outcome ?? null)
        ? `${closed}${locale === 'zh-CN' ? '' : ' '}${wordRemedies(
            locale,
            remediesAgainst(null, {
              decidedAt: new Date(0),
              reExaminable: false,
              byReviewBody: caseType === 'administrative-review',
            }),
          )}`
        : closed;
    }
    case 'deferral_granted':
      return t('notificationDeferralGranted', { type, count: data.instalments ?? '' });
    case 'instalment_missed':
      return t('notificationInstalmentMissed', { due: data.dueOn ?? '', amount: data.amount ?? '' });
    case 'repair_ban_lifted':
      return t('notificationRepairBanLifted', { until: data.until ?? '' });
    case 'record_changed_by_forum':
      return t('notificationRecordChangedByForum', {
        forum: data.forum ?? '',
        outcome: texts.outcome(data.outcome ?? ''),
        on: data.answeredOn ?? '',
      });
    case 'deadline_warning':
      return t('notificationDeadlineWarning', { type: texts.name, due: data.dueAt ? formatDue(data.dueAt) : '' });
    case 'deadline_breached':
      return t('notificationDeadlineBreached', { type: texts.name, due: data.dueAt ? formatDue(data.dueAt) : '' });
    case 'filed_on_your_behalf':
      return t('notificationFiledOnYourBehalf', {
        type,
        filer: data.filer ?? '',
        relation: isOnBehalfRelation(data.relation) ? t(onBehalfRelationKeys[data.relation]) : '',
      });
    case 'case_reassigned_to_you':
      return t('notificationReassignedToYou', { type, reason: data.reason ?? '' });
    case 'case_reassigned_away':
      return t('notificationReassignedAway', { type, assignee: data.assignee ?? '', reason: data.reason ?? '' });
    default:
      return notification.topic;
  }
};

/**
 * Whether a closed case's outcome went against the person (the notice then states the remedies;
 * the case page adds re-examination where the profile has it, and the last days). Outcomes are
 * state names, which keep their meaning across a type's versions, so the current one answers.
 */
function decidedAgainst(caseType: string, outcome: string | null): boolean {
  if (!isCaseTypeName(caseType)) return false;
  return caseTypeVersions(caseType).some((definition) =>
    endedAdversely({ type: caseType, machineVersion: definition.version, status: 'closed', outcome }),
  );
}
