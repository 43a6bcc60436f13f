import { describe, expect, it } from 'vitest';
import { createCompanyMentionCheck } from './company-mention.ts';

describe('createCompanyMentionCheck', () => {
  const isAboutAcme = createCompanyMentionCheck({ url: 'https://acme.com/', domain: 'acme.com', name: 'Acme Robotics' });

  it("accepts the company's own pages and pages naming it or its domain label", () => {
    expect(isAboutAcme('https://blog.acme.com/post', 'Nothing about anyone.')).toBe(true);
    expect(isAboutAcme('https://news.example/x', 'Acme Robotics raised money.')).toBe(true);
    expect(isAboutAcme('https://news.example/y', 'A profile of ACME, the robot maker.')).toBe(true);
  });

  it('refuses pages about someone else, even when a word contains the label', () => {
    expect(isAboutAcme('https://borealis.example/team', 'Ingrid Solberg, Chief Executive Officer')).toBe(false);
    expect(isAboutAcme('https://news.example/z', 'The acmeist movement in painting.')).toBe(false);
  });
});
