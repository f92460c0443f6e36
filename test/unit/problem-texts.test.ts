// Every message a page may show, in both languages (issue 16 item 8): every problem code of the
// services, every repair rule, every kind of field problem, every event, state and outcome label
// of every case type at every version, and the engine's own trail events. Fails on a missing
// text, a Chinese text with no Chinese in it, or a Chinese text that is the English one.
import { describe, expect, it } from 'vitest';
import { caseStatesOf } from '../../machines/case-type.js';
import { caseTypeNames, caseTypeVersions } from '../../machines/index.js';
import { domainErrorCodes } from '../../src/domain/errors.js';
import { engineEventNames } from '../../src/services/case-trail-events.js';
import { engineEventLabels, type Text } from '../../ui/i18n.js';
import { inputIssueTexts, issueIn, problemIn, problemTexts, repairRuleTexts } from '../../ui/problem-texts.js';
import { trailEventText } from '../../ui/texts/case-texts.js';

const cjk = /[\u4e00-\u9fff]/;
/** A pair that reads in both languages: Chinese with Chinese characters, English without, not the same. */
function expectBilingual(text: Text | undefined, what: string) {
  expect(text, `${what}: no text`).toBeDefined();
  const [zh, en] = text!;
  expect(zh.trim(), `${what}: empty zh`).not.toBe('');
  expect(en.trim(), `${what}: empty en`).not.toBe('');
  expect(zh, `${what}: zh has no Chinese`).toMatch(cjk);
  expect(zh, `${what}: zh is the English`).not.toBe(en);
  // English may cite a Chinese title in passing, but must not be Chinese text.
  expect(
    en.replace(/（[^）]*）|《[^》]*》|行政复议|行政诉讼|复核|[\u4e00-\u9fff]+法/g, ''),
    `${what}: en is Chinese`,
  ).not.toMatch(/^[\u4e00-\u9fff]/);
}

describe('problems', () => {
  it.each(domainErrorCodes)('%s reads in both languages', (code) => {
    expectBilingual(problemTexts[code], code);
    expect(problemIn('zh-CN', { code })).toMatch(cjk);
    expect(problemIn('en', { code })).not.toMatch(/^[\u4e00-\u9fff]/);
  });

  it('a repair refusal lists the rules that failed, in the reader’s language, with no field name or case id', () => {
    const error = {
      code: 'REPAIR_NOT_ELIGIBLE' as const,
      details: {
        issues: [
          { path: 'no_ban', message: 'repair is barred until 2029-12-10 because earlier material proved false' },
          {
            path: 'no_open_application',
            message: 'a repair application for this record is already open (case 0b6e2d55-1c9a-4b7e-9d1f-0c2f6c1d2a3b)',
          },
        ],
      },
    };
    const zh = problemIn('zh-CN', error);
    expect(zh).toContain(repairRuleTexts.no_ban[0]);
    expect(zh).toContain(repairRuleTexts.no_open_application[0]);
    expect(zh).not.toMatch(/[a-z_]{4,}|[0-9a-f]{8}-/);
    expect(problemIn('en', error)).not.toMatch(/no_ban|[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it.each(Object.keys(repairRuleTexts))('repair rule %s reads in both languages', (rule) => {
    expectBilingual(repairRuleTexts[rule as keyof typeof repairRuleTexts], rule);
  });

  it.each(Object.keys(inputIssueTexts))('field problem %s reads in both languages', (kind) => {
    expectBilingual(inputIssueTexts[kind], kind);
  });

  it('a field problem in Chinese never shows the schema’s English message or the field’s name', () => {
    const issue = { path: 'newFacts', message: 'say what is new', kind: 'required' };
    expect(issueIn('zh-CN', issue)).toBe(inputIssueTexts.required![0]);
    expect(issueIn('zh-CN', { path: 'x', message: 'Invalid input' })).toMatch(cjk);
    expect(issueIn('en', issue)).toBe('say what is new');
  });
});

describe('events, states and outcomes of every case type, at every version', () => {
  for (const type of caseTypeNames) {
    for (const definition of caseTypeVersions(type)) {
      it(`${type} v${definition.version}: every event`, () => {
        for (const event of Object.keys(definition.events))
          expectBilingual(trailEventText(type, event), `${type} ${event}`);
      });
      it(`${type} v${definition.version}: every state`, async () => {
        const { caseText } = await import('../../ui/texts/case-texts.js');
        for (const state of caseStatesOf(definition.machine)) {
          const zh = caseText('zh-CN', type).state(state.name);
          const en = caseText('en', type).state(state.name);
          expectBilingual([zh, en], `${type} state ${state.name}`);
        }
      });
    }
  }

  it.each(engineEventNames)('the engine’s own %s', (name) => {
    expectBilingual(engineEventLabels[name], name);
  });
});
