import { parseRetryAfter } from '../../domain/retry-after.ts';
import { EmailFinderError, type EmailFinderAnswer, type EmailFinderProvider } from '../spec/email-finder.ts';

/** Options of {@link createHunterEmailFinder}. */
export interface HunterEmailFinderOptions {
  /** API base, `https://api.hunter.io/v2` unless pointed elsewhere (a stand-in, a proxy). */
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
}

/**
 * Hunter's Email Finder (`GET /email-finder?domain&first_name&last_name&api_key`): the
 * address it found with its score and the pages it saw it on, or null when `data.email` is null.
 */
export function createHunterEmailFinder(options: HunterEmailFinderOptions): EmailFinderProvider {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    providerId: 'hunter',
    async findEmail({ domain, fullName, signal }) {
      const words = fullName.trim().split(/\s+/);
      const url = new URL(`${options.baseUrl.replace(/\/+$/, '')}/email-finder`);
      url.searchParams.set('domain', domain);
      url.searchParams.set('first_name', words[0] ?? '');
      url.searchParams.set('last_name', words.slice(1).join(' '));
      url.searchParams.set('api_key', options.apiKey);
      const timeout = AbortSignal.timeout(timeoutMs);
      let response: Response;
      let body: unknown;
      try {
        response = await fetch(url, { headers: { accept: 'application/json' }, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
        body = await response.json().catch(() => undefined);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (timeout.aborted) throw new EmailFinderError('timeout', `Hunter did not answer within ${timeoutMs} ms; try again later.`, { cause: error });
        throw new EmailFinderError('server_error', `Hunter could not be reached: ${(error as Error).message}`, { cause: error });
      }
      if (!response.ok) throw failure(response, body);
      return answerOf(body);
    },
  };
}

function failure(response: Response, body: unknown): EmailFinderError {
  const details = (body as { errors?: { details?: string }[] } | undefined)?.errors?.[0]?.details ?? response.statusText;
  const status = response.status;
  if (status === 401 || status === 403)
    return new EmailFinderError('authentication', `Hunter refused the API key (${details}); check FATHOM_EMAIL_FINDER_API_KEY.`, { status });
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    return new EmailFinderError('rate_limited', `Hunter's rate limit was reached (${details}).`, {
      status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (status >= 500) return new EmailFinderError('server_error', `Hunter failed (${status}: ${details}).`, { status });
  return new EmailFinderError('bad_request', `Hunter rejected the request (${status}: ${details}).`, { status });
}

function answerOf(body: unknown): EmailFinderAnswer | null {
  const data = (body as { data?: Record<string, unknown> } | undefined)?.data;
  if (!data || typeof data !== 'object') throw new EmailFinderError('invalid_response', 'Hunter answered without a "data" object.');
  if (typeof data.email !== 'string' || data.email === '') return null;
  const sources = Array.isArray(data.sources) ? data.sources.flatMap((source) => (typeof source?.uri === 'string' ? [source.uri as string] : [])) : [];
  return { email: data.email.toLowerCase(), score: typeof data.score === 'number' ? data.score : null, sources, provider: 'hunter' };
}
