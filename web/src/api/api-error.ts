import type { ValidationIssue } from './api-types.ts';

/**
 * A failed API call, readable as is. The server answers 422 with FastAPI's
 * `{"detail":[{loc,msg,type}]}` and every other error with `{"detail": string, "code": string}`;
 * both end up here so the UI shows one kind of error everywhere.
 */
export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** The server's stable error code, when it sent one. */
  readonly code: string | undefined;
  /** 422 validation issues, each with the location of the offending field. */
  readonly issues: ValidationIssue[];

  constructor(status: number, message: string, options: { code?: string; issues?: ValidationIssue[]; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ApiError';
    this.status = status;
    this.code = options.code;
    this.issues = options.issues ?? [];
  }

  /** True for 401: the token is missing, wrong or revoked. */
  get isUnauthorized(): boolean {
    return this.status === 401;
  }
}

/** Build the error from a response body that may be JSON, text or empty. */
export function apiErrorFromBody(status: number, statusText: string, bodyText: string): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  const detail = (body as { detail?: unknown } | undefined)?.detail;
  if (Array.isArray(detail)) {
    const issues = detail.filter(isIssue);
    const summary = issues.length === 1 ? describeIssue(issues[0]!) : `${issues.length} problems with the request`;
    return new ApiError(status, summary, { issues, code: 'validation_error' });
  }
  const code = (body as { code?: unknown } | undefined)?.code;
  const message = typeof detail === 'string' && detail !== '' ? detail : bodyText.trim().slice(0, 300) || `${status} ${statusText}`.trim();
  return new ApiError(status, message, { code: typeof code === 'string' ? code : undefined });
}

function isIssue(value: unknown): value is ValidationIssue {
  return typeof value === 'object' && value !== null && Array.isArray((value as ValidationIssue).loc) && typeof (value as ValidationIssue).msg === 'string';
}

/**
 * A location as a reader says it: `["body","column_configs",0,"value","labels"]` becomes
 * `column_configs[0] › value › labels`. The leading `body`/`query`/`path` is dropped because it
 * is where the app put the value, not something the user typed.
 */
export function describeLocation(loc: ValidationIssue['loc']): string {
  const parts = loc[0] === 'body' || loc[0] === 'query' || loc[0] === 'path' ? loc.slice(1) : loc;
  let text = '';
  for (const part of parts) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? part : ` › ${part}`;
  }
  return text;
}

/**
 * An issue as a sentence: "name: String should have at least 1 character". An issue about a path
 * parameter (`column_id`) is about the thing acted on, which the user did not type: its message
 * stands alone, without the wire name in front.
 */
export function describeIssue(issue: ValidationIssue): string {
  const where = issue.loc[0] === 'path' ? '' : describeLocation(issue.loc);
  return where === '' ? issue.msg : `${where}: ${issue.msg}`;
}

/** Any thrown value as a sentence for the UI. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
