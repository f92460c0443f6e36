// Every name a case's trail may hold (the union TrailEventName: the engine's own events and every
// case type's actors' events) has its words in both languages, so no timeline shows a raw name.
import { describe, expect, it } from 'vitest';
import { caseTypeNames, caseTypes } from '../../machines/index.js';
import { engineEventNames, isEngineEventName } from '../../src/services/case-trail-events.js';
import { caseText, trailEventText } from '../../ui/texts/case-texts.js';

const han = /\p{Script=Han}/u;

describe.each(caseTypeNames)('the trail of a %s case', (typeName) => {
  const names = [...engineEventNames, ...Object.keys(caseTypes[typeName].events)];

  it.each(names)('words %s in Chinese and in English', (name) => {
    const text = trailEventText(typeName, name);
    expect(text, `${name} has no words`).toBeDefined();
    const [zh, en] = text!;
    expect(zh).toMatch(han);
    expect(en.trim()).not.toBe('');
    expect(en).not.toMatch(han);
    // What the page shows is these words, not the name.
    expect(caseText('zh-CN', typeName).trailEvent(name)).toBe(zh);
    expect(caseText('en', typeName).trailEvent(name)).toBe(en);
  });
});

it('keeps the engine’s names apart from every case type’s events', () => {
  // An actor's event with an engine event's name would be worded as the engine's.
  for (const typeName of caseTypeNames)
    expect(Object.keys(caseTypes[typeName].events).filter(isEngineEventName), typeName).toEqual([]);
});
