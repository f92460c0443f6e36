// A citation or explanation as users read it, in both languages of the UI: Simplified Chinese in
// zh-CN, English in en. Policy sources and the forum table (src/domain/forums.ts) use it.

export interface Citation {
  zh: string;
  en: string;
}

/** The words of a citation for a locale; a plain string (an older stored policy) is shown as it is. */
export function citationIn(locale: 'zh-CN' | 'en', citation: Citation | string): string {
  if (typeof citation === 'string') return citation;
  return locale === 'zh-CN' ? citation.zh : citation.en;
}
