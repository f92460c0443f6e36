// The Hono environment every route shares: the services' context and, once authenticated,
// the actor.
import type { RequestIdVariables } from 'hono/request-id';
import type { Actor } from '../domain/roles.js';
import type { ServiceContext } from '../services/context.js';

export type AppEnv = {
  Variables: RequestIdVariables & {
    services: ServiceContext;
    actor: Actor;
  };
};
