import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type Joi from 'joi';
import { authenticate, requireRole, type ActorLookup, type TokenVerifier } from './auth.js';
import { AppError } from './errors.js';
import { validate, type RequestSchema, type ValidInput } from './validate.js';
import type { Actor, Role } from '../lib/roles.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call an endpoint: nobody signed in (`public`), or staff holding one of the roles. */
export type Access = 'public' | readonly Role[];

export interface EndpointSpec {
  method: Method;
  /** Express path below the API prefix, e.g. `/agencies/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  schema?: RequestSchema;
  /** Success status; default 200. */
  status?: number;
  /** Extra middleware run before validation (rate limits). */
  before?: RequestHandler[];
  /**
   * A multipart/form-data upload: the body is not parsed here but left for the handler to stream
   * (`ctx.req`); `fields` documents the form fields (plus the binary `file`) in OpenAPI. A JSON body
   * on the same route is still validated against `schema.body`.
   */
  upload?: { fields: Joi.ObjectSchema };
}

export interface Context<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  /** The signed-in staff member; throws on a public endpoint. */
  readonly actor: Actor;
  req: Request;
  res: Response;
}

/** A handler returns the JSON to send, or undefined when it wrote the response itself. */
export type Handler<B, Q, P> = (ctx: Context<B, Q, P>) => unknown;

/**
 * Declares endpoints so that a route line reads like an access-control table (style.md 2):
 * the same declaration registers the Express route, its role guard and joi validation, and its
 * OpenAPI entry, so the reference at /docs cannot drift from the routes.
 */
export class Api {
  readonly router: Router = express.Router();
  readonly specs: EndpointSpec[] = [];
  /** Descriptions of tags for the API reference (a module whose work has no route of its own explains it here). */
  readonly tagDescriptions = new Map<string, string>();
  private readonly auth: RequestHandler;

  constructor(verify: TokenVerifier, lookup: ActorLookup) {
    this.auth = authenticate(verify, lookup);
  }

  endpoint<B = Record<string, never>, Q = Record<string, never>, P = Record<string, never>>(
    spec: EndpointSpec,
    handler: Handler<B, Q, P>,
  ): void {
    this.specs.push(spec);
    const guards = spec.access === 'public' ? [] : [this.auth, requireRole(spec.access)];
    const full = validate(spec.schema ?? {});
    const withoutBody = spec.upload ? validate({ ...spec.schema, body: undefined }) : full;
    const validation: RequestHandler = (req, res, next) => (spec.upload && req.is('multipart/form-data') ? withoutBody : full)(req, res, next);
    this.router[spec.method](spec.path, ...guards, ...(spec.before ?? []), validation, async (req, res) => {
      const input = res.locals.input as ValidInput;
      const ctx: Context<B, Q, P> = {
        body: input.body as B,
        query: input.query as Q,
        params: input.params as P,
        get actor(): Actor {
          const actor = res.locals.actor as Actor | undefined;
          if (!actor) throw new AppError('UNAUTHENTICATED');
          return actor;
        },
        req,
        res,
      };
      const result = await handler(ctx);
      if (result === undefined) {
        if (!res.headersSent) res.status(spec.status ?? 204).end();
        return;
      }
      res.status(spec.status ?? 200).json(result);
    });
  }
}
