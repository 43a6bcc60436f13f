import { CliConfigError } from './cli-errors.ts';

/**
 * The one place the client commands read the environment: the token and the base URL. Flags win
 * over variables. FATHOM_API_TOKEN is also what `fathom serve` accepts as an always-valid token,
 * so one exported variable serves both; EXTRUCT_API_TOKEN is read too so vendor-CLI habits work.
 */

export const DEFAULT_BASE_URL = 'http://127.0.0.1:8000';
const DEFAULT_TIMEOUT_SECONDS = 30;

export interface ClientSettings {
  baseUrl: string;
  /** Undefined when no variable holds one; `requireToken` explains how to set it. */
  token: string | undefined;
  timeoutMs: number;
}

export interface ClientFlags {
  baseUrl?: string;
  /** Seconds, as the vendor CLI takes it. */
  timeout?: string;
}

/** Settings from flags, then FATHOM_BASE_URL / FATHOM_API_TOKEN / EXTRUCT_API_TOKEN; throws CliConfigError naming what is wrong. */
export function resolveClientSettings(flags: ClientFlags, environment: Record<string, string | undefined> = process.env): ClientSettings {
  const baseUrl = flags.baseUrl || environment.FATHOM_BASE_URL || DEFAULT_BASE_URL;
  checkBaseUrl(baseUrl, flags.baseUrl ? '--base-url' : environment.FATHOM_BASE_URL ? 'FATHOM_BASE_URL' : 'the default base URL');
  const seconds = flags.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(flags.timeout);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new CliConfigError(`--timeout must be a number of seconds above 0 (got "${flags.timeout}")`);
  return {
    // Paths already start with /v1, so a base URL copied with /v1 at its end would double it.
    baseUrl: baseUrl.replace(/\/+$/, '').replace(/\/v1$/, ''),
    // An empty variable counts as unset: `FATHOM_API_TOKEN= fathom ...` should not send "Bearer ".
    token: environment.FATHOM_API_TOKEN || environment.EXTRUCT_API_TOKEN || undefined,
    timeoutMs: Math.round(seconds * 1000),
  };
}

/** The token, or a config error that says how to provide one. */
export function requireToken(settings: ClientSettings): string {
  if (settings.token) return settings.token;
  throw new CliConfigError('no API token: set FATHOM_API_TOKEN (or EXTRUCT_API_TOKEN); `fathom keys create` makes one');
}

function checkBaseUrl(value: string, source: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliConfigError(`${source} "${value}" is not a URL; expected something like ${DEFAULT_BASE_URL}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliConfigError(`${source} "${value}" must start with http:// or https://`);
}
