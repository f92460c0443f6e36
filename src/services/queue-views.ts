// A user's saved views of the case queue: a name and the queue's filters, kept server-side so
// they follow the user to any browser. Only the filters the queue reads are kept, each as the
// queue's address takes it; the queue checks them again when the view is opened.
import { and, asc, eq } from 'drizzle-orm';
import { queueViews } from '../../db/schema.js';
import { DomainError } from '../domain/errors.js';
import type { Actor } from '../domain/roles.js';
import { singleLineText } from '../domain/text.js';
import type { ServiceContext } from './context.js';
import { parseInput } from './validate-input.js';

/** The queue's filters a view may keep (the parameters of GET /cases and GET /api/v1/cases). */
export const queueViewParameters = [
  'type',
  'state',
  'agency',
  'assignee',
  'status',
  'sort',
  'waitingOn',
  'sla',
  'q',
  'due',
] as const;

/** At most this many views per user: a menu, not a store. */
export const maxQueueViews = 20;

const nameSchema = singleLineText({ max: 60, required: 'name the view' });

export interface QueueView {
  id: string;
  name: string;
  /** The filters, as a query string the queue's address takes (`assignee=me&due=week`). */
  query: string;
}

/** The filters kept from a query: known names, short single-line values, in a fixed order. */
export function queueQueryOf(filters: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const name of queueViewParameters) {
    const value = filters[name];
    if (typeof value === 'string' && value.trim() && value.length <= 100 && !/[\r\n]/.test(value))
      params.set(name, value.trim());
  }
  return params.toString();
}

export async function listQueueViews(ctx: ServiceContext, actor: Actor): Promise<QueueView[]> {
  return ctx.db
    .select({ id: queueViews.id, name: queueViews.name, query: queueViews.query })
    .from(queueViews)
    .where(eq(queueViews.userId, actor.userId))
    .orderBy(asc(queueViews.name));
}

/** Saves (or, under a name already used, replaces) one of the actor's views. */
export async function saveQueueView(
  ctx: ServiceContext,
  actor: Actor,
  input: { name: unknown; filters: Record<string, unknown> },
): Promise<QueueView> {
  const name = parseInput(nameSchema, input.name, 'The view’s name');
  const query = queueQueryOf(input.filters);
  const mine = await ctx.db
    .select({ name: queueViews.name })
    .from(queueViews)
    .where(eq(queueViews.userId, actor.userId));
  if (mine.length >= maxQueueViews && !mine.some((v) => v.name === name))
    throw new DomainError('INVALID_INPUT', `At most ${maxQueueViews} views; delete one first.`, {
      issues: [{ path: 'name', message: `at most ${maxQueueViews} views` }],
    });
  // The same name again replaces the view (also when two saves of it meet).
  const [saved] = await ctx.db
    .insert(queueViews)
    .values({ userId: actor.userId, name, query, createdAt: ctx.now() })
    .onConflictDoUpdate({ target: [queueViews.userId, queueViews.name], set: { query } })
    .returning({ id: queueViews.id });
  return { id: saved!.id, name, query };
}

/** Deletes one of the actor's views; someone else's does not exist. */
export async function deleteQueueView(ctx: ServiceContext, actor: Actor, viewId: string): Promise<void> {
  const deleted = await ctx.db
    .delete(queueViews)
    .where(and(eq(queueViews.id, viewId), eq(queueViews.userId, actor.userId)))
    .returning({ id: queueViews.id });
  if (deleted.length === 0) throw new DomainError('NOT_FOUND', 'No such view.');
}
