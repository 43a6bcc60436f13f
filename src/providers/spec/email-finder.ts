/**
 * The optional paid email-finder spec: one API (Hunter-shaped) asked for a person's work
 * address when public evidence gave none. With none configured the finders use public
 * evidence alone.
 */
import { ProviderError } from '../../domain/provider-error.ts';

/** What the provider found for one person at one domain. */
export interface EmailFinderAnswer {
  email: string;
  /** The provider's confidence, 0–100. */
  score: number | null;
  /** Pages the provider says it saw the address on. */
  sources: string[];
  /** The provider's id, recorded in the cell ("hunter"). */
  provider: string;
}

export interface EmailFinderProvider {
  readonly providerId: string;
  /** The address, or null when the provider has none. Rejects with an `EmailFinderError`. */
  findEmail(request: { domain: string; fullName: string; signal?: AbortSignal }): Promise<EmailFinderAnswer | null>;
}

export type EmailFinderErrorCode = 'authentication' | 'rate_limited' | 'bad_request' | 'server_error' | 'timeout' | 'invalid_response';

export class EmailFinderError extends ProviderError<EmailFinderErrorCode> {
  override readonly name = 'EmailFinderError';
  constructor(code: EmailFinderErrorCode, message: string, options: { status?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(code, message, { isRetryable: code === 'rate_limited' || code === 'server_error' || code === 'timeout', ...options });
  }
}
