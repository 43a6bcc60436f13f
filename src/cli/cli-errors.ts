/** Exit codes shared with the vendor's CLI, so scripts written for it read ours the same way. */
export const EXIT_SUCCESS = 0;
/** The request failed (4xx other than auth, 5xx, network), or the command was used wrongly. */
export const EXIT_REQUEST_FAILURE = 1;
/** No token, a token the server refuses (401/403), or a bad base URL or option. */
export const EXIT_AUTH_CONFIG_ERROR = 2;
/** A bug: something nobody planned for. */
export const EXIT_UNEXPECTED = 3;
/** `--wait` followed a run that did not complete: some of its cells failed, or it was cancelled. */
export const EXIT_RUN_INCOMPLETE = 4;
/** Interrupted (Ctrl-C) while waiting; the shell's convention for SIGINT. */
export const EXIT_INTERRUPTED = 130;

/** The command was used wrongly (bad JSON payload, missing --yes, unknown CSV header); exit 1 like the vendor CLI. */
export class CliUsageError extends Error {
  /** Extra facts for the JSON error report. */
  readonly details: unknown;

  constructor(message: string, details?: unknown) {
    super(message);
    this.name = 'CliUsageError';
    this.details = details;
  }
}

/** The client is not configured to talk to a server (no token, bad base URL, bad --timeout); exit 2. */
export class CliConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliConfigError';
  }
}

/** A run followed with --wait ended without every cell done (exit 4); the message says how to see and retry the failures. */
export class CliRunIncompleteError extends Error {
  /** The run as it ended. */
  readonly details: unknown;

  constructor(message: string, details: unknown) {
    super(message);
    this.name = 'CliRunIncompleteError';
    this.details = details;
  }
}
