import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * JSON-lines logger. Credentials and personal data are redacted wherever they might appear;
 * request logs carry the path without its query string (public lookups put PINs there).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'motcua' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.passwordHash', '*.refreshToken', '*.accessToken', '*.token', '*.pin'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
