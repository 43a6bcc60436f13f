import { describe, expect, it } from 'vitest';
import { parseAnswer } from './parse-answer.ts';

describe('parseAnswer people', () => {
  it.each([
    [[{ full_name: 'Jane Doe' }], [{ full_name: 'Jane Doe' }]],
    [
      [{ full_name: ' Jane Doe ', role: ' CFO ', profile_url: 'linkedin.com/in/janedoe' }],
      [{ full_name: 'Jane Doe', role: 'CFO', profile_url: 'https://linkedin.com/in/janedoe' }],
    ],
    [
      [
        { full_name: 'Jane Doe', role: null, profile_url: 'Not found' },
        { full_name: 'John Roe', role: 'N/A', profile_url: '' },
      ],
      [{ full_name: 'Jane Doe' }, { full_name: 'John Roe' }],
    ],
    [[{ full_name: 'Jane Doe', email: 'jane@example.com', company: 'Acme' }], [{ full_name: 'Jane Doe' }]],
    ['[{"full_name": "Jane Doe", "role": "CEO"}]', [{ full_name: 'Jane Doe', role: 'CEO' }]],
    [[], []],
  ])('accepts %j as %j', (raw, answer) => {
    expect(parseAnswer('people', raw)).toEqual({ ok: true, answer, isNotFound: false });
  });

  it.each([
    [[{ role: 'CFO' }], 'Person 1 has no full_name'],
    [[{ full_name: 'Jane Doe' }, { full_name: '  ' }], 'Person 2 has no full_name'],
    [[{ full_name: 42 }], 'Person 1 has no full_name'],
    [['Jane Doe'], 'Person 1 is text, not an object'],
    [[{ full_name: 'Jane Doe', role: 7 }], 'has a role that is not text'],
    [[{ full_name: 'Jane Doe', profile_url: 'javascript:alert(1)' }], 'has an invalid profile_url'],
    [{ full_name: 'Jane Doe' }, 'Expected a list of objects'],
    ['Jane Doe, CFO', 'Expected a list of objects'],
    [42, 'Expected a list of objects'],
  ])('refuses %j (%s)', (raw, reason) => {
    expect(parseAnswer('people', raw)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });
});
