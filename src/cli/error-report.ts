import { FathomApiError, FathomNetworkError, FathomWaitTimeoutError, formatIssue } from '../sdk/index.ts';
import {
  CliConfigError,
  CliRunIncompleteError,
  CliUsageError,
  EXIT_AUTH_CONFIG_ERROR,
  EXIT_REQUEST_FAILURE,
  EXIT_RUN_INCOMPLETE,
  EXIT_UNEXPECTED,
} from './cli-errors.ts';
import { describeFileError } from './file-errors.ts';
import { printJson } from './json-output.ts';

/** The vendor CLI's error document, so scripts that parse its `--json`-style errors keep working. */
interface ErrorDocument {
  error: { code: string; message: string; method: string; path: string; status_code?: number; details?: unknown };
}

/** What the command was given, so limits are reported in the unit the user typed them in. */
export interface ReportOptions {
  json?: boolean;
  pretty?: boolean;
  /** --timeout, in seconds as typed. */
  timeout?: string;
  /** --timeout-after, in seconds. */
  timeoutAfter?: number;
}

/**
 * Print an error for a person (stderr, the server's detail, 422 issues one per line) or, with
 * --json, as one JSON document on stdout; answer the exit code it deserves.
 */
export function reportError(error: unknown, options: ReportOptions): number {
  const { document, exitCode, text } = describe(error, options);
  if (options.json) printJson(document, options.pretty);
  else process.stderr.write(`${text}\n`);
  return exitCode;
}

type Report = { document: ErrorDocument; exitCode: number; text: string };

function describe(error: unknown, options: ReportOptions): Report {
  if (error instanceof FathomApiError) {
    const isAuth = error.status === 401 || error.status === 403;
    const code = isAuth ? 'auth_error' : 'http_error';
    const summary = `${error.status}${error.code ? ` ${error.code}` : ''} from ${error.method} ${error.path}`;
    const text =
      error.issues.length > 0
        ? `fathom: request rejected (${summary}):\n${error.issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}`
        : `fathom: ${error.detail} (${summary})${isAuth ? '\n  check FATHOM_API_TOKEN (or EXTRUCT_API_TOKEN) and --base-url' : ''}`;
    return {
      document: { error: { code, message: error.detail, method: error.method, path: error.path, status_code: error.status, details: error.body } },
      exitCode: isAuth ? EXIT_AUTH_CONFIG_ERROR : EXIT_REQUEST_FAILURE,
      text,
    };
  }
  if (error instanceof FathomNetworkError) {
    const message = error.isTimeout ? `${error.method} ${error.url} timed out after ${options.timeout ?? secondsOf(error.timeoutMs)} s` : error.message;
    return {
      document: { error: { code: 'network_error', message, method: error.method, path: error.path, details: { timeout: error.isTimeout } } },
      exitCode: EXIT_REQUEST_FAILURE,
      text: `fathom: ${message}${error.isTimeout ? ' (raise --timeout?)' : ' (is `fathom serve` running there? set --base-url or FATHOM_BASE_URL)'}`,
    };
  }
  if (error instanceof FathomWaitTimeoutError) {
    const waited = options.timeoutAfter ?? secondsOf(error.timeoutMs);
    const left = error.lastTable ? `; ${error.lastTable.status.num_cells_in_progress.toLocaleString('en-US')} cells still queued or running` : '';
    const message = `table ${error.tableId} was not idle after ${waited} s${left} (the run goes on on the server)`;
    return { document: cliError('timeout_error', message), exitCode: EXIT_REQUEST_FAILURE, text: `fathom: ${message}` };
  }
  if (error instanceof CliRunIncompleteError) {
    return { document: cliError('run_incomplete', error.message, error.details), exitCode: EXIT_RUN_INCOMPLETE, text: `fathom: ${error.message}` };
  }
  if (error instanceof CliUsageError) {
    return { document: cliError('cli_error', error.message, error.details), exitCode: EXIT_REQUEST_FAILURE, text: `fathom: ${error.message}` };
  }
  if (error instanceof CliConfigError) {
    return { document: cliError('auth_error', error.message), exitCode: EXIT_AUTH_CONFIG_ERROR, text: `fathom: ${error.message}` };
  }
  const fileProblem = describeFileError(error);
  if (fileProblem) return { document: cliError('file_error', fileProblem), exitCode: EXIT_REQUEST_FAILURE, text: `fathom: ${fileProblem}` };
  const message = error instanceof Error ? error.message : String(error);
  // Unexpected: keep the stack, it is what a bug report needs.
  const text = `fathom: unexpected error: ${error instanceof Error && error.stack ? error.stack : message}`;
  return { document: cliError('unexpected_error', message), exitCode: EXIT_UNEXPECTED, text };
}

/** 30000 → "30", 1500 → "1.5". */
function secondsOf(milliseconds: number | undefined): string {
  return milliseconds === undefined ? '?' : String(Math.round(milliseconds / 100) / 10);
}

function cliError(code: string, message: string, details?: unknown): ErrorDocument {
  return { error: { code, message, method: 'CLI', path: '', ...(details === undefined ? {} : { details }) } };
}
