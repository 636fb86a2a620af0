import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, {
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import helmet from 'helmet';
import Joi from 'joi';
import { AppError } from '../../http/errors.js';
import { renderMessage } from '../../http/messages.js';
import { validate } from '../../http/validate.js';
import { RATING_LEVELS, type RatingLevel } from '../../lib/values.js';
import { counterPage } from './counter.views.js';
import { dashboardPage } from './dashboard.views.js';
import type { PublicTracking, SecondFactor } from './pages.access.js';
import { lookupForm, resultView } from './tracking.views.js';

export interface PagesDeps {
  tracking: PublicTracking;
  /** The very limiter instances of the JSON lookup, so a page and the API share one budget (issue 11). */
  lookupLimiters: RequestHandler[];
}

// The same rules as the JSON endpoint's schema (tracking.routes.ts).
const CODE = /^[0-9A-Za-z.-]+$/;
const code = Joi.string().trim().max(60).pattern(CODE);
const pin = Joi.string()
  .trim()
  .length(6)
  .pattern(/^[A-Za-z0-9]+$/);
const lookupSchema = {
  params: Joi.object({ code: code.required() }),
  body: Joi.object({ code, pin, phone4: Joi.string().pattern(/^\d{4}$/) }).xor('pin', 'phone4'),
};
const ratingSchema = {
  params: Joi.object({ code: code.required() }),
  body: Joi.object({
    pin: pin.required(),
    level: Joi.string()
      .valid(...RATING_LEVELS)
      .required(),
    comment: Joi.string().trim().max(2000),
  }),
};
const startSchema = {
  body: Joi.object({ code: code.required(), pin: Joi.string().max(20), phone4: Joi.string().max(20) }),
};

type Input<B> = { params: { code: string }; body: B };
const input = <B>(res: Response) => res.locals.input as Input<B>;

/** Blank inputs of a plain HTML form arrive as "": absent, as a JSON client would send them. */
const dropBlank: RequestHandler = (req, _res, next) => {
  const body = (req.body ?? {}) as Record<string, unknown>;
  req.body = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== ''));
  next();
};

function staticDir(): string {
  const here = fileURLToPath(new URL('./static/', import.meta.url));
  // From dist/ the browser files stay in the source tree (tsc copies only .ts output).
  return existsSync(here) ? here : fileURLToPath(new URL('../../../../src/modules/pages/static/', import.meta.url));
}

/** Pages only: scripts and styles from this origin, nothing inline; forms post only here. */
const pageCsp = helmet.contentSecurityPolicy({
  directives: {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'connect-src': ["'self'", 'blob:'],
    'frame-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    // Service centres serve the LAN over plain HTTP: upgrading would break every asset.
    'upgrade-insecure-requests': null,
  },
});

const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/** Server-rendered pages from the same process: citizen tracking, the counter, the dashboard (issue 11). */
export function pagesRouter(deps: PagesDeps): Router {
  const router = express.Router();
  const chartDir = dirname(createRequire(import.meta.url).resolve('chart.js'));
  router.use('/assets/vendor/chart.umd.min.js', (_req, res) => res.sendFile('chart.umd.min.js', { root: chartDir }));
  router.use('/assets', express.static(staticDir(), { index: false }));
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 });

  router.get('/tra-cuu', pageCsp, (_req, res) => {
    res.type('html').send(lookupForm());
  });
  // Without JavaScript the first form knows no code for the path: 307 re-posts the same body there.
  router.post('/tra-cuu', pageCsp, form, dropBlank, validate(startSchema), (_req, res) => {
    res.redirect(307, `/tra-cuu/${encodeURIComponent(input<{ code: string }>(res).body.code)}`);
  });
  router.get('/tra-cuu/:code', pageCsp, (req, res) => {
    res.type('html').send(lookupForm({ code: CODE.test(req.params.code) ? req.params.code : undefined }));
  });
  router.post(
    '/tra-cuu/:code',
    pageCsp,
    noStore,
    form,
    dropBlank,
    ...deps.lookupLimiters,
    validate(lookupSchema),
    async (_req, res) => {
      const { params, body } = input<SecondFactor>(res);
      const factor: SecondFactor = body.pin ? { pin: body.pin } : { phone4: body.phone4 };
      res.type('html').send(resultView(await deps.tracking.lookup(params.code, factor), factor));
    },
  );
  router.post(
    '/tra-cuu/:code/danh-gia',
    pageCsp,
    noStore,
    form,
    dropBlank,
    ...deps.lookupLimiters,
    validate(ratingSchema),
    async (_req, res) => {
      const { params, body } = input<{ pin: string; level: RatingLevel; comment?: string }>(res);
      const factor = { pin: body.pin };
      try {
        await deps.tracking.rate(params.code, body.pin, body.level, body.comment);
      } catch (error) {
        if (!(error instanceof AppError) || error.code === 'DOSSIER_NOT_FOUND') throw error;
        const view = await deps.tracking.lookup(params.code, factor);
        res
          .status(error.status)
          .type('html')
          .send(resultView(view, factor, { errors: [renderMessage(error.code, 'vi', error.params)] }));
        return;
      }
      res.type('html').send(resultView(await deps.tracking.lookup(params.code, factor), factor, { rated: true }));
    },
  );

  router.get('/quay', pageCsp, (_req, res) => {
    res.type('html').send(counterPage());
  });
  router.get('/bang-dieu-khien', pageCsp, (_req, res) => {
    res.type('html').send(dashboardPage());
  });
  router.use(pageErrors);
  return router;
}

/**
 * Errors of the page routes as a page: the same status and message as the JSON endpoint, and for a
 * wrong PIN exactly the page of an unknown code (nothing tells the two apart, domain B6).
 */
const pageErrors: ErrorRequestHandler = (error: unknown, req: Request, res: Response, next: NextFunction) => {
  if (!(error instanceof AppError) || res.headersSent) {
    next(error);
    return;
  }
  const given = typeof req.params.code === 'string' && CODE.test(req.params.code) ? req.params.code : undefined;
  const errors = error.errors?.length
    ? error.errors.map((e) => e.message)
    : [renderMessage(error.code, 'vi', error.params)];
  res.status(error.status).setHeader('Cache-Control', 'no-store');
  res.type('html').send(lookupForm({ code: given, errors }));
};
