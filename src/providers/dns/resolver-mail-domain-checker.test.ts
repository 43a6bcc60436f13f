import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsStandin, type DnsStandin } from '../../../test/fixtures/dns-standin/dns-standin-server.ts';
import { createMailDomainChecker } from './resolver-mail-domain-checker.ts';

describe('MX lookups through configured DNS servers', () => {
  let dns: DnsStandin;
  beforeAll(async () => {
    dns = await startDnsStandin({ 'mail.test': ['mx2.mail.test', 'mx1.mail.test'], 'nomail.test': [] });
  });
  afterAll(async () => {
    await dns.close();
  });

  it('answers MX records, NXDOMAIN and a domain without mail exchangers', async () => {
    const checker = createMailDomainChecker({ servers: [dns.server] });
    expect(await checker.checkMailDomain('mail.test')).toEqual({ acceptsMail: true, exchanges: ['mx2.mail.test', 'mx1.mail.test'] });
    expect(await checker.checkMailDomain('missing.test')).toEqual({ acceptsMail: false, reason: 'no_such_domain' });
    expect(await checker.checkMailDomain('nomail.test')).toEqual({ acceptsMail: false, reason: 'no_mail_exchanger' });
  });

  it('reuses an answer within its lifetime', async () => {
    const checker = createMailDomainChecker({ servers: [dns.server] });
    const before = dns.questions.length;
    await checker.checkMailDomain('mail.test');
    await checker.checkMailDomain('MAIL.test');
    expect(dns.questions.length - before).toBe(1);
  });
});
