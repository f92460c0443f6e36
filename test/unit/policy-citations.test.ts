// Every citation a policy version shows a reader (a number's source, a version's title and the
// texts it rests on) comes in both languages: Simplified Chinese for the zh-CN pages, English for
// the English ones, so neither page shows a mixed string. The texts beside a number (what its
// clock counts from, a note on it) are read by the same pages and held to the same rule.
import { describe, expect, it } from 'vitest';
import { administrativeReviewExtension, policyVersions, remedyWindows } from '../../src/domain/policy.js';

const han = /\p{Script=Han}/u;

/** The keys whose values a reader sees: citations, titles, and the words beside a number. */
const readerTexts = new Set(['source', 'title', 'text', 'countsFrom', 'note']);

/** Every value under a key of readerTexts, anywhere in a policy version, with its path. */
function citationsIn(value: unknown, path: string, found: [string, unknown][] = []): [string, unknown][] {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) citationsIn(item, `${path}[${i}]`, found);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (readerTexts.has(key)) found.push([`${path}.${key}`, inner]);
      else citationsIn(inner, `${path}.${key}`, found);
    }
  }
  return found;
}

function expectBilingual(citations: [string, unknown][]): void {
  for (const [path, citation] of citations) {
    expect(citation, path).toEqual({ zh: expect.any(String), en: expect.any(String) });
    const { zh, en } = citation as { zh: string; en: string };
    expect(zh, path).toMatch(han);
    expect(en, path).not.toMatch(han);
    expect(en, path).toMatch(/[A-Za-z]{3}/);
  }
}

describe('the citations of every policy version', () => {
  for (const version of policyVersions) {
    it(`${version.id}: each in Chinese and in English`, () => {
      const citations = citationsIn(version, version.id);
      expect(citations.length).toBeGreaterThan(10);
      expectBilingual(citations);
    });

    it(`${version.id}: what each clock counts from, and every note, in Chinese and in English`, () => {
      const words = citationsIn(version, version.id).filter(([path]) => /\.(countsFrom|note)$/.test(path));
      // Every deadline has a countsFrom; the test would pass vacuously on a walk that found none.
      expect(words.filter(([path]) => path.endsWith('.countsFrom')).length).toBe(Object.keys(version.deadlines).length);
      expectBilingual(words);
    });
  }

  it('the remedy windows and the review extension, shown with every adverse decision', () => {
    const words = citationsIn({ remedyWindows, administrativeReviewExtension }, 'remedies');
    expect(words.filter(([path]) => path.endsWith('.countsFrom'))).toHaveLength(Object.keys(remedyWindows).length);
    expectBilingual(words);
  });
});
