/**
 * The DNS provider spec: whether a domain accepts mail (an MX lookup). The email finder asks
 * it before answering with an address; nothing else of Fathom talks to mail servers.
 */
import { ProviderError } from '../../domain/provider-error.ts';

/** What an MX lookup said about a domain. */
export type MailDomainAnswer = { acceptsMail: true; exchanges: string[] } | { acceptsMail: false; reason: 'no_such_domain' | 'no_mail_exchanger' };

export interface MailDomainChecker {
  /** Rejects with a `DnsError` when the resolver could not answer (timeout, server failure). */
  checkMailDomain(domain: string): Promise<MailDomainAnswer>;
}

export type DnsErrorCode = 'timeout' | 'server_failure';

export class DnsError extends ProviderError<DnsErrorCode> {
  override readonly name = 'DnsError';
  constructor(code: DnsErrorCode, message: string, cause?: unknown) {
    super(code, message, { isRetryable: true, cause });
  }
}
