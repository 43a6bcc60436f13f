/**
 * Errors are values with a stable `code`, an HTTP `status` where they cross the API,
 * and a message a user can act on. The API maps them to the contract's shapes in one place.
 */

/** One entry of FastAPI's 422 body: where the problem is, what it is, and a pydantic-style type. */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export interface AppErrorOptions {
  cause?: unknown;
  isRetryable?: boolean;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly isRetryable: boolean;

  constructor(code: string, status: number, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.isRetryable = options.isRetryable ?? false;
  }
}

/** 422 with FastAPI's `{"detail": [{loc, msg, type}]}` body. */
export class ValidationError extends AppError {
  readonly issues: ValidationIssue[];

  constructor(issues: ValidationIssue[]) {
    super('validation_error', 422, issues.map((issue) => `${issue.loc.join('.')}: ${issue.msg}`).join('; '));
    this.name = 'ValidationError';
    this.issues = issues;
  }

  static single(loc: (string | number)[], msg: string, type = 'value_error'): ValidationError {
    return new ValidationError([{ loc, msg, type }]);
  }
}

/** Unknown ids and ids of another workspace look the same: 404, never 403 or the data. */
export class NotFoundError extends AppError {
  constructor(message: string) {
    super('not_found', 404, message);
    this.name = 'NotFoundError';
  }
}

export class AuthenticationError extends AppError {
  constructor(message = 'Not authenticated: send Authorization: Bearer <token> with a valid API token') {
    super('not_authenticated', 401, message);
    this.name = 'AuthenticationError';
  }
}

/** A plain 400 with a string detail (the contract uses it for list limit > 100). */
export class BadRequestError extends AppError {
  constructor(message: string) {
    super('bad_request', 400, message);
    this.name = 'BadRequestError';
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super('payload_too_large', 413, message);
    this.name = 'PayloadTooLargeError';
  }
}

/** Normalise whatever was thrown into an Error, keeping the original as `cause`. */
export function coerceError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new Error(typeof thrown === 'string' ? thrown : JSON.stringify(thrown), { cause: thrown });
}

/** 504: the work was started and goes on; the same request later returns its result. */
export class GatewayTimeoutError extends AppError {
  constructor(message: string) {
    super('still_working', 504, message, { isRetryable: true });
    this.name = 'GatewayTimeoutError';
  }
}
