import { describe, expect, it } from 'vitest';
import { addressesInText, applyPattern, isRoleAddress, learnPattern, patternsOf } from './email-pattern.ts';

describe('email patterns', () => {
  it('applies patterns to names, ignoring accents, honorifics and middle names', () => {
    expect(applyPattern('first.last', 'Dr. Zoë Anne Park')).toBe('zoe.park');
    expect(applyPattern('flast', 'Omar Haddad')).toBe('ohaddad');
    expect(applyPattern('first', 'Single')).toBeNull();
  });

  it('learns the pattern most examples fit', () => {
    const learned = learnPattern([
      { full_name: 'Omar Haddad', email: 'ohaddad@x.test', source: 'a' },
      { full_name: 'Lena Fischer', email: 'lfischer@x.test', source: 'b' },
      { full_name: 'Ann Bell', email: 'ann.bell@x.test', source: 'c' },
    ]);
    expect(learned?.pattern).toBe('flast');
    expect(learned?.examples.map((example) => example.email)).toEqual(['ohaddad@x.test', 'lfischer@x.test']);
    expect(learnPattern([{ full_name: 'Ann Bell', email: 'sales@x.test', source: 'c' }])).toBeNull();
    expect(patternsOf('ann@x.test', 'Ann Bell')).toEqual(['first']);
  });

  it('finds addresses in text and tells role addresses apart', () => {
    expect(addressesInText('Write to Hello@Acme.test or ann.bell@acme.test.')).toEqual(['hello@acme.test', 'ann.bell@acme.test']);
    expect(isRoleAddress('hello@acme.test')).toBe(true);
    expect(isRoleAddress('ann.bell@acme.test')).toBe(false);
  });
});
