import { describe, expect, it } from 'vitest';
import { employeeCountBucket, foundingYearOf } from './company-profile-fields.ts';

describe('employeeCountBucket', () => {
  it.each([
    ['120', '51-200'],
    [120, '51-200'],
    ['51-200', '51-200'],
    ['1,001–5,000', '1001-5000'],
    ['10001+', '10001+'],
    ['about 7 people', '1-10'],
    ['100-400', '201-500'],
    ['250000', '10001+'],
    ['11', '11-50'],
  ])('%s → %s', (written, bucket) => {
    expect(employeeCountBucket(written)).toBe(bucket);
  });

  it('is null without a number', () => {
    expect(employeeCountBucket('many')).toBeNull();
    expect(employeeCountBucket(null)).toBeNull();
  });
});

describe('foundingYearOf', () => {
  it('reads years from dates and prose, refusing the implausible', () => {
    const now = new Date('2025-06-01T00:00:00Z');
    expect(foundingYearOf('2014-03-01', now)).toBe(2014);
    expect(foundingYearOf('Founded in 1998 in Oslo', now)).toBe(1998);
    expect(foundingYearOf(2019, now)).toBe(2019);
    expect(foundingYearOf('2031', now)).toBeNull();
    expect(foundingYearOf('12345', now)).toBeNull();
    expect(foundingYearOf(undefined, now)).toBeNull();
  });
});
