// The staff who work cases (reviewers and supervisors), by name: whom a case can be reassigned
// to, and the names the queue and the overview show for assignees.
import { asc, inArray } from 'drizzle-orm';
import { users } from '../../db/schema.js';
import type { ServiceContext } from './context.js';

export interface StaffMember {
  id: string;
  displayName: string;
  username: string;
}

export async function listCaseStaff(ctx: Pick<ServiceContext, 'db'>): Promise<StaffMember[]> {
  return ctx.db
    .select({ id: users.id, displayName: users.displayName, username: users.username })
    .from(users)
    .where(inArray(users.role, ['reviewer', 'supervisor']))
    .orderBy(asc(users.displayName));
}
