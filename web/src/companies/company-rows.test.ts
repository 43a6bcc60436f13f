import { describe, expect, it } from 'vitest';
import { companyRows } from './company-rows.ts';

describe('rows for companies picked from search or Deep Search', () => {
  it('makes one row per distinct domain, input = the domain, with the metadata given', () => {
    expect(
      companyRows([{ domain: 'Gripbot.com' }, { domain: 'paylane.de', metadata: { discovery_task_id: 't1' } }, { domain: 'gripbot.com ' }, { domain: ' ' }]),
    ).toEqual([{ data: { input: 'gripbot.com' } }, { data: { input: 'paylane.de' }, metadata: { discovery_task_id: 't1' } }]);
  });

  it('writes into another input column when named', () => {
    expect(companyRows([{ domain: 'acme.com' }], 'website')).toEqual([{ data: { website: 'acme.com' } }]);
  });
});
