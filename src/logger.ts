import { pino, type DestinationStream, type Logger } from 'pino';
import { safeError } from './lib/safe-error.js';

/**
 * JSON-lines logger. Credentials and personal data are redacted wherever they might appear;
 * request logs carry the path without its query string (public lookups put PINs there) and the
 * signed-in user's id (never names).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'motcua' },
    // Every `{ err }` logged anywhere goes through safeError: no SQL parameters or quoted values.
    serializers: { err: safeError },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.passwordHash',
        '*.refreshToken',
        '*.accessToken',
        '*.token',
        '*.pin',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
