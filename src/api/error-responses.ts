import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { AppError, ValidationError } from '../domain/errors.ts';

/**
 * The one place errors become HTTP responses: 422 in FastAPI's `{"detail": [...]}` shape,
 * everything else as `{"detail": "<message>", "code": "<code>"}`. Unknown errors are logged
 * and answered with a generic 500, never with a stack trace.
 */
export function errorResponse(error: unknown, context: Context, logger: Logger): Response {
  if (error instanceof ValidationError) return context.json({ detail: error.issues }, 422);
  if (error instanceof AppError) {
    const headers: Record<string, string> = error.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
    // A body refused for its size is left unread; the connection cannot carry another request,
    // so say so instead of letting the client reuse it and fail.
    if (error.status === 413) headers.Connection = 'close';
    return context.json({ detail: error.message, code: error.code }, error.status as 400, headers);
  }
  if (error instanceof HTTPException) {
    return context.json({ detail: error.message || 'HTTP error', code: 'http_error' }, error.status);
  }
  logger.error({ err: error, method: context.req.method, path: context.req.path }, 'request failed');
  return context.json({ detail: 'Internal server error', code: 'internal_error' }, 500);
}
