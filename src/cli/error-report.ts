import { FathomApiError, FathomNetworkError, FathomWaitTimeoutError, formatIssue } from '../sdk/index.ts';
import { CliConfigError, CliUsageError, EXIT_AUTH_CONFIG_ERROR, EXIT_REQUEST_FAILURE, EXIT_UNEXPECTED } from './cli-errors.ts';
import { printJson } from './json-output.ts';

/** The vendor CLI's error document, so scripts that parse its `--json`-style errors keep working. */
interface ErrorDocument {
  error: { code: string; message: string; method: string; path: string; status_code?: number; details?: unknown };
}

/**
 * Print an error for a person (stderr, the server's detail, 422 issues one per line) or, with
 * --json, as one JSON document on stdout; answer the exit code it deserves.
 */
export function reportError(error: unknown, options: { json?: boolean; pretty?: boolean }): number {
  const { document, exitCode, text } = describe(error);
  if (options.json) printJson(document, options.pretty);
  else process.stderr.write(`${text}\n`);
  return exitCode;
}

function describe(error: unknown): { document: ErrorDocument; exitCode: number; text: string } {
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
    return {
      document: { error: { code: 'network_error', message: error.message, method: error.method, path: error.path, details: { timeout: error.isTimeout } } },
      exitCode: EXIT_REQUEST_FAILURE,
      text: `fathom: ${error.message}${error.isTimeout ? ' (raise --timeout?)' : ' (is `fathom serve` running there? set --base-url or FATHOM_BASE_URL)'}`,
    };
  }
  if (error instanceof FathomWaitTimeoutError) {
    return { document: cliError('timeout_error', error.message), exitCode: EXIT_REQUEST_FAILURE, text: `fathom: ${error.message}` };
  }
  if (error instanceof CliUsageError) {
    return { document: cliError('cli_error', error.message, error.details), exitCode: EXIT_REQUEST_FAILURE, text: `fathom: ${error.message}` };
  }
  if (error instanceof CliConfigError) {
    return { document: cliError('auth_error', error.message), exitCode: EXIT_AUTH_CONFIG_ERROR, text: `fathom: ${error.message}` };
  }
  const message = error instanceof Error ? error.message : String(error);
  // Unexpected: keep the stack, it is what a bug report needs.
  const text = `fathom: unexpected error: ${error instanceof Error && error.stack ? error.stack : message}`;
  return { document: cliError('unexpected_error', message), exitCode: EXIT_UNEXPECTED, text };
}

function cliError(code: string, message: string, details?: unknown): ErrorDocument {
  return { error: { code, message, method: 'CLI', path: '', ...(details === undefined ? {} : { details }) } };
}
