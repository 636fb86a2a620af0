import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError } from './errors.js';
import { requestLanguage } from './language.js';
import { renderMessage, type ErrorCode } from './messages.js';

/** SQLSTATE → API code (style.md 5: by code, never by message text). */
const sqlStateCodes: Record<string, ErrorCode> = {
  '23505': 'CONFLICT', // unique_violation
  '23503': 'CONFLICT', // foreign_key_violation
  '40001': 'CONFLICT', // serialization_failure
  '40P01': 'CONFLICT', // deadlock_detected
};

/** body-parser error types → API code. */
const bodyParserCodes: Record<string, ErrorCode> = {
  'entity.parse.failed': 'MALFORMED_JSON',
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'entity.verify.failed': 'MALFORMED_JSON',
  'request.aborted': 'MALFORMED_JSON',
};

function sqlState(error: unknown): string | undefined {
  for (
    let e = error, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** 4xx statuses the HTTP stack itself (router, body-parser) gives its errors → API code. */
const httpStatusCodes: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  const type = (error as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && bodyParserCodes[type]) return new AppError(bodyParserCodes[type]);
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Express decodes path parameters with decodeURIComponent: bad percent-encoding is the client's.
    if (error instanceof URIError) return new AppError('PATH_ENCODING_INVALID');
    // body-parser's inflation of a gzip/deflate/br body that is not one (zlib codes Z_*, brotli ERR_*).
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^(Z_|ERR_)/.test(code)) return new AppError('CONTENT_ENCODING_INVALID');
    const mapped = httpStatusCodes[status];
    if (mapped && (error as { expose?: unknown }).expose !== false) return new AppError(mapped);
  }
  const state = sqlState(error);
  if (state && sqlStateCodes[state]) return new AppError(sqlStateCodes[state]);
  return undefined;
}

/** Answers `error` as problem+json; `extensions` are extra members (RFC 9457 §3.2), e.g. a health check's state. */
export function sendProblem(
  req: Request,
  res: Response,
  error: AppError,
  extensions: Record<string, unknown> = {},
): void {
  const lang = requestLanguage(req);
  const body = {
    type: `urn:motcua:problem:${error.code}`,
    // Issue 13 "Everyone": the title follows the request's language too, placeholders filled.
    title: renderMessage(error.code, lang, error.params),
    status: error.status,
    detail: renderMessage(error.code, lang, error.params),
    code: error.code,
    ...(error.errors ? { errors: error.errors } : {}),
    requestId: String(req.id ?? ''),
    ...extensions,
  };
  res.status(error.status).type('application/problem+json').send(JSON.stringify(body));
}

/** The one place that turns errors into HTTP. Unknown errors become a logged 500 without details. */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const known = toAppError(error);
    if (known) {
      sendProblem(req, res, known);
      return;
    }
    logger.error({ err: error, requestId: req.id }, 'unhandled error');
    if (res.headersSent) {
      res.end();
      return;
    }
    sendProblem(req, res, new AppError('INTERNAL_ERROR'));
  };
}
