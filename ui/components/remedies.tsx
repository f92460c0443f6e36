// The remedies open against an adverse decision, as the citizen reads them in the decision: on
// the case page (<Remedies>) and in the notice of the decision (wordRemedies). The list and its
// windows come from src/domain/remedies.ts; this file only words them, in both languages.
import { citationIn } from '../../src/domain/citation.js';
import type { Remedy, RemedyKind } from '../../src/domain/remedies.js';
import { type Locale, type Text, textIn } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import { formatDate } from '../page-context.js';

const words = {
  heading: ['您可以寻求的救济', 'Remedies open to you'],
  intro: [
    '如您不服本决定，可以通过以下途径寻求救济。期限自您知道或者应当知道本决定之日起计算。',
    'If you disagree with this decision, these are the ways to challenge it. Windows count from the day you knew or should have known of it.',
  ],
  lastDay: [
    '如您于决定当日知悉（收到），最后一日为 {date}。',
    'If you learned of it on the day of the decision, the last day is {date}.',
  ],
  lastDayUnknown: [
    '最后一日所在年份的节假日安排尚未载入，暂无法计算。',
    'The last day falls in a year whose holidays are not loaded yet, so it cannot be given.',
  ],
  unverified: ['（期限依据未经核实）', '(the source of this window is unverified)'],
  fileReExamination: ['申请复核', 'Ask for re-examination'],
  fileAdministrativeReview: ['登记行政复议申请', 'Record your administrative review application'],
} satisfies Record<string, Text>;

const remedyWords: Record<RemedyKind, { name: Text; how: Text; citation?: Text }> = {
  re_examination: {
    name: ['复核', 'Re-examination (复核)'],
    how: [
      '自决定之日起 {amount} 日内，向作出决定的机构申请复核，由原决定人以外的人员办理。',
      'Within {amount} days of the decision, ask the office that decided for a re-examination by someone other than the decider.',
    ],
  },
  administrative_review: {
    name: ['行政复议', 'Administrative review (行政复议)'],
    how: [
      '自知道或者应当知道本决定之日起 {amount} 日内，向复议机关（一般为作出决定部门的本级人民政府）申请行政复议；因不可抗力或者其他正当理由耽误的，期限自障碍消除之日起继续计算。复议不收费。',
      'Within {amount} days of the day you knew or should have known of the decision, apply to the review body (usually the people’s government at the level of the department that decided). An obstacle beyond your control stops the window until it ends. Review is free of charge.',
    ],
    citation: ['《行政复议法》第二十条、第八十七条', '行政复议法 (2023) arts. 20, 87'],
  },
  administrative_litigation: {
    name: ['行政诉讼', 'Administrative litigation (行政诉讼)'],
    how: [
      '自知道或者应当知道本决定之日起 {amount} 个月内，直接向人民法院提起行政诉讼；已申请行政复议的，可以自收到复议决定书之日起 15 日内起诉。',
      'Within {amount} months of the day you knew or should have known of the decision, sue in the people’s court directly; after an administrative review, within 15 days of receiving its decision.',
    ],
    citation: ['《行政诉讼法》第四十六条、第四十五条', '行政诉讼法 arts. 46, 45'],
  },
  litigation_after_review: {
    name: ['行政诉讼', 'Administrative litigation (行政诉讼)'],
    how: [
      '不服复议决定的，可以自收到复议决定书之日起 {amount} 日内向人民法院提起行政诉讼。',
      'If you disagree with the review decision, sue in the people’s court within {amount} days of receiving it.',
    ],
    citation: ['《行政诉讼法》第四十五条', '行政诉讼法 art. 45'],
  },
};

function fill(text: string, params: Record<string, string | number>): string {
  let filled = text;
  for (const [name, value] of Object.entries(params)) filled = filled.replaceAll(`{${name}}`, String(value));
  return filled;
}

/** One remedy in one sentence, with its source: the words the case page and the notice share. */
export function wordRemedy(locale: Locale, remedy: Remedy): { name: string; how: string; source: string } {
  const w = remedyWords[remedy.kind];
  const citation = w.citation ? textIn(locale, w.citation) : citationIn(locale, remedy.window.source);
  return {
    name: textIn(locale, w.name),
    how: fill(textIn(locale, w.how), { amount: remedy.window.amount }),
    source: remedy.window.verified ? citation : `${citation} ${textIn(locale, words.unverified)}`,
  };
}

/** The remedies as plain text, for a notice (in-app and e-mail). */
export function wordRemedies(locale: Locale, remedies: readonly Remedy[]): string {
  const separator = locale === 'zh-CN' ? '' : ' ';
  return [
    textIn(locale, words.intro),
    ...remedies.map((remedy) => {
      const { name, how, source } = wordRemedy(locale, remedy);
      return locale === 'zh-CN' ? `${name}：${how}（${source}）` : `${name}: ${how} (${source})`;
    }),
  ].join(separator);
}

/** The remedies section of a decision the citizen reads; links lead to the filing forms xiufu has. */
export function Remedies(props: {
  page: PageContext;
  remedies: readonly Remedy[];
  /** Where each remedy that xiufu files is filed from (an anchor or a page), if the reader may file it. */
  links?: Partial<Record<RemedyKind, string>>;
}) {
  const { page } = props;
  const w = (text: Text) => textIn(page.locale, text);
  if (props.remedies.length === 0) return null;
  return (
    <section class="card remedies" aria-labelledby="remedies-heading">
      <h2 id="remedies-heading">{w(words.heading)}</h2>
      <p>{w(words.intro)}</p>
      <ul class="remedies">
        {props.remedies.map((remedy) => {
          const worded = wordRemedy(page.locale, remedy);
          const link = props.links?.[remedy.kind];
          return (
            <li data-remedy={remedy.kind}>
              <strong>{worded.name}</strong>
              {page.locale === 'zh-CN' ? '：' : ': '}
              {worded.how}{' '}
              {remedy.lastDay
                ? fill(w(words.lastDay), { date: formatDate(page, remedy.lastDay) })
                : w(words.lastDayUnknown)}{' '}
              <small>{worded.source}</small>
              {link && (
                <>
                  {' '}
                  <a href={link}>
                    {remedy.kind === 're_examination' ? w(words.fileReExamination) : w(words.fileAdministrativeReview)}
                  </a>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
