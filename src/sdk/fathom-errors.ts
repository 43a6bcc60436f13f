import type { TableWithStatus, ValidationIssue } from './api-types.ts';

/**
 * The errors the SDK throws. Each one says what was asked (`method`, `path`) and what a caller
 * can do about it; `isRetryable` tells scripts whether trying again can help.
 */

/** The server answered with a status other than 2xx. */
export class FathomApiError extends Error {
  /** HTTP status (401 bad token, 404 unknown id, 422 validation, 5xx server trouble, ...). */
  readonly status: number;
  /** The server's readable detail; for 422, the issues joined as `loc: msg; ...`. */
  readonly detail: string;
  /** The server's stable error code (`not_found`, `validation_error`, `plan_required`, ...), when it sent one. */
  readonly code: string | undefined;
  /** The 422 issues with their `loc`s; empty for other statuses. */
  readonly issues: ValidationIssue[];
  /** HTTP method of the failed request. */
  readonly method: string;
  /** Path of the failed request, without the base URL. */
  readonly path: string;
  /** The parsed response body, as the server sent it. */
  readonly body: unknown;

  constructor(input: { status: number; detail: string; code?: string; issues?: ValidationIssue[]; method: string; path: string; body: unknown }) {
    super(`${input.method} ${input.path} answered ${input.status}: ${input.detail}`);
    this.name = 'FathomApiError';
    this.status = input.status;
    this.detail = input.detail;
    this.code = input.code;
    this.issues = input.issues ?? [];
    this.method = input.method;
    this.path = input.path;
    this.body = input.body;
  }

  /** 5xx answers may succeed later; 4xx answers will not until the request changes. */
  get isRetryable(): boolean {
    return this.status >= 500;
  }
}

/** No answer: the connection failed or the request timed out (after the retries). */
export class FathomNetworkError extends Error {
  /** True when the request was abandoned after `timeoutMs`. */
  readonly isTimeout: boolean;
  /** HTTP method of the failed request. */
  readonly method: string;
  /** Path of the failed request, without the base URL. */
  readonly path: string;
  /** The whole URL asked for. */
  readonly url: string;
  /** The time limit a timed-out request hit, in milliseconds. */
  readonly timeoutMs: number | undefined;

  constructor(input: { message: string; isTimeout: boolean; method: string; path: string; url?: string; timeoutMs?: number; cause?: unknown }) {
    super(input.message, { cause: input.cause });
    this.name = 'FathomNetworkError';
    this.isTimeout = input.isTimeout;
    this.method = input.method;
    this.path = input.path;
    this.url = input.url ?? input.path;
    this.timeoutMs = input.timeoutMs;
  }

  /** A server that was down or slow may answer later. */
  get isRetryable(): boolean {
    return true;
  }
}

/** `waitForIdle` gave up before the table became idle; the run goes on on the server. */
export class FathomWaitTimeoutError extends Error {
  /** The table waited for. */
  readonly tableId: string;
  /** The last table state seen, with its `status` counts. */
  readonly lastTable: TableWithStatus | undefined;
  /** How long it waited, in milliseconds. */
  readonly timeoutMs: number;

  constructor(tableId: string, timeoutMs: number, lastTable: TableWithStatus | undefined) {
    const inProgress = lastTable ? `; ${lastTable.status.num_cells_in_progress} cells still queued or running` : '';
    super(`table ${tableId} was not idle after ${timeoutMs} ms${inProgress}`);
    this.name = 'FathomWaitTimeoutError';
    this.tableId = tableId;
    this.lastTable = lastTable;
    this.timeoutMs = timeoutMs;
  }

  get isRetryable(): boolean {
    return true;
  }
}
