import { describe, expect, it } from 'vitest';
import { findLinkedinUrl } from './linkedin-agent.ts';
import { profileWords } from './linkedin-fallback-evidence.ts';

describe('findLinkedinUrl', () => {
  const domains = new Set(['linkedin.com']);
  it('finds the first LinkedIn URL in a prompt, without trailing punctuation', () => {
    expect(findLinkedinUrl('Summarise https://acme.com and https://www.linkedin.com/company/acme-robotics/.', domains)).toBe(
      'https://www.linkedin.com/company/acme-robotics/',
    );
    expect(findLinkedinUrl('(see https://de.linkedin.com/in/ada-gear)', domains)).toBe('https://de.linkedin.com/in/ada-gear');
  });

  it('ignores look-alike domains and text without a URL', () => {
    expect(findLinkedinUrl('https://linkedin.com.evil.example/in/x', domains)).toBeNull();
    expect(findLinkedinUrl('linkedin.com/in/x', domains)).toBeNull();
  });
});

describe('profileWords', () => {
  it('reads the words of a profile slug, without ids', () => {
    expect(profileWords('https://www.linkedin.com/company/acme-robotics/')).toBe('acme robotics');
    expect(profileWords('https://www.linkedin.com/in/ada-gear-4b2a91c7')).toBe('ada gear');
    expect(profileWords('https://www.linkedin.com/in/ada_gear')).toBe('ada gear');
    expect(profileWords('https://www.linkedin.com/jobs/view/42')).toBe('');
  });
});
