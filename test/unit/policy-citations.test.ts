// Every citation a policy version shows a reader (a number's source, a version's title and the
// texts it rests on) comes in both languages: Simplified Chinese for the zh-CN pages, English for
// the English ones, so neither page shows a mixed string.
import { describe, expect, it } from 'vitest';
import { policyVersions } from '../../src/domain/policy.js';

const han = /\p{Script=Han}/u;

/** Every value under a `source`, `title` or `text` key, anywhere in a policy version, with its path. */
function citationsIn(value: unknown, path: string, found: [string, unknown][] = []): [string, unknown][] {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) citationsIn(item, `${path}[${i}]`, found);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'source' || key === 'title' || key === 'text') found.push([`${path}.${key}`, inner]);
      else citationsIn(inner, `${path}.${key}`, found);
    }
  }
  return found;
}

describe('the citations of every policy version', () => {
  for (const version of policyVersions) {
    it(`${version.id}: each in Chinese and in English`, () => {
      const citations = citationsIn(version, version.id);
      expect(citations.length).toBeGreaterThan(10);
      for (const [path, citation] of citations) {
        expect(citation, path).toEqual({ zh: expect.any(String), en: expect.any(String) });
        const { zh, en } = citation as { zh: string; en: string };
        expect(zh, path).toMatch(han);
        expect(en, path).not.toMatch(han);
        expect(en, path).toMatch(/[A-Za-z]{3}/);
      }
    });
  }
});
