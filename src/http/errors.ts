import { messages, type ErrorCode } from './messages.js';

export interface FieldError {
  path: string;
  type: string;
  message: string;
}

/** The one error type of the API: a stable code, its HTTP status, message params and field errors. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly errors?: FieldError[],
  ) {
    super(code);
    this.name = 'AppError';
    this.status = messages[code].status;
  }
}
