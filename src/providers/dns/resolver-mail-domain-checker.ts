import { Resolver } from 'node:dns/promises';
import { DnsError, type MailDomainAnswer, type MailDomainChecker } from '../spec/dns.ts';

/** Options of {@link createMailDomainChecker}. */
export interface MailDomainCheckerOptions {
  /** DNS servers as `host:port` (FATHOM_DNS_SERVERS); empty uses the system's resolvers. */
  servers: readonly string[];
  /** Per-query timeout (node retries once within it). */
  timeoutMs?: number;
  /** How long an answer is reused; lookups for one company's people repeat the same domain. */
  ttlMs?: number;
  now?: () => number;
}

const NO_SUCH_DOMAIN = new Set(['ENOTFOUND', 'NXDOMAIN']);
const NO_RECORDS = new Set(['ENODATA', 'NODATA']);

/**
 * MX lookups through node's resolver (c-ares), against the system's servers or the ones
 * configured. A domain without MX records is reported as not accepting mail: every mail domain
 * worth writing to publishes one, and guessing from an address record would be a guess.
 * Answers (not failures) are kept for `ttlMs`.
 */
export function createMailDomainChecker(options: MailDomainCheckerOptions): MailDomainChecker {
  const timeout = options.timeoutMs ?? 3_000;
  const resolver = new Resolver({ timeout: Math.max(1, Math.floor(timeout / 2)), tries: 2 });
  if (options.servers.length > 0) resolver.setServers([...options.servers]);
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  const answers = new Map<string, { answer: MailDomainAnswer; at: number }>();
  return {
    async checkMailDomain(domain) {
      const key = domain.toLowerCase();
      const cached = answers.get(key);
      if (cached && now() - cached.at < ttlMs) return cached.answer;
      const answer = await lookUp(resolver, key);
      if (answers.size > 10_000) answers.clear();
      answers.set(key, { answer, at: now() });
      return answer;
    },
  };
}

async function lookUp(resolver: Resolver, domain: string): Promise<MailDomainAnswer> {
  try {
    const records = await resolver.resolveMx(domain);
    const exchanges = records
      .filter((record) => record.exchange !== '' && record.exchange !== '.')
      .sort((left, right) => left.priority - right.priority)
      .map((record) => record.exchange);
    // A "null MX" (RFC 7505: one record with exchange ".") says the domain takes no mail.
    return exchanges.length > 0 ? { acceptsMail: true, exchanges } : { acceptsMail: false, reason: 'no_mail_exchanger' };
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (NO_SUCH_DOMAIN.has(code)) return { acceptsMail: false, reason: 'no_such_domain' };
    if (NO_RECORDS.has(code)) return { acceptsMail: false, reason: 'no_mail_exchanger' };
    if (code === 'ETIMEOUT') throw new DnsError('timeout', `The MX lookup for ${domain} timed out; try again later.`, error);
    throw new DnsError(
      'server_failure',
      `The MX lookup for ${domain} failed (${code || 'unknown error'}); check FATHOM_DNS_SERVERS or the system resolver.`,
      error,
    );
  }
}
