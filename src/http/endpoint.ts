import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type Joi from 'joi';
import { authenticate, requireRole, type ActorLookup, type TokenVerifier } from './auth.js';
import { AppError } from './errors.js';
import { validate, type RequestSchema, type ValidInput } from './validate.js';
import type { Actor, Role } from '../lib/roles.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call an endpoint: nobody signed in (`public`), or staff holding one of the roles. */
export type Access = 'public' | readonly Role[];

/** A success answer that is a file (PDF, XLSX, CSV) of these media types, or JSON of `json` (format=json). */
export interface FileResponse {
  files: readonly string[];
  json?: Joi.Schema;
}

/**
 * What /docs shows of an endpoint besides its route (issue 13 "Everyone"). Required, so a route
 * added without its documentation fails the typecheck.
 */
export interface EndpointDoc {
  summary: string;
  /** What the endpoint does and for whom, in Vietnamese (the users' language) and English. */
  description: { vi: string; en: string };
  /**
   * The success body as a joi schema (the `*.responses.ts` of the module), `null` for an empty
   * answer (204), or the media types of a file. Tests check every real answer against it.
   */
  response: Joi.Schema | FileResponse | null;
  /**
   * A valid request (`body`, and `params`/`query` values shown on the parameters) and a success answer;
   * tests validate each against the joi schemas. A file or empty answer has no `response` example.
   */
  examples: { body?: unknown; params?: Record<string, unknown>; query?: Record<string, unknown>; response?: unknown };
}

export interface EndpointSpec extends EndpointDoc {
  method: Method;
  /** Express path below the API prefix, e.g. `/agencies/:id`. */
  path: string;
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

/** Called in tests with each JSON success answer, to check it against the declared response schema. */
export type ResponseCheck = (spec: EndpointSpec, status: number, body: unknown) => void;

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

  constructor(
    verify: TokenVerifier,
    lookup: ActorLookup,
    private readonly checkResponse?: ResponseCheck,
  ) {
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
    const validation: RequestHandler = (req, res, next) =>
      (spec.upload && req.is('multipart/form-data') ? withoutBody : full)(req, res, next);
    this.router[spec.method](spec.path, ...guards, ...(spec.before ?? []), validation, async (req, res) => {
      const check = this.checkResponse;
      if (check) {
        // Every JSON success answer passes here, also those a handler writes itself (intake's 200 replay).
        const json = res.json.bind(res);
        res.json = (answer: unknown) => {
          if (res.statusCode < 300) check(spec, res.statusCode, answer);
          return json(answer);
        };
      }
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
