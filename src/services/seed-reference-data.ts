// Reference data every installation needs, written at start-up and never overwriting what a
// supervisor changed: the PRC holidays and worked weekend days of the years the maintained
// chinese-days package knows (from each year's State Council notice), and the policy versions
// (with the wording of stored ones brought to both languages).
import { createRequire } from 'node:module';
import { calendarDays, calendarYears, policyVersions as policyTable, users } from '../../db/schema.js';
import type { Database } from '../../db/client.js';
import { eq } from 'drizzle-orm';
import { checkedPolicyVersion, policyVersions, rewordedPolicyVersion } from '../domain/policy.js';
import { forgetWorkingDayCalendar } from './load-working-day-calendar.js';

export const systemUsername = 'system';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const require = createRequire(import.meta.url);

export function readChineseDays(): { days: (typeof calendarDays.$inferInsert)[]; years: number[]; source: string } {
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const version = (require('chinese-days/package.json') as { version: string }).version;
  const nameOf = (label: string) => label.split(',').slice(0, 2).join(' / ');
  const days = [
    ...Object.entries(data.holidays).map(([day, label]) => ({ day, kind: 'holiday' as const, name: nameOf(label) })),
    ...Object.entries(data.workdays).map(([day, label]) => ({
      day,
      kind: 'workday' as const,
      name: `${nameOf(label)} (worked day)`,
    })),
  ];
  // A year counts as covered when its notice is in the data, which always lists holidays.
  const years = [...new Set(Object.keys(data.holidays).map((day) => Number(day.slice(0, 4))))].sort();
  return { days, years, source: `chinese-days@${version} (State Council holiday notices)` };
}

export async function seedReferenceData(db: Database): Promise<void> {
  const { days, years, source } = readChineseDays();
  await db.transaction(async (tx) => {
    await tx.insert(calendarDays).values(days).onConflictDoNothing();
    await tx
      .insert(calendarYears)
      .values(years.map((year) => ({ year, source })))
      .onConflictDoNothing();
    await tx
      .insert(policyTable)
      .values(
        policyVersions.map((v) => ({
          id: v.id,
          jurisdiction: v.jurisdiction,
          effectiveFrom: v.effectiveFrom,
          document: checkedPolicyVersion(v),
        })),
      )
      // A policy version is immutable once cases run under it; a change is a new version.
      .onConflictDoNothing();
    // Its wording is not: a text an earlier release stored in English only gets its shipped twin's
    // {zh, en} where the rule it stands beside is the same (rewordedPolicyVersion). Keys a later
    // release added are not written here: they are read from the shipped twin (deadlineRuleOf).
    for (const stored of await tx.select().from(policyTable)) {
      const reworded = rewordedPolicyVersion(stored.document);
      if (JSON.stringify(reworded) !== JSON.stringify(stored.document))
        await tx
          .update(policyTable)
          .set({ document: checkedPolicyVersion(reworded) })
          .where(eq(policyTable.id, stored.id));
    }
    // xiufu itself, the actor of what the relay and the timers do; it cannot log in.
    await tx
      .insert(users)
      .values({ username: systemUsername, displayName: 'xiufu', passwordHash: '!', role: 'system' })
      .onConflictDoNothing();
  });
  forgetWorkingDayCalendar(db);
}
