// The Hono environment every route shares: the services' context and, once authenticated,
// the actor, and where the request came from.
import type { RequestIdVariables } from 'hono/request-id';
import type { Actor } from '../domain/roles.js';
import type { ServiceContext } from '../services/context.js';

export type AppEnv = {
  Variables: RequestIdVariables & {
    services: ServiceContext;
    actor: Actor;
    /** Where the request came from (src/http/client-address.ts), for login throttling. */
    clientAddress: string;
    /** Whether the browser's connection was TLS (src/http/client-address.ts): cookies are Secure then. */
    cameOverTls: boolean;
  };
};
