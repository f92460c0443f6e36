// Recognises constraint violations across both drivers: postgres.js reports
// constraint_name, PGlite constraint, and drizzle wraps either in a DrizzleQueryError.

/** The name of the unique constraint or index an error violated, or null. */
export function violatedUniqueConstraint(error: unknown): string | null {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const candidate = e as { code?: string; constraint_name?: string; constraint?: string };
    if (candidate.code === '23505') return candidate.constraint_name ?? candidate.constraint ?? '';
  }
  return null;
}
