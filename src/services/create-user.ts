// Creates a user account with a scrypt-hashed password. A citizen is tied to the subject they
// are, an agency user to their agency (the database checks both).
import { users } from '../../db/schema.js';
import type { Executor } from '../../db/client.js';
import type { Role } from '../domain/roles.js';
import { hashPassword } from './passwords.js';

export async function createUser(
  db: Executor,
  input: { username: string; displayName: string; password: string; role: Role; subjectId?: string; agencyId?: string },
) {
  const [user] = await db
    .insert(users)
    .values({
      username: input.username,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      subjectId: input.subjectId ?? null,
      agencyId: input.agencyId ?? null,
    })
    .returning();
  return user!;
}
